// WADO-RS frames as the viewer asks for them: the stored bytes (`transfer-syntax=*`), decoded in
// the browser's web workers. Used to fetch the first image while Cornerstone itself still loads.
import { takeEarly } from './early-requests';

/** What the viewer accepts for frames: every stored transfer syntax, as stored (no server transcoding). */
export const FRAME_ACCEPT = 'multipart/related; type="application/octet-stream"; transfer-syntax=*';

export interface FetchedFrame {
  transferSyntaxUid: string;
  bytes: Uint8Array;
}

const IMPLICIT_LITTLE_ENDIAN = '1.2.840.10008.1.2';

function parameter(contentType: string, name: string): string | undefined {
  for (const part of contentType.split(';').slice(1)) {
    const [key, ...rest] = part.split('=');
    if (key?.trim().toLowerCase() === name)
      return rest
        .join('=')
        .trim()
        .replace(/^"(.*)"$/, '$1');
  }
  return undefined;
}

function matchesAt(haystack: Uint8Array, needle: Uint8Array, at: number): boolean {
  if (at < 0 || at + needle.length > haystack.length) return false;
  for (let j = 0; j < needle.length; j++) if (haystack[at + j] !== needle[j]) return false;
  return true;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0] ?? 0;
  for (let i = haystack.indexOf(first, from); i >= 0; i = haystack.indexOf(first, i + 1)) {
    if (matchesAt(haystack, needle, i)) return i;
  }
  return -1;
}

function lastIndexOf(haystack: Uint8Array, needle: Uint8Array): number {
  const first = needle[0] ?? 0;
  for (let i = haystack.lastIndexOf(first); i >= 0; i = i === 0 ? -1 : haystack.lastIndexOf(first, i - 1)) {
    if (matchesAt(haystack, needle, i)) return i;
  }
  return -1;
}

/**
 * The only part of a one-part multipart/related body (one frame, one bulk data element): its
 * Content-Type and bytes, found from both ends of the body (a frame is large: it is not
 * scanned). Undefined when the body is not what the Content-Type says.
 */
export function onlyPart(
  contentType: string,
  body: Uint8Array,
): { contentType: string; bytes: Uint8Array } | undefined {
  const boundary = parameter(contentType, 'boundary');
  if (boundary === undefined) return undefined;
  const encoder = new TextEncoder();
  const delimiter = encoder.encode(`--${boundary}`);
  const start = indexOf(body, delimiter, 0);
  if (start < 0) return undefined;
  const headersEnd = indexOf(body, encoder.encode('\r\n\r\n'), start);
  if (headersEnd < 0) return undefined;
  const headers = new TextDecoder().decode(body.subarray(start + delimiter.length, headersEnd));
  const partType = /^content-type:\s*(.+)$/im.exec(headers)?.[1]?.trim() ?? 'application/octet-stream';
  const end = lastIndexOf(body, encoder.encode(`\r\n--${boundary}`));
  if (end < headersEnd + 4) return undefined;
  return { contentType: partType, bytes: body.subarray(headersEnd + 4, end) };
}

/** One frame as stored, or undefined when it cannot be had (the viewer's loader then tries itself). */
export async function fetchFrame(frameUrl: string, signal?: AbortSignal): Promise<FetchedFrame | undefined> {
  try {
    const response =
      (await takeEarly(frameUrl)) ??
      (await fetch(frameUrl, { headers: { accept: FRAME_ACCEPT }, credentials: 'same-origin', signal }));
    if (!response.ok) return undefined;
    const part = onlyPart(response.headers.get('content-type') ?? '', new Uint8Array(await response.arrayBuffer()));
    if (part === undefined) return undefined;
    return {
      transferSyntaxUid: parameter(part.contentType, 'transfer-syntax') ?? IMPLICIT_LITTLE_ENDIAN,
      bytes: part.bytes,
    };
  } catch {
    return undefined;
  }
}
