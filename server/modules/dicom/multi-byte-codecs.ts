import { type Codec, fatalDecoder, replacingDecoder, tryDecode } from './codec.js';

/** How a multi-byte encoding splits bytes into characters, and where Python's codec differs. */
interface MultiByteSpec {
  /** The WHATWG decoder that maps valid sequences. */
  readonly label: string;
  /**
   * The length of the sequence a byte ≥ 0x80 at `i` starts, as CPython's decoder decides it
   * before looking at the rest (so a sequence cut by the end is "incomplete"), or 0 when the byte
   * cannot start one.
   */
  sequenceLength(bytes: Uint8Array, i: number): number;
  /** Python's mapping where it differs from WHATWG's, keyed by the sequence as an integer. */
  readonly overrides?: ReadonlyMap<number, string>;
  /** Sequences WHATWG maps but Python rejects (vendor extensions, user-defined areas). */
  rejects?(key: number, text: string): boolean;
  /** Decodes sequences longer than 4 bytes, which have no integer key. */
  long?(sequence: Uint8Array): string | null;
}

const inRange = (byte: number | undefined, low: number, high: number): boolean =>
  byte !== undefined && byte >= low && byte <= high;

const isPrivateUse = (text: string): boolean => /[\uE000-\uF8FF]/.test(text);

/** The first byte of a 2- or 4-byte sequence key. */
const leadByte = (key: number): number => (key < 0x10000 ? key >> 8 : Math.floor(key / 0x1000000));

type Ranges = ReadonlyArray<readonly [number, number]>;
const inRanges = (key: number, ranges: Ranges): boolean => ranges.some(([low, high]) => key >= low && key <= high);

/**
 * A decoder with CPython's error behaviour (Modules/cjkcodecs): an invalid sequence is one error
 * byte, after which decoding resynchronises; a sequence cut off by the end of the input is one
 * error covering the rest.
 */
function multiByteCodec(spec: MultiByteSpec): Codec {
  const cache = new Map<number, string | null>();
  const lookup = (sequence: Uint8Array): string | null => {
    if (sequence.length > 4) return spec.long?.(sequence) ?? null;
    const key = sequence.reduce((sum, byte) => sum * 256 + byte, 0);
    let text = cache.get(key);
    if (text === undefined) {
      text = spec.overrides?.get(key) ?? tryDecode(fatalDecoder(spec.label), sequence) ?? null;
      if (text !== null && spec.rejects?.(key, text) === true) text = null;
      cache.set(key, text);
    }
    return text;
  };
  const decode = (bytes: Uint8Array, replace: boolean): string | undefined => {
    let text = '';
    let i = 0;
    while (i < bytes.length) {
      const byte = bytes[i] ?? 0;
      if (byte < 0x80) {
        text += String.fromCharCode(byte);
        i++;
        continue;
      }
      const length = spec.sequenceLength(bytes, i);
      const decoded = length > 0 && i + length <= bytes.length ? lookup(bytes.subarray(i, i + length)) : null;
      if (decoded !== null) {
        text += decoded;
        i += length;
      } else if (replace) {
        text += '\uFFFD';
        i = length > 0 && i + length > bytes.length ? bytes.length : i + 1;
      } else {
        return undefined;
      }
    }
    return text;
  };
  return { strict: (bytes) => decode(bytes, false), replace: (bytes) => decode(bytes, true) ?? '' };
}

/** Python's shift_jis: JIS X 0201 + JIS X 0208, without Microsoft's CP932 extensions. */
export const shiftJis = multiByteCodec({
  label: 'shift_jis',
  sequenceLength: (bytes, i) => {
    const lead = bytes[i] ?? 0;
    if (lead >= 0xa1 && lead <= 0xdf) return 1;
    return inRange(lead, 0x81, 0x9f) || inRange(lead, 0xe0, 0xea) ? 2 : 0;
  },
  overrides: new Map([
    [0x8160, '\u301C'],
    [0x8161, '\u2016'],
    [0x817c, '\u2212'],
    [0x8191, '\u00A2'],
    [0x8192, '\u00A3'],
    [0x81ca, '\u00AC'],
  ]),
  rejects: (key) => key >> 8 === 0x87,
});

const isEuc = (key: number): boolean => inRange(key >> 8, 0xa1, 0xfe) && inRange(key & 0xff, 0xa1, 0xfe);

// KS X 1001:1998 Annex 3: a syllable spelt as the filler 0xA4D4 and three jamo (0xA4xx), read
// through the compatibility jamo U+3131… as CPython's euc_kr does.
const CHOSEONG = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';
const JONGSEONG = 'ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ';
const jamo = (byte: number | undefined) =>
  inRange(byte, 0xa1, 0xbe) ? String.fromCharCode(0x3131 + (byte ?? 0) - 0xa1) : '';

