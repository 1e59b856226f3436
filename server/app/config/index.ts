export type { BlobStoreConfig, Config } from './config.js';
export { loadConfig, type LoadConfigOptions } from './load-config.js';
export { settings } from './settings.js';
