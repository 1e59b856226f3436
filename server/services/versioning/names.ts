import { StrataError } from '@strata/modules/errors';

const OWNER_OR_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

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
