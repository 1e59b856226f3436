import { randomBytes } from 'node:crypto';
import { StrataError } from '@strata/modules/errors';
import { hasUnsafeHeaderChar, isToken } from './field-syntax.js';
import { formatMediaType, parseMediaType } from './media-type.js';

/** One part of a multipart response. */
export interface OutgoingPart {
  /** Defaults to the body's `type`. May carry parameters, e.g. `transfer-syntax`. */
  readonly contentType?: string;
  readonly contentLocation?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: Uint8Array | AsyncIterable<Uint8Array>;
}

/** A multipart/related response: its Content-Type header and its bytes, produced on demand. */
export interface MultipartResponse {
  readonly contentType: string;
  readonly body: AsyncIterable<Buffer>;
}

/**
 * Writes parts of media type `type` as one multipart/related body (RFC 2387), streaming: a part is
 * asked for only when the previous one was sent. The boundary is random (192 bits), so it cannot
 * occur in a body by chance; a reader that stops early stops the part source too.
 */
export function writeMultipartRelated(
  type: string,
  parts: AsyncIterable<OutgoingPart> | Iterable<OutgoingPart>,
  options: { readonly boundary?: string } = {},
): MultipartResponse {
  const root = parseMediaType(type);
  if (root.parameters.size > 0) throw invalidValue('the type of a multipart body takes no parameters');
  const boundary = options.boundary ?? `strata-${randomBytes(24).toString('hex')}`;
  const contentType = formatMediaType({
    type: 'multipart',
    subtype: 'related',
    parameters: new Map([
      ['type', type],
      ['boundary', boundary],
    ]),
  });
  return { contentType, body: writeParts(type, parts, boundary) };
}

async function* writeParts(
  type: string,
  parts: AsyncIterable<OutgoingPart> | Iterable<OutgoingPart>,
  boundary: string,
): AsyncGenerator<Buffer> {
  let first = true;
  for await (const part of parts) {
    yield Buffer.from(`${first ? '' : '\r\n'}--${boundary}\r\n${headerSection(type, part)}\r\n`, 'latin1');
    first = false;
    if (part.body instanceof Uint8Array) yield asBuffer(part.body);
    else for await (const chunk of part.body) yield asBuffer(chunk);
  }
  yield Buffer.from(`${first ? '' : '\r\n'}--${boundary}--\r\n`, 'latin1');
}

function headerSection(type: string, part: OutgoingPart): string {
  const lines: [string, string][] = [['Content-Type', part.contentType ?? type]];
  if (part.contentLocation !== undefined) lines.push(['Content-Location', part.contentLocation]);
  for (const [name, value] of Object.entries(part.headers ?? {})) lines.push([name, value]);
  return lines.map(([name, value]) => `${checkedName(name)}: ${checkedValue(value)}\r\n`).join('');
}

function checkedName(name: string): string {
  if (!isToken(name)) throw invalidValue(`"${name}" is not a header name`);
  return name;
}

/** A CR or LF in a value would end the header early and let its rest be read as body or headers. */
function checkedValue(value: string): string {
  if (hasUnsafeHeaderChar(value)) throw invalidValue('a part header value holds a control or non-Latin-1 character');
  return value;
}

function asBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

function invalidValue(message: string): StrataError {
  return new StrataError(
    'response.invalid_header_value',
    'internal',
    `Cannot write the multipart response: ${message}.`,
  );
}
