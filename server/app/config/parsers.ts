/** A parser turns one raw setting (from the environment or the config file) into a typed value or says why not. */
export type Parser<T> = (raw: unknown) => { ok: true; value: T } | { ok: false; expected: string };

export const text: Parser<string> = (raw) =>
  typeof raw === 'string' && raw.trim() !== ''
    ? { ok: true, value: raw.trim() }
    : { ok: false, expected: 'a non-empty string' };

export function integer(min: number, max: number): Parser<number> {
  return (raw) => {
    const value =
      typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
    return Number.isSafeInteger(value) && value >= min && value <= max
      ? { ok: true, value }
      : { ok: false, expected: `an integer from ${min} to ${max}` };
  };
}

export const boolean: Parser<boolean> = (raw) => {
  if (typeof raw === 'boolean') return { ok: true, value: raw };
  const value = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  if (['1', 'true', 'yes', 'on'].includes(value)) return { ok: true, value: true };
  if (['0', 'false', 'no', 'off'].includes(value)) return { ok: true, value: false };
  return { ok: false, expected: 'true or false' };
};

export function oneOf<const T extends string>(...choices: T[]): Parser<T> {
  return (raw) =>
    typeof raw === 'string' && (choices as string[]).includes(raw.trim().toLowerCase())
      ? { ok: true, value: raw.trim().toLowerCase() as T }
      : { ok: false, expected: `one of ${choices.join(', ')}` };
}

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
};

/** A byte count such as `2GiB`, `500mb` or `1048576`. */
export const byteSize: Parser<number> = (raw) => {
  const match =
    typeof raw === 'number' ? [String(raw), String(raw), ''] : /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(String(raw));
  const unit = SIZE_UNITS[(match?.[2] ?? 'x').toLowerCase()];
  const value = match && unit !== undefined ? Math.floor(Number(match[1]) * unit) : NaN;
  return Number.isSafeInteger(value) && value > 0
    ? { ok: true, value }
    : { ok: false, expected: 'a size in bytes such as 1048576, 500MB or 2GiB' };
};

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A duration in milliseconds, written as `24h`, `30m`, `90s`, `7d`, `0s` or a sum such as `1h30m`. */
export const duration: Parser<number> = (raw) => {
  const text = String(raw).trim().toLowerCase();
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)];
  const whole = parts.length > 0 && parts.map((part) => part[0]).join('') === text;
  const value = whole
    ? Math.round(parts.reduce((sum, part) => sum + Number(part[1]) * (DURATION_UNITS[part[2] ?? ''] ?? NaN), 0))
    : NaN;
  return Number.isSafeInteger(value)
    ? { ok: true, value }
    : { ok: false, expected: 'a duration such as 24h, 30m, 90s or 0s' };
};

/** `postgres://` or `postgresql://` URL. */
export const postgresUrl: Parser<string> = (raw) => {
  try {
    const url = new URL(String(raw).trim());
    if (url.protocol === 'postgres:' || url.protocol === 'postgresql:') return { ok: true, value: url.toString() };
  } catch {
    // fall through to the message below
  }
  return { ok: false, expected: 'a URL such as postgres://user:password@host:5432/database' };
};

/** An `http://` or `https://` URL without query or fragment, kept as written (an issuer must match exactly). */
export const httpUrl: Parser<URL> = (raw) => {
  try {
    const url = new URL(String(raw).trim());
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.search === '' && url.hash === '') {
      return { ok: true, value: url };
    }
  } catch {
    // fall through to the message below
  }
  return { ok: false, expected: 'an http(s) URL without query, such as https://strata.example.org' };
};

/** `*`, `false`/`off`, or a comma-separated list of origins. */
export const corsOrigins: Parser<'*' | false | string[]> = (raw) => {
  const value = String(raw).trim();
  if (value === '*') return { ok: true, value: '*' };
  if (['false', 'off', 'none', ''].includes(value.toLowerCase())) return { ok: true, value: false };
  const origins = value.split(',').map((origin) => origin.trim());
  return origins.every((origin) => /^https?:\/\/[^/\s]+$/.test(origin))
    ? { ok: true, value: origins }
    : { ok: false, expected: "'*', 'off', or origins such as https://viewer.example.org,http://localhost:3000" };
};

/** `Name <email>`, as in a commit's author. */
export const person: Parser<{ name: string; email: string }> = (raw) => {
  const match = /^\s*([^<>]+?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(String(raw));
  return match?.[1] !== undefined && match[2] !== undefined
    ? { ok: true, value: { name: match[1], email: match[2] } }
    : { ok: false, expected: 'Name <email@example.org>' };
};
