import { type Codec, fatalDecoder, fromCodePoints, INVALID, tryDecode } from './codec.js';

/** A codec that maps each byte through a 256-entry table of code points (INVALID = undefined). */
function tableCodec(table: readonly number[]): Codec {
  const decode = (bytes: Uint8Array, replacement: number | undefined): string | undefined => {
    const points = new Array<number>(bytes.length);
    for (let i = 0; i < bytes.length; i++) {
      const point = table[bytes[i] ?? 0] ?? INVALID;
      if (point === INVALID) {
        if (replacement === undefined) return undefined;
        points[i] = replacement;
      } else {
        points[i] = point;
      }
    }
    return fromCodePoints(points);
  };
  return { strict: (bytes) => decode(bytes, undefined), replace: (bytes) => decode(bytes, 0xfffd) ?? '' };
}

/** ISO 8859-1: every byte is the code point of the same value (C1 controls included). */
export const latin1: Codec = {
  strict: (bytes) => latin1.replace(bytes),
  // Node's "latin1" is true ISO 8859-1 (WHATWG's label would give windows-1252).
  replace: (bytes) => {
    // Most values are short: a loop costs less than wrapping them in a Buffer.
    if (bytes.length > 64) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    let text = '';
    for (const byte of bytes) text += String.fromCharCode(byte);
    return text;
  },
};

/**
 * The table of a WHATWG single-byte encoding, with Python's differences laid over it: WHATWG
 * serves windows-1254 for "iso-8859-9" and windows-874 for "tis-620", which put punctuation where
 * the ISO tables (and Python) have the C1 controls 0x80–0x9F.
 */
function whatwgTable(label: string, c1Controls: boolean, invalid: readonly number[] = []): number[] {
  const decoder = fatalDecoder(label);
  const table: number[] = [];
  for (let byte = 0; byte < 256; byte++) {
    const text = tryDecode(decoder, Uint8Array.of(byte));
    table.push(text === undefined ? INVALID : (text.codePointAt(0) ?? INVALID));
  }
  if (c1Controls) for (let byte = 0x80; byte < 0xa0; byte++) table[byte] = byte;
  for (const byte of invalid) table[byte] = INVALID;
  return table;
}

const lazyTable = (label: string, c1Controls = false, invalid: readonly number[] = []): Codec => {
  let codec: Codec | undefined;
  const get = (): Codec => (codec ??= tableCodec(whatwgTable(label, c1Controls, invalid)));
  return { strict: (bytes) => get().strict(bytes), replace: (bytes) => get().replace(bytes) };
};

/** The single-byte character sets of PS3.3 C.12.1.1.2, by Python codec name. */
export const SINGLE_BYTE_CODECS: Readonly<Record<string, Codec>> = {
  iso8859: latin1,
  latin_1: latin1,
  iso8859_2: lazyTable('iso-8859-2'),
  iso8859_3: lazyTable('iso-8859-3'),
  iso8859_4: lazyTable('iso-8859-4'),
  iso_ir_126: lazyTable('iso-8859-7'),
  iso_ir_127: lazyTable('iso-8859-6'),
  iso_ir_138: lazyTable('iso-8859-8'),
  iso_ir_144: lazyTable('iso-8859-5'),
  iso_ir_148: lazyTable('windows-1254', true),
  // Python's TIS-620 has no NO-BREAK SPACE at 0xA0.
  iso_ir_166: lazyTable('windows-874', true, [0xa0]),
};
