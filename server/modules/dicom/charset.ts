import type { Codec } from './codec.js';
import { iso2022Jp, iso2022Jp2 } from './iso2022-jp.js';
import { eucKr, gb18030, gb2312, gbk, shiftJis, utf8 } from './multi-byte-codecs.js';
import { latin1, SINGLE_BYTE_CODECS } from './single-byte-codecs.js';

// Decoding follows pydicom 2.3 (pydicom/charset.py) step by step, so that the QIDO index sees the
// names pydicom (and the DICOM test data's authors) see; codec names are Python's.

const CODECS: Readonly<Record<string, Codec>> = {
  ...SINGLE_BYTE_CODECS,
  shift_jis: shiftJis,
  iso2022_jp: iso2022Jp,
  iso2022_jp_2: iso2022Jp2,
  euc_kr: eucKr,
  // pydicom hands ISO 2022 IR 58 fragments, escape sequence included, to Python's gb2312, which
  // keeps "\x1b$)A" in the text; here the escape is stripped as for ISO 2022 IR 149.
  iso_ir_58: gb2312,
  GB2312: gb2312,
  GBK: gbk,
  GB18030: gb18030,
  UTF8: utf8,
};

const DEFAULT = 'iso8859';

/** Defined Terms of Specific Character Set (PS3.3 C.12.1.1.2) and the Python codec of each. */
const TERMS: Readonly<Record<string, string>> = {
  '': DEFAULT,
  'ISO_IR 6': DEFAULT,
  'ISO_IR 13': 'shift_jis',
  'ISO_IR 100': 'latin_1',
  'ISO_IR 101': 'iso8859_2',
  'ISO_IR 109': 'iso8859_3',
  'ISO_IR 110': 'iso8859_4',
  'ISO_IR 126': 'iso_ir_126',
  'ISO_IR 127': 'iso_ir_127',
  'ISO_IR 138': 'iso_ir_138',
  'ISO_IR 144': 'iso_ir_144',
  'ISO_IR 148': 'iso_ir_148',
  'ISO_IR 166': 'iso_ir_166',
  'ISO 2022 IR 6': DEFAULT,
  'ISO 2022 IR 13': 'shift_jis',
  'ISO 2022 IR 87': 'iso2022_jp',
  'ISO 2022 IR 100': 'latin_1',
  'ISO 2022 IR 101': 'iso8859_2',
  'ISO 2022 IR 109': 'iso8859_3',
  'ISO 2022 IR 110': 'iso8859_4',
  'ISO 2022 IR 126': 'iso_ir_126',
  'ISO 2022 IR 127': 'iso_ir_127',
  'ISO 2022 IR 138': 'iso_ir_138',
  'ISO 2022 IR 144': 'iso_ir_144',
  'ISO 2022 IR 148': 'iso_ir_148',
  'ISO 2022 IR 149': 'euc_kr',
  'ISO 2022 IR 159': 'iso2022_jp_2',
  'ISO 2022 IR 166': 'iso_ir_166',
  'ISO 2022 IR 58': 'iso_ir_58',
  'ISO_IR 192': 'UTF8',
  GB18030: 'GB18030',
  'ISO 2022 GBK': 'GBK',
  'ISO 2022 58': 'GB2312',
  GBK: 'GBK',
};

/** Values of (0008,0005) that pydicom accepts because Python knows them as codec names. */
const PYTHON_NAMES: Readonly<Record<string, string>> = {
  'utf-8': 'UTF8',
  utf8: 'UTF8',
  latin1: 'latin_1',
  'latin-1': 'latin_1',
  'iso-8859-1': 'latin_1',
  iso8859_1: 'latin_1',
};

// PS3.5 6.1.2.5.4 d: these cannot be combined with code extensions.
const STAND_ALONE = new Set(['ISO_IR 192', 'GBK', 'GB18030']);

/** The escape sequences of PS3.3 Tables C.12-3 and C.12-4 and the codec each switches to. */
const ESCAPES: Readonly<Record<string, string>> = {
  '\x1b(B': DEFAULT,
  '\x1b-A': 'latin_1',
  '\x1b)I': 'shift_jis',
  '\x1b(J': 'shift_jis',
  '\x1b$B': 'iso2022_jp',
  '\x1b-B': 'iso8859_2',
  '\x1b-C': 'iso8859_3',
  '\x1b-D': 'iso8859_4',
  '\x1b-F': 'iso_ir_126',
  '\x1b-G': 'iso_ir_127',
  '\x1b-H': 'iso_ir_138',
  '\x1b-L': 'iso_ir_144',
  '\x1b-M': 'iso_ir_148',
  '\x1b-T': 'iso_ir_166',
  '\x1b$)C': 'euc_kr',
  '\x1b$(D': 'iso2022_jp_2',
  '\x1b$)A': 'iso_ir_58',
};

