import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { characterSetOf, decodeString, PERSON_NAME_DELIMITERS, pythonCodec, TEXT_DELIMITERS } from './charset.js';
import { bufferSource, parseInstance, type PersonNameValue } from './index.js';
import { TEST_DATA_ROOTS, testDataAvailable } from './testing/test-data.js';
import { personNameValues, textValues } from './value-decoder.js';

// Expectations come from pydicom 2.3 (testing/charset-vectors.json, written by
// testing/generate-expectations.py): every non-ASCII text value of its character set files, its
// own test names, and seeded random byte strings through its decode_bytes.

interface ElementVector {
  from: string;
  vr: string;
  specificCharacterSet: string[];
  hex: string;
  expected: unknown[];
}
interface StringVector {
  specificCharacterSet: string[];
  hex: string;
  delimiters: 'pn' | 'text';
  expected: string;
}

const vectors = JSON.parse(readFileSync(join(import.meta.dirname, 'testing/charset-vectors.json'), 'utf8')) as {
  elements: ElementVector[];
  strings: StringVector[];
};
const bytes = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'));

describe('decoding text as pydicom does', () => {
  it.each(vectors.elements.map((v) => [`${v.from} ${v.vr} ${v.hex.slice(0, 24)}`, v] as const))(
    'the value %s of a character set file',
    (_name, vector) => {
      const raw = bytes(vector.hex);
      const characterSet = characterSetOf(vector.specificCharacterSet);
      const decoded =
        vector.vr === 'PN' ? personNameValues(raw, characterSet) : textValues(raw, vector.vr, characterSet);
      expect(decoded).toEqual(vector.expected);
    },
  );

  it('decodes every string vector exactly (pydicom test names and random escapes, delimiters, invalid bytes)', () => {
    const mismatches = vectors.strings.filter((vector) => {
      const delimiters = vector.delimiters === 'pn' ? PERSON_NAME_DELIMITERS : TEXT_DELIMITERS;
      return (
        decodeString(bytes(vector.hex), characterSetOf(vector.specificCharacterSet), delimiters) !== vector.expected
      );
    });
    expect(vectors.strings.length).toBeGreaterThan(600);
    expect(mismatches).toEqual([]);
  });
});

describe('codecs where Node’s WHATWG decoders differ from Python’s', () => {
  // Compared exhaustively with Python's tables (every byte, pair, JIS row/cell and GB18030 BMP
  // four-byte sequence: 178,413 in all) when written; these are the kinds of difference found.
  it.each([
    ['latin_1', '80', '\u0080'], // WHATWG's "latin1" is windows-1252
    ['iso_ir_148', '80', '\u0080'], // and its "iso-8859-9" windows-1254
    ['iso_ir_148', 'd0', 'Ğ'],
    ['iso_ir_166', 'a0', undefined], // and its "tis-620" windows-874
    ['iso_ir_166', 'a1', 'ก'],
    ['iso8859_2', 'b3', 'ł'],
    ['iso_ir_127', 'a1', undefined],
    ['shift_jis', '1a', '\u001a'],
    ['shift_jis', '8160', '\u301c'],
    ['shift_jis', '8740', undefined], // NEC row 13 is CP932, not Shift_JIS
    ['shift_jis', 'b1', 'ｱ'],
    ['euc_kr', 'a2e6', '€'],
    ['euc_kr', 'c9a1', undefined], // user-defined
    ['euc_kr', 'b0a1', '가'],
    ['GB18030', 'a3a0', '\ue5e5'], // the 2005 mapping
    ['GB18030', '8135f437', 'ḿ'],
    ['GB18030', '80', undefined],
    ['GBK', 'a2e3', undefined],
    ['GBK', 'aaa1', undefined],
    ['GBK', 'b0a1', '啊'],
    ['GB2312', 'a1a4', '・'],
    ['GB2312', 'a2a1', undefined],
    ['iso2022_jp', '1b24422141', '\u301c'],
    ['iso2022_jp', '1b24422d21', undefined],
    ['iso2022_jp', '1b284a5c', '¥'],
    ['iso2022_jp_2', '1b2428442237', '~'],
    ['iso2022_jp_2', '1b2428447321', undefined],
    ['UTF8', 'efbbbf41', '\ufeffA'], // the BOM is kept
  ])('%s %s', (codec, hex, expected) => {
    expect(pythonCodec(codec)?.strict(bytes(hex))).toBe(expected);
  });
});

describe('characterSetOf', () => {
  it.each([
    [undefined, ['iso8859']],
    [['ISO_IR 100'], ['latin_1']],
    [
      [null, 'ISO 2022 IR 87'],
      ['iso8859', 'iso2022_jp'],
    ],
    [
      ['ISO 2022 IR 13', 'ISO 2022 IR 87'],
      ['shift_jis', 'iso2022_jp'],
    ],
    [['ISO IR 100'], ['latin_1']], // misspelt, repaired as pydicom does
    [['ISO-IR 144'], ['iso_ir_144']],
    [['ISO 2022-IR 149'], ['euc_kr']],
    [['ISO_IR 192', 'ISO 2022 IR 87'], ['UTF8']], // stand-alone: extensions ignored
    [
      ['', 'ISO 2022 IR 87', 'GB18030'],
      ['iso8859', 'iso2022_jp'],
    ],
    [['utf-8'], ['UTF8']],
    [['nonsense'], ['iso8859']],
  ])('%j → %j', (terms, expected) => {
    expect(characterSetOf(terms)).toEqual(expected);
  });
});

// pydicom's own table (tests/test_charset.py FILE_PATIENT_NAMES), as its str(PersonName) shows them.
const FILE_PATIENT_NAMES: [string, string][] = [
  ['chrArab', 'قباني^لنزار'],
  ['chrFren', 'Buc^Jérôme'],
  ['chrFrenMulti', 'Buc^Jérôme'],
  ['chrGerm', 'Äneas^Rüdiger'],
  ['chrGreek', 'Διονυσιος'],
  ['chrH31', 'Yamada^Tarou=山田^太郎=やまだ^たろう'],
  ['chrH32', 'ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう'],
  ['chrHbrw', 'שרון^דבורה'],
  ['chrI2', 'Hong^Gildong=洪^吉洞=홍^길동'],
  ['chrJapMulti', 'やまだ^たろう'],
  ['chrJapMultiExplicitIR6', 'やまだ^たろう'],
  ['chrKoreanMulti', '김희중'],
  ['chrRuss', 'Люкceмбypг'],
  ['chrX1', 'Wang^XiaoDong=王^小東'],
  ['chrX2', 'Wang^XiaoDong=王^小东'],
];

const describeWithPydicom = testDataAvailable('pydicom', process.env.CI === 'true') ? describe : describe.skip;

describeWithPydicom('PatientName of pydicom’s character set files', () => {
  it.each(FILE_PATIENT_NAMES)('%s', async (file, expected) => {
    const data = readFileSync(join(TEST_DATA_ROOTS.pydicom, 'charset_files', `${file}.dcm`));
    const { attributes } = await parseInstance(bufferSource(data));
    const [name] = (attributes['00100010']?.Value ?? []) as PersonNameValue[];
    expect([name?.Alphabetic, name?.Ideographic, name?.Phonetic].filter((group) => group !== undefined).join('=')).toBe(
      expected,
    );
  });
});
