import { type Codec, fatalDecoder, tryDecode } from './codec.js';
import { eucKr, gb2312 } from './multi-byte-codecs.js';
import { latin1, SINGLE_BYTE_CODECS } from './single-byte-codecs.js';

/** A 94×94 set: row and cell bytes (0x21–0x7E) to its character, or null when unmapped. */
type DoubleByteSet = (row: number, cell: number) => string | null;

function cachedSet(map: (row: number, cell: number) => string | null): DoubleByteSet {
  const cache = new Map<number, string | null>();
  return (row, cell) => {
    if (row < 0x21 || row > 0x7e || cell < 0x21 || cell > 0x7e) return null;
    const key = (row << 8) | cell;
    let text = cache.get(key);
    if (text === undefined) {
      text = map(row, cell);
      cache.set(key, text);
    }
    return text;
  };
}

// Python follows JIS X 0208's own mapping where WHATWG (after Microsoft) picks fullwidth forms.
const JIS_X_0208_PYTHON = new Map<number, string>([
  [0x2141, '\u301C'],
  [0x2142, '\u2016'],
  [0x215d, '\u2212'],
  [0x2171, '\u00A2'],
  [0x2172, '\u00A3'],
  [0x224c, '\u00AC'],
]);

/** JIS X 0208 through the EUC-JP decoder; NEC row 13 and the IBM rows 89–92 are not JIS. */
const jisX0208 = cachedSet((row, cell) => {
  if (row === 0x2d || (row >= 0x79 && row <= 0x7c)) return null;
  return (
    JIS_X_0208_PYTHON.get((row << 8) | cell) ??
    tryDecode(fatalDecoder('euc-jp'), Uint8Array.of(row | 0x80, cell | 0x80)) ??
    null
  );
});

/** JIS X 0212 through EUC-JP's 0x8F single shift; row 0x73 (IBM extensions) is not JIS. */
const jisX0212 = cachedSet((row, cell) => {
  if (row === 0x73) return null;
  if (row === 0x22 && cell === 0x37) return '~';
  return tryDecode(fatalDecoder('euc-jp'), Uint8Array.of(0x8f, row | 0x80, cell | 0x80)) ?? null;
});

const viaEuc = (codec: Codec): DoubleByteSet =>
  cachedSet((row, cell) => codec.strict(Uint8Array.of(row | 0x80, cell | 0x80)) ?? null);

type Designation = 'ascii' | 'roman' | DoubleByteSet;

/** The sets a codec accepts, by final byte of the escape sequence ("$" + byte for 94×94 sets). */
type Designations = ReadonlyMap<string, Designation>;

const JP: Designations = new Map<string, Designation>([
  ['B', 'ascii'],
  ['J', 'roman'],
  ['$@', jisX0208],
  ['$B', jisX0208],
]);
const JP2: Designations = new Map<string, Designation>([
  ...JP,
  ['$A', viaEuc(gb2312)],
  ['$C', viaEuc(eucKr)],
  ['$D', jisX0212],
]);

const ascii: Codec = { strict: (bytes) => latin1.strict(bytes), replace: (bytes) => latin1.replace(bytes) };

/** The 96-character sets ISO-2022-JP-2 designates to G2 (ESC . A, ESC . F) for single shifts (ESC N). */
const G2_SETS: ReadonlyMap<string, Codec> = new Map([
  ['A', latin1],
  ['F', SINGLE_BYTE_CODECS.iso_ir_126 ?? latin1],
]);

const isFinal = (byte: number | undefined): boolean =>
  byte !== undefined && ((byte >= 0x41 && byte <= 0x5a) || byte === 0x40);
const INTERMEDIATES = new Set([0x28, 0x29, 0x24, 0x2e, 0x26]); // ( ) $ . &

type Escape = { length: number; graphic: 0 | 1 | 2; set: string } | { error: number };

/** CPython's iso2022processesc: the escape at `i`, or how many bytes to report as an error. */
function parseEscape(bytes: Uint8Array, i: number): Escape {
  let length = 0;
  for (let k = 1; k < 16; k++) {
    if (i + k >= bytes.length) return { error: bytes.length - i };
    if (isFinal(bytes[i + k])) {
      length = k + 1;
      break;
    }
  }
  const [second, third, fourth] = [bytes[i + 1], bytes[i + 2], bytes[i + 3]];
  const char = (byte: number | undefined) => String.fromCharCode(byte ?? 0);
  if (length === 3 && second === 0x24) return { length, graphic: 0, set: `$${char(third)}` };
  if (length === 3 && (second === 0x28 || second === 0x29 || second === 0x2e)) {
    return { length, graphic: second === 0x28 ? 0 : second === 0x29 ? 1 : 2, set: char(third) };
  }
  if (length === 4 && second === 0x24 && (third === 0x28 || third === 0x29)) {
    return { length, graphic: third === 0x28 ? 0 : 1, set: `$${char(fourth)}` };
  }
  return { error: length === 0 ? 1 : length };
}