/** Codecs that read their own escape sequence (the fragment is handed over whole). */
const STATEFUL = new Set(['iso2022_jp', 'iso2022_jp_2']);

const ESC = 0x1b;

/** The decoding a data set's Specific Character Set asks for: Python codec names, first = G0. */
export type CharacterSet = readonly string[];

/** Characters that return a code extension to the first character set (PS3.5 6.1.2.5.3). */
export const TEXT_DELIMITERS: ReadonlySet<number> = new Set([0x0d, 0x0a, 0x09, 0x0c]);
export const PERSON_NAME_DELIMITERS: ReadonlySet<number> = new Set([0x5e]);

function codecForTerm(term: string): string {
  const known = TERMS[term];
  if (known !== undefined) return known;
  // Common misspellings, as pydicom repairs them: "ISO IR 100", "ISO-IR 100", "ISO 2022-IR 87".
  const patched = /^ISO[^_]IR/.test(term)
    ? `ISO_IR${term.slice(6)}`
    : /^(?=ISO.2022.IR.)(?!ISO 2022 IR )/.test(term)
      ? `ISO 2022 IR ${term.slice(12)}`
      : undefined;
  if (patched !== undefined) return TERMS[patched] ?? DEFAULT;
  return PYTHON_NAMES[term.toLowerCase()] ?? DEFAULT;
}

/** The character set of the values of (0008,0005); absent or empty means the default repertoire. */
export function characterSetOf(terms: readonly (string | null)[] | undefined): CharacterSet {
  const values = terms === undefined || terms.length === 0 ? [''] : terms.map((term) => (term ?? '').trim());
  if (values.length > 1 && values[0] === '') values[0] = 'ISO_IR 6';
  const codecs = values.map(codecForTerm);
  if (values.length === 1) return codecs;
  if (STAND_ALONE.has(values[0] ?? '')) return codecs.slice(0, 1);
  return codecs.filter((_codec, i) => i === 0 || !STAND_ALONE.has(values[i] ?? ''));
}

const codec = (name: string): Codec => CODECS[name] ?? latin1;

/**
 * One value (or one person-name component group) to text, as pydicom's decode_bytes: without
 * escape sequences the first character set decodes it all; otherwise each run that starts with an
 * escape sequence is decoded with the character set it designates, until the next escape.
 */
export function decodeString(bytes: Uint8Array, charset: CharacterSet, delimiters: ReadonlySet<number>): string {
  const first = codec(charset[0] ?? DEFAULT);
  let start = bytes.indexOf(ESC);
  if (start < 0) return first.strict(bytes) ?? first.replace(bytes);
  let text = start > 0 ? decodeFragment(bytes.subarray(0, start), charset, delimiters) : '';
  while (start < bytes.length) {
    const next = bytes.indexOf(ESC, start + 1);
    const end = next < 0 ? bytes.length : next;
    text += decodeFragment(bytes.subarray(start, end), charset, delimiters);
    start = end;
  }
  return text;
}

/** A run of bytes in one character set; undecodable runs fall back to the first set, replaced. */
function decodeFragment(fragment: Uint8Array, charset: CharacterSet, delimiters: ReadonlySet<number>): string {
  const first = codec(charset[0] ?? DEFAULT);
  const text = fragment[0] === ESC ? decodeEscaped(fragment, charset, delimiters) : first.strict(fragment);
  return text ?? first.replace(fragment);
}

function decodeEscaped(
  fragment: Uint8Array,
  charset: CharacterSet,
  delimiters: ReadonlySet<number>,
): string | undefined {
  const first = codec(charset[0] ?? DEFAULT);
  const length = fragment[1] === 0x24 && (fragment[2] === 0x28 || fragment[2] === 0x29) ? 4 : 3;
  const designated = ESCAPES[String.fromCharCode(...fragment.subarray(0, length))];
  // An escape to a character set the data set did not declare decodes as the first one.
  if (designated === undefined || (designated !== DEFAULT && !charset.includes(designated))) {
    return first.replace(fragment);
  }
  const target = codec(designated);
  if (STATEFUL.has(designated)) return target.strict(fragment);
  const rest = fragment.subarray(length);
  // A delimiter returns to the first character set (PS3.5 6.1.2.5.3).
  const delimiter = rest.findIndex((byte) => delimiters.has(byte));
  if (delimiter < 0) return target.strict(rest);
  const head = target.strict(rest.subarray(0, delimiter));
  const tail = first.strict(rest.subarray(delimiter));
  return head === undefined || tail === undefined ? undefined : head + tail;
}

/** A codec by its Python name (for tests that compare with Python's own tables). */
export function pythonCodec(name: string): Codec | undefined {
  return CODECS[name];
}
