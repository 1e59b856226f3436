import { S3ServiceException } from '@aws-sdk/client-s3';

/** The HTTP status of a failed S3 call, when the server answered at all. */
export function s3Status(error: unknown): number | undefined {
  return error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
}

/** Whether an S3 call failed because its key is absent (not its bucket, which is a setup fault). */
export function isMissingKey(error: unknown): boolean {
  return s3Status(error) === 404 && !(error instanceof S3ServiceException && error.name === 'NoSuchBucket');
}

/** A short reason for a failed S3 call, for messages: the S3 error code, or the network error. */
export function describeS3Error(error: unknown): string {
  if (error instanceof S3ServiceException) return `${error.name}, HTTP ${error.$metadata.httpStatusCode ?? '?'}`;
  const message = error instanceof Error ? error.message : String(error);
  // The SDK wraps errors it does not recognise as its own (e.g. from another realm) this way.
  return message.replace(/^AWS SDK error wrapper for (Error: )?/, '');
}
