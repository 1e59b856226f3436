import { TextDecoder } from 'node:util';

/**
 * A character encoding as Python implements it (pydicom decodes through Python's codecs, and the
 * QIDO index must see the same names pydicom does). `strict` returns undefined where Python raises
 * UnicodeDecodeError; `replace` substitutes U+FFFD as Python's errors='replace' does.
 */
export interface Codec {
  strict(bytes: Uint8Array): string | undefined;
  replace(bytes: Uint8Array): string;
}

/** Code point for an undecodable byte or sequence in a mapping table. */
export const INVALID = -1;

const decoders = new Map<string, TextDecoder>();

/** Node's WHATWG decoder for a label, fatal on errors, BOM kept (Python keeps it). */
export function fatalDecoder(label: string): TextDecoder {
  let decoder = decoders.get(label);
  if (decoder === undefined) {
    decoder = new TextDecoder(label, { fatal: true, ignoreBOM: true });
    decoders.set(label, decoder);
  }
  return decoder;
}

/** Decodes with a fatal decoder; undefined instead of the TypeError. */
export function tryDecode(decoder: TextDecoder, bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** String.fromCodePoint over many code points without overflowing the argument list. */
export function fromCodePoints(points: readonly number[]): string {
  let text = '';
  for (let start = 0; start < points.length; start += 4096) {
    text += String.fromCodePoint(...points.slice(start, start + 4096));
  }
  return text;
}

const lenient = new Map<string, TextDecoder>();

/** Node's WHATWG decoder for a label, replacing errors with U+FFFD, BOM kept. */
export function replacingDecoder(label: string): TextDecoder {
  let decoder = lenient.get(label);
  if (decoder === undefined) {
    decoder = new TextDecoder(label, { ignoreBOM: true });
    lenient.set(label, decoder);
  }
  return decoder;
}
