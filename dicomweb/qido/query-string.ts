import { StrataError } from '@strata/modules/errors';

/**
 * The query string of a URL as parameters. Unlike URLSearchParams, `+` stays a plus sign: it is
 * the sign of a time-zone offset (`…+0100`), and DICOMweb clients percent-encode spaces.
 */
export function queryParameters(url: string): URLSearchParams {
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  const params = new URLSearchParams();
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const [name, value] = equals < 0 ? [pair, ''] : [pair.slice(0, equals), pair.slice(equals + 1)];
    params.append(decode(name), decode(value));
  }
  return params;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new StrataError('request.bad_query', 'invalid', `The query string has a malformed escape: ${text}.`);
  }
}
