import { ByteWindow } from './byte-window.js';
import { parseMediaType, type MediaType } from './media-type.js';
import { multipartTypeOf } from './multipart-boundary.js';
import { bodyTooLarge, malformedMultipart } from './multipart-errors.js';
import { parsePartHeaders } from './part-headers.js';

/** Bounds on what one multipart body may hold; crossing one refuses the request. */
export interface MultipartLimits {
  /** Bytes of one part's header section, padding after its boundary included. */
  readonly maxPartHeaderBytes: number;
  readonly maxParts: number;
  /** Bytes of the whole body, preamble and epilogue included. */
  readonly maxBodyBytes: number;
}

/** Limits for a caller that sets none; the app passes its configured ones. */
export const DEFAULT_MULTIPART_LIMITS: MultipartLimits = {
  maxPartHeaderBytes: 16 * 1024,
  maxParts: 10_000,
  maxBodyBytes: 4 * 1024 ** 3,
};

/** One body part. Its body must be read (or left) before the next part is asked for. */
export interface MultipartPart {
  /** Header names in lower case. */
  readonly headers: ReadonlyMap<string, string>;
  /** The part's Content-Type; undefined when absent or unreadable (the raw value stays in headers). */
  readonly contentType: MediaType | undefined;
  /** The part's bytes, streamed: read once, before the next part. */
  readonly body: AsyncIterable<Buffer>;
}

