export { StrataError, isStrataError, storageFullOf, systemErrorCode } from './strata-error.js';
export type { ErrorKind, StrataErrorOptions } from './strata-error.js';
export { HTTP_STATUS, kindOfHttpStatus } from './http-status.js';
export { isUuid } from './uuid.js';