interface DecoderState {
  g0: Designation;
  g2: Codec;
  /** After an ESC that starts no ISO 2022 sequence, bytes pass as ISO 8859-1 up to a final byte. */
  escThroughout: boolean;
}

/** What one step of decoding produced: text and the bytes it took, or an error over some bytes. */
type Step = { text: string; length: number } | { error: number };

function escapeStep(
  bytes: Uint8Array,
  i: number,
  state: DecoderState,
  designations: Designations,
  withG2: boolean,
): Step {
  const second = bytes[i + 1];
  if (second === undefined) return { error: 1 };
  if (INTERMEDIATES.has(second)) {
    const escape = parseEscape(bytes, i);
    if ('error' in escape) return escape;
    const designation = designations.get(escape.set);
    const g2Set = withG2 && escape.graphic === 2 ? G2_SETS.get(escape.set) : undefined;
    if (designation === undefined && g2Set === undefined) return { error: escape.length };
    // G1 designations are accepted and have no effect: ISO-2022-JP never shifts to G1.
    if (escape.graphic === 0 && designation !== undefined) state.g0 = designation;
    if (g2Set !== undefined) state.g2 = g2Set;
    return { text: '', length: escape.length };
  }
  if (withG2 && second === 0x4e) {
    const shifted = bytes[i + 2];
    if (shifted === undefined || shifted >= 0x80) return { error: Math.min(3, bytes.length - i) };
    const char = state.g2.strict(Uint8Array.of(state.g2 === ascii ? shifted : shifted | 0x80));
    return char === undefined ? { error: 3 } : { text: char, length: 3 };
  }
  state.escThroughout = true;
  return { text: '\x1b', length: 1 };
}

function characterStep(bytes: Uint8Array, i: number, state: DecoderState): Step {
  const byte = bytes[i] ?? 0;
  if (state.escThroughout) {
    state.escThroughout = !isFinal(byte);
    return { text: String.fromCharCode(byte), length: 1 };
  }
  const { g0 } = state;
  if (byte >= 0x80) return { error: 1 };
  if (byte < 0x20 || g0 === 'ascii') return { text: String.fromCharCode(byte), length: 1 };
  if (g0 === 'roman') {
    return { text: byte === 0x5c ? '\u00A5' : byte === 0x7e ? '\u203E' : String.fromCharCode(byte), length: 1 };
  }
  const cell = bytes[i + 1];
  if (cell === undefined) return { error: 1 };
  const char = g0(byte, cell);
  return char === null ? { error: 2 } : { text: char, length: 2 };
}

/**
 * CPython's ISO 2022 decoder (Modules/cjkcodecs/_codecs_iso2022.c) for iso2022_jp and
 * iso2022_jp_2: G0 switched by escape sequences, C0 controls passed in any set, and errors
 * covering what CPython reports (an escape sequence, a pair, one byte).
 */
function iso2022Codec(designations: Designations, withG2: boolean): Codec {
  const decode = (bytes: Uint8Array, replace: boolean): string | undefined => {
    // CPython starts with ASCII in G2: ESC N before any designation passes one byte through.
    const state: DecoderState = { g0: 'ascii', g2: ascii, escThroughout: false };
    let text = '';
    let i = 0;
    while (i < bytes.length) {
      const step =
        bytes[i] === 0x1b && !state.escThroughout
          ? escapeStep(bytes, i, state, designations, withG2)
          : characterStep(bytes, i, state);
      if ('error' in step) {
        if (!replace) return undefined;
        text += '\uFFFD';
        i += step.error;
      } else {
        text += step.text;
        i += step.length;
      }
    }
    return text;
  };
  return { strict: (bytes) => decode(bytes, false), replace: (bytes) => decode(bytes, true) ?? '' };
}

/** Python's iso2022_jp: ASCII, JIS X 0201 Roman, JIS X 0208. */
export const iso2022Jp = iso2022Codec(JP, false);

/** Python's iso2022_jp_2, of which DICOM uses JIS X 0212 (ISO 2022 IR 159). */
export const iso2022Jp2 = iso2022Codec(JP2, true);
