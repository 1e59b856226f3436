import { createHmac } from 'node:crypto';

/** The `Strata-Signature-256` value of a body: `sha256=` and the hex HMAC-SHA256 of its exact bytes with the secret. */
export function signatureOf(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
