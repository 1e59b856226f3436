export { dicomwebPlugin, type DicomwebOptions } from './plugin.js';
