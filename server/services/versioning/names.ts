import { StrataError } from '@strata/modules/errors';

const OWNER_OR_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * Names no new account may take: the web app's own top-level pages and the API's prefixes sit
 * where an owner's page would (`/{owner}`), so an account named so could never be reached.
 * Compared regardless of case, so `Admin` cannot pose as the admin pages either.
 */
const RESERVED_LOGINS = new Set([
  'admin',
  'api',
  'auth',
  'dicomweb',
  'graphql',
  'healthz',
  'metrics',
  'readyz',
  'settings',
  'sign-in',
  'sign-out',
]);

export function isReservedLogin(login: string): boolean {
  return RESERVED_LOGINS.has(login.toLowerCase());
}

/** Refuses a reserved name for a new user or organization (`account.reserved_login`). */
export function checkNewLogin(login: string): void {
  if (isReservedLogin(login)) {
    throw new StrataError(
      'account.reserved_login',
      'invalid',
      `${JSON.stringify(login)} is reserved for the site's own pages; choose another name.`,
    );
  }
}

/** Parses `owner/name`, the way datasets are named on the command line and in URLs. */
export function parseDatasetName(value: string): { owner: string; name: string } {
  const [owner = '', name = '', ...rest] = value.split('/');
  if (rest.length > 0 || !OWNER_OR_NAME.test(owner) || !OWNER_OR_NAME.test(name) || name.endsWith('.git')) {
    throw new StrataError(
      'dataset.invalid_name',
      'invalid',
      `Invalid dataset ${JSON.stringify(value)}: use owner/name, each 1–100 letters, digits, '.', '_' or '-', starting with a letter or digit.`,
    );
  }
  return { owner, name };
}

/**
 * Checks a branch or tag name (git's rules, roughly): printable, no spaces, no `..`, `~^:?*[\`,
 * no leading or trailing `/` or `.`, no `@{`, and not something that reads as a commit id.
 */
export function checkRefName(name: string): string {
  const bad =
    name.length === 0 ||
    name.length > 255 ||
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
    /[\s~^:?*[\\\0-\x1f\x7f]/.test(name) ||
    name.includes('..') ||
    name.includes('@{') ||
    name.includes('//') ||
    /^[/.-]|[/.]$/.test(name) ||
    name.endsWith('.lock') ||
    name === '@';
  if (bad) {
    throw new StrataError('ref.invalid_name', 'invalid', `Invalid branch or tag name ${JSON.stringify(name)}.`);
  }
  if (/^[0-9a-f]{7,64}$/.test(name)) {
    throw new StrataError(
      'ref.invalid_name',
      'invalid',
      `'${name}' could be read as a commit id: choose another branch or tag name.`,
    );
  }
  return name;
}
