export { StrataError, isStrataError, systemErrorCode } from './strata-error.js';
export type { ErrorKind, StrataErrorOptions } from './strata-error.js';
