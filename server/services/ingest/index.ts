export { storeFileParts } from './store-file.js';