function composeHangul(sequence: Uint8Array): string | null {
  if (sequence[2] !== 0xa4 || sequence[4] !== 0xa4 || sequence[6] !== 0xa4) return null;
  const initial = CHOSEONG.indexOf(jamo(sequence[3]) || '-');
  const medial = inRange(sequence[5], 0xbf, 0xd3) ? (sequence[5] ?? 0) - 0xbf : -1;
  const final = sequence[7] === 0xd4 ? 0 : JONGSEONG.indexOf(jamo(sequence[7]) || '-') + 1;
  if (initial < 0 || medial < 0 || (final === 0 && sequence[7] !== 0xd4)) return null;
  return String.fromCharCode(0xac00 + initial * 588 + medial * 28 + final);
}

/** Python's euc_kr: KS X 1001 only (WHATWG serves Microsoft's UHC superset). */
export const eucKr = multiByteCodec({
  label: 'euc-kr',
  sequenceLength: (bytes, i) => (bytes[i] === 0xa4 && bytes[i + 1] === 0xd4 ? 8 : 2),
  long: composeHangul,
  overrides: new Map([
    [0xa2e6, '\u20AC'],
    [0xa2e7, '\u00AE'],
  ]),
  rejects: (key) => !isEuc(key) || key >> 8 === 0xc9 || key >> 8 === 0xfe,
});

// CPython reads a second byte after any byte ≥ 0x80, and for GB18030 two more after a digit.
const pair = (): number => 2;
const gb18030Length = (bytes: Uint8Array, i: number): number => (inRange(bytes[i + 1], 0x30, 0x39) ? 4 : 2);

/** Python's GB18030 is the 2005 mapping: these are private-use there, standard in WHATWG's. */
const GB18030_2005 = new Map<number, string>(
  (
    [
      [0xa3a0, 0xe5e5],
      [0xa6d9, 0xe78d],
      [0xa6da, 0xe78e],
      [0xa6db, 0xe78f],
      [0xa6dc, 0xe790],
      [0xa6dd, 0xe791],
      [0xa6de, 0xe792],
      [0xa6df, 0xe793],
      [0xa6ec, 0xe794],
      [0xa6ed, 0xe795],
      [0xa6f3, 0xe796],
      [0xa8bc, 0xe7c7],
      [0xfe59, 0xe81e],
      [0xfe61, 0xe826],
      [0xfe66, 0xe82b],
      [0xfe67, 0xe82c],
      [0xfe6d, 0xe832],
      [0xfe7e, 0xe843],
      [0xfe90, 0xe854],
      [0xfea0, 0xe864],
      [0x8135f437, 0x1e3f],
    ] as const
  ).map(([key, point]) => [key, String.fromCodePoint(point)]),
);

export const gb18030 = multiByteCodec({
  label: 'gb18030',
  sequenceLength: gb18030Length,
  overrides: GB18030_2005,
  rejects: (key) => [0x80, 0xff].includes(leadByte(key)),
});

// Characters WHATWG's GBK (which is GB18030's two-byte part) has and Python's GBK lacks.
const NOT_IN_PYTHON_GBK: Ranges = [
  [0xa2e3, 0xa2e3],
  [0xa3a0, 0xa3a0],
  [0xa6d9, 0xa6df],
  [0xa6ec, 0xa6ed],
  [0xa6f3, 0xa6f3],
  [0xa8bc, 0xa8bc],
  [0xa8bf, 0xa8bf],
  [0xa989, 0xa995],
  [0xfe50, 0xfe50],
  [0xfe54, 0xfe6b],
  [0xfe6d, 0xfe75],
  [0xfe77, 0xfe90],
  [0xfe92, 0xfea0],
];

/** Python's GBK has no four-byte sequences and no user-defined (private-use) areas. */
export const gbk = multiByteCodec({
  label: 'gbk',
  sequenceLength: pair,
  rejects: (key, text) => isPrivateUse(text) || leadByte(key) === 0x80 || inRanges(key, NOT_IN_PYTHON_GBK),
});

// GBK's additions inside the rows GB 2312 uses.
const NOT_IN_GB2312: Ranges = [
  [0xa2a1, 0xa2aa],
  [0xa2e3, 0xa2e3],
  [0xa6d9, 0xa6f5],
  [0xa8bb, 0xa8c0],
  [0xaaa1, 0xaffe],
  [0xd7fa, 0xd7fe],
  [0xf8a1, 0xfefe],
];

/** GB 2312 in EUC-CN form, as Python's gb2312 codec: the GBK decoder restricted to its rows. */
export const gb2312 = multiByteCodec({
  label: 'gbk',
  sequenceLength: pair,
  overrides: new Map([
    [0xa1a4, '\u30FB'],
    [0xa1aa, '\u2015'],
  ]),
  rejects: (key, text) => !isEuc(key) || isPrivateUse(text) || inRanges(key, NOT_IN_GB2312),
});

/** UTF-8 as Python decodes it: a BOM is kept, invalid sequences are replaced by maximal subpart. */
export const utf8: Codec = {
  strict: (bytes) => tryDecode(fatalDecoder('utf-8'), bytes),
  replace: (bytes) => replacingDecoder('utf-8').decode(bytes),
};