/** A multipart/related request body being read. */
export interface MultipartBody {
  /** The request's Content-Type (its `type` parameter names the root part's media type). */
  readonly mediaType: MediaType;
  readonly parts: AsyncIterable<MultipartPart>;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');
const [CR, LF, DASH, SPACE, TAB] = [0x0d, 0x0a, 0x2d, 0x20, 0x09];

/**
 * Reads a multipart/related body (RFC 2046, RFC 2387) part by part as it streams in, holding at
 * most one source chunk plus a part's header section in memory, whatever the body's size. The
 * Content-Type is checked at once (415 or 400 before any byte is read). Leaving the loop early,
 * or an error, ends the source through its iterator's `return` — for a Node request that destroys
 * it; wrap the request if the connection must outlive the body.
 */
export function readMultipartRelated(
  source: AsyncIterable<Uint8Array>,
  contentType: string | undefined,
  limits: Partial<MultipartLimits> = {},
): MultipartBody {
  const { mediaType, boundary } = multipartTypeOf(contentType);
  return { mediaType, parts: readParts(source, boundary, { ...DEFAULT_MULTIPART_LIMITS, ...limits }) };
}

async function* readParts(
  source: AsyncIterable<Uint8Array>,
  boundary: string,
  limits: MultipartLimits,
): AsyncGenerator<MultipartPart> {
  // Every delimiter is CRLF "--" boundary; a CRLF put before the body lets the first one be found
  // the same way when the body starts with the boundary (no preamble).
  const delimiter = Buffer.from(`\r\n--${boundary}`, 'latin1');
  const window = new ByteWindow(source, limits.maxBodyBytes, CRLF);
  try {
    await skipPreamble(window, delimiter);
    for (let count = 0; ; count++) {
      if (await readBoundaryLineEnd(window, limits.maxPartHeaderBytes)) {
        await drainEpilogue(window);
        return;
      }
      if (count === limits.maxParts) throw bodyTooLarge('parts', limits.maxParts);
      const headers = await readHeaderSection(window, limits.maxPartHeaderBytes);
      const body = new PartBody(window, delimiter);
      yield { headers, contentType: contentTypeOf(headers), body };
      await body.skipRest();
    }
  } finally {
    await window.release();
  }
}

async function skipPreamble(window: ByteWindow, delimiter: Buffer): Promise<void> {
  for (;;) {
    const at = window.bytes.indexOf(delimiter);
    if (at >= 0) return window.consume(at + delimiter.length);
    window.consume(partialDelimiterAt(window.bytes, delimiter));
    if (!(await window.pull())) {
      throw malformedMultipart('no_opening_boundary', 'the boundary of the Content-Type never occurs in the body');
    }
  }
}

/**
 * After a delimiter: "--" closes the body; otherwise transport padding (spaces, tabs) and CRLF
 * end the boundary line. Returns whether the body is closed.
 */
async function readBoundaryLineEnd(window: ByteWindow, maxPadding: number): Promise<boolean> {
  if (!(await window.fill(2))) throw truncated();
  if (window.bytes[0] === DASH && window.bytes[1] === DASH) {
    window.consume(2);
    return true;
  }
  let padding = 0;
  for (;;) {
    const bytes = window.bytes;
    while (padding < bytes.length && (bytes[padding] === SPACE || bytes[padding] === TAB)) padding++;
    if (padding > maxPadding) throw malformedMultipart('header_section_too_long', 'a boundary line is too long');
    if (padding + 2 <= bytes.length) break;
    if (!(await window.pull())) throw truncated();
  }
  if (window.bytes[padding] !== CR || window.bytes[padding + 1] !== LF) {
    throw malformedMultipart('bad_boundary_line', 'a boundary is followed by other characters on its line');
  }
  window.consume(padding + 2);
  return false;
}

async function readHeaderSection(window: ByteWindow, maxBytes: number): Promise<Map<string, string>> {
  for (;;) {
    const bytes = window.bytes;
    // A part without headers starts with the empty line at once.
    if (bytes.length >= 2 && bytes[0] === CR && bytes[1] === LF) {
      window.consume(2);
      return new Map();
    }
    const end = bytes.indexOf(HEADER_END);
    if (end > maxBytes || (end < 0 && bytes.length > maxBytes + HEADER_END.length)) {
      throw malformedMultipart('header_section_too_long', `a part's header section is longer than ${maxBytes} bytes`);
    }
    if (end >= 0) {
      const headers = parsePartHeaders(bytes.subarray(0, end));
      window.consume(end + HEADER_END.length);
      return headers;
    }
    if (!(await window.pull())) throw truncated();
  }
}

async function drainEpilogue(window: ByteWindow): Promise<void> {
  // Read to the end (still under the body limit) so that a request is fully consumed.
  do window.consume(window.bytes.length);
  while (await window.pull());
}

/**
 * Where a delimiter cut by the end of `bytes` may start (`bytes.length` if nowhere): those bytes
 * must wait for the next chunk. The delimiter holds one CR, at its start, so only the last CR
 * can begin one. Mostly nothing waits, and the next chunk is then taken without a copy.
 */
function partialDelimiterAt(bytes: Buffer, delimiter: Buffer): number {
  const tailStart = Math.max(0, bytes.length - (delimiter.length - 1));
  const at = bytes.subarray(tailStart).lastIndexOf(CR);
  if (at < 0) return bytes.length;
  const from = tailStart + at;
  return bytes.subarray(from).equals(delimiter.subarray(0, bytes.length - from)) ? from : bytes.length;
}

function contentTypeOf(headers: ReadonlyMap<string, string>): MediaType | undefined {
  const value = headers.get('content-type');
  if (value === undefined) return undefined;
  try {
    return parseMediaType(value);
  } catch {
    return undefined;
  }
}

function truncated() {
  return malformedMultipart('truncated', 'it ends before its closing boundary');
}

/** The bytes of one part, up to the next delimiter, handed out as they arrive. */
class PartBody implements AsyncIterable<Buffer> {
  private reachedEnd = false;
  private superseded = false;

  constructor(
    private readonly window: ByteWindow,
    private readonly delimiter: Buffer,
  ) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    for (;;) {
      if (this.superseded) throw new Error('A multipart part body was read after the reader moved to the next part.');
      const chunk = await this.next();
      if (chunk === undefined) return;
      yield chunk;
    }
  }

  /** Discards what the consumer left unread, so the reader can go on to the next part. */
  async skipRest(): Promise<void> {
    while ((await this.next()) !== undefined);
    this.superseded = true;
  }

  private async next(): Promise<Buffer | undefined> {
    while (!this.reachedEnd) {
      const bytes = this.window.bytes;
      const at = bytes.indexOf(this.delimiter);
      if (at >= 0) {
        this.reachedEnd = true;
        this.window.consume(at + this.delimiter.length);
        if (at > 0) return bytes.subarray(0, at);
        return undefined;
      }
      // All but a delimiter start cut by the chunk edge can go to the consumer now.
      const safe = partialDelimiterAt(bytes, this.delimiter);
      if (safe > 0) {
        this.window.consume(safe);
        return bytes.subarray(0, safe);
      }
      if (!(await this.window.pull())) throw truncated();
    }
    return undefined;
  }
}
