export { rgwInstalled, startRgw, type RgwOptions, type RgwServer } from './rgw.js';
