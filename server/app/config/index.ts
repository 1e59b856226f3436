export type { BlobStoreConfig, Config } from './config.js';
export { loadConfig, OIDC_CALLBACK_PATH, type LoadConfigOptions } from './load-config.js';
export { settings } from './settings.js';
