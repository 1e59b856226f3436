import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { argon2id } from 'hash-wasm';

/** API tokens: `strata_` and 240 random bits, base64url (40 characters). */
export const TOKEN_PREFIX = 'strata_';
const TOKEN_SHAPE = /^strata_[A-Za-z0-9_-]{40}$/;
/** How many leading characters of a token are kept to recognise it by. */
export const TOKEN_DISPLAY_LENGTH = 12;

export function newToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(30).toString('base64url')}`;
}

export function looksLikeToken(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}

/** A web session's secret: 32 random bytes, base64url. */
export function newSessionSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** How a high-entropy secret (token, session) is stored: its SHA-256. */
export function secretHash(secret: string): Uint8Array {
  return createHash('sha256').update(secret, 'utf8').digest();
}

// OWASP's minimum for argon2id: 19 MiB, 2 iterations, 1 lane.
const ARGON2 = { memorySize: 19 * 1024, iterations: 2, parallelism: 1, hashLength: 32 };

/** A password's argon2id hash as a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`). */
export async function hashPassword(password: string): Promise<string> {
  return argon2id({ ...ARGON2, password, salt: randomBytes(16), outputType: 'encoded' });
}

/** Whether a password matches a PHC argon2id hash; compared in constant time. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(encoded);
  if (match === null) return false;
  const [, m, t, p, salt = '', hash = ''] = match;
  const expected = Buffer.from(hash, 'base64');
  const actual = await argon2id({
    password,
    salt: Buffer.from(salt, 'base64'),
    memorySize: Number(m),
    iterations: Number(t),
    parallelism: Number(p),
    hashLength: expected.length,
    outputType: 'binary',
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
