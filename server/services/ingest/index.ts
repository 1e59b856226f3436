export { importDirectory, type ImportFailure, type ImportOptions, type ImportReport } from './import-directory.js';
export { storeFileParts } from './store-file.js';
export { ingestBytes, ingestFile, type IngestedInstance } from './ingest-file.js';
