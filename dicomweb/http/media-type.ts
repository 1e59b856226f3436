import { StrataError } from '@strata/modules/errors';
import { FieldScanner, isToken } from './field-syntax.js';

/**
 * A media type (RFC 9110 §8.3.1). Type, subtype and parameter names are lower case (they are
 * case-insensitive); parameter values are kept as sent, unquoted, in the order sent.
 */
export interface MediaType {
  readonly type: string;
  readonly subtype: string;
  readonly parameters: ReadonlyMap<string, string>;
}

/** A media type read with its parameters still in a list, so a caller can split at `q`. */
export interface ParameterizedType {
  readonly type: string;
  readonly subtype: string;
  readonly parameters: readonly (readonly [string, string])[];
}

/** Parses a Content-Type value; refuses a malformed one with `request.malformed_media_type`. */
export function parseMediaType(text: string): MediaType {
  const read = readParameterizedType(text, { wildcards: false });
  return { type: read.type, subtype: read.subtype, parameters: parameterMap(text, read.parameters) };
}

/** Formats a media type for a header, quoting the parameter values that are not tokens. */
export function formatMediaType(mediaType: MediaType): string {
  let text = `${mediaType.type}/${mediaType.subtype}`;
  for (const [name, value] of mediaType.parameters) text += `; ${name}=${formatParameterValue(value)}`;
  return text;
}

/** `type/subtype` without parameters, lower case: what media types are compared by. */
export function essenceOf(mediaType: Pick<MediaType, 'type' | 'subtype'>): string {
  return `${mediaType.type}/${mediaType.subtype}`;
}

/**
 * Reads `type/subtype *( OWS ";" OWS [ name=value ] )`. With `wildcards`, `*` may stand for the
 * subtype or for both (media ranges), and a lone `*` reads as `*∕*`, as old Java clients send it.
 */
export function readParameterizedType(text: string, options: { wildcards: boolean }): ParameterizedType {
  const scanner = new FieldScanner(text, (reason) => {
    throw malformedMediaType(text, reason);
  });
  scanner.skipWhitespace();
  const type = scanner.token().toLowerCase();
  if (type === '') throw malformedMediaType(text, 'it does not start with a type');
  let subtype: string;
  if (options.wildcards && type === '*' && scanner.peek() !== '/') subtype = '*';
  else {
    scanner.expect('/', '"/" after the type');
    subtype = scanner.token().toLowerCase();
    if (subtype === '') throw malformedMediaType(text, 'the subtype is missing');
  }
  if (!options.wildcards && (type === '*' || subtype === '*')) {
    throw malformedMediaType(text, 'a media type cannot be a wildcard');
  }
  if (type === '*' && subtype !== '*') throw malformedMediaType(text, `"*/${subtype}" is not a media range`);

  const parameters: (readonly [string, string])[] = [];
  for (;;) {
    scanner.skipWhitespace();
    if (scanner.atEnd) break;
    scanner.expect(';', '";" before a parameter');
    scanner.skipWhitespace();
    // Empty parameters (`a/b;;c=d`, a trailing `;`) are allowed by RFC 9110's grammar.
    if (scanner.atEnd || scanner.peek() === ';') continue;
    const name = scanner.token().toLowerCase();
    if (name === '') throw malformedMediaType(text, 'a parameter has no name');
    // RFC 9110 forbids whitespace around "=", but reading past it changes no meaning.
    scanner.skipWhitespace();
    scanner.expect('=', `"=" after the parameter name "${name}"`);
    scanner.skipWhitespace();
    parameters.push([name, scanner.parameterValue()]);
  }
  return { type, subtype, parameters };
}

/** Parameters by name; a name given twice with different values is ambiguous, so refused. */
export function parameterMap(text: string, parameters: readonly (readonly [string, string])[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, value] of parameters) {
    const earlier = map.get(name);
    if (earlier !== undefined && earlier !== value) {
      throw malformedMediaType(text, `the parameter "${name}" is given twice with different values`);
    }
    map.set(name, value);
  }
  return map;
}

function formatParameterValue(value: string): string {
  if (isToken(value)) return value;
  for (const char of value) {
    const code = char.charCodeAt(0);
    // A control character would let a value end the header line: never write one.
    if ((code < 0x20 && code !== 0x09) || code === 0x7f || code > 0xff) {
      throw new StrataError(
        'response.invalid_header_value',
        'internal',
        'A media type parameter holds a control character.',
      );
    }
  }
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

function malformedMediaType(text: string, reason: string): StrataError {
  return new StrataError(
    'request.malformed_media_type',
    'invalid',
    `The media type "${clip(text)}" is malformed: ${reason}.`,
    {
      details: { value: clip(text), reason },
    },
  );
}

/** Header values are echoed in errors; a bounded excerpt keeps a hostile one from bloating them. */
function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
