import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bufferSource } from './byte-source.js';
import type { BulkDataLocation, DicomJsonDataSet, DicomJsonValue } from './dicom-json-model.js';
import { readInstanceMetadata } from './instance-metadata.js';
import { nativeDicomXml } from './native-dicom-xml.js';
import { TEST_DATA_ROOTS, testDataAvailable, type TestDataSource } from './testing/test-data.js';
import type { PersonNameValue } from './value-decoder.js';

const small: DicomJsonDataSet = {
  '00080005': { vr: 'CS', Value: ['ISO_IR 192'] },
  '00080008': { vr: 'CS', Value: ['ORIGINAL', null, 'AXIAL'] },
  '00081030': { vr: 'LO', Value: ['Head & neck <contrast> "A"\r\nB\u0001'] },
  '00081140': { vr: 'SQ', Value: [{ '00081150': { vr: 'UI', Value: ['1.2.3'] } }, {}] },
  '00100010': {
    vr: 'PN',
    Value: [{ Alphabetic: 'Yamada^Tarou', Ideographic: '山田^太郎', Phonetic: 'やまだ^^^Dr.' }, null],
  },
  '00100020': { vr: 'LO' },
  '00200032': { vr: 'DS', Value: [-1.5, 200, 0.25] },
  '00209165': { vr: 'AT', Value: ['00200032'] },
  '00290010': { vr: 'LO', Value: ['ACME 1.0'] },
  '00291001': { vr: 'DS', Value: [1.5] },
  '00420011': { vr: 'OB', InlineBinary: 'AQIDBA==' },
  '7FE00010': { vr: 'OB', BulkDataURI: 'https://example.org/bulk?path=7FE00010&offset=1024' },
};

describe('nativeDicomXml', () => {
  it('writes the Native DICOM Model of PS3.19 A.1', () => {
    expect(nativeDicomXml(small)).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        '<NativeDicomModel xmlns="http://dicom.nema.org/PS3.19/models/NativeDICOM" xml:space="preserve">',
        '<DicomAttribute tag="00080005" vr="CS" keyword="SpecificCharacterSet"><Value number="1">ISO_IR 192</Value></DicomAttribute>',
        '<DicomAttribute tag="00080008" vr="CS" keyword="ImageType">',
        '<Value number="1">ORIGINAL</Value><Value number="2"/><Value number="3">AXIAL</Value></DicomAttribute>',
        '<DicomAttribute tag="00081030" vr="LO" keyword="StudyDescription">',
        '<Value number="1">Head &amp; neck &lt;contrast&gt; "A"&#13;\nB\ufffd</Value></DicomAttribute>',
        '<DicomAttribute tag="00081140" vr="SQ" keyword="ReferencedImageSequence">',
        '<Item number="1"><DicomAttribute tag="00081150" vr="UI" keyword="ReferencedSOPClassUID">',
        '<Value number="1">1.2.3</Value></DicomAttribute></Item><Item number="2"/></DicomAttribute>',
        '<DicomAttribute tag="00100010" vr="PN" keyword="PatientName"><PersonName number="1">',
        '<Alphabetic><FamilyName>Yamada</FamilyName><GivenName>Tarou</GivenName></Alphabetic>',
        '<Ideographic><FamilyName>山田</FamilyName><GivenName>太郎</GivenName></Ideographic>',
        '<Phonetic><FamilyName>やまだ</FamilyName><NamePrefix>Dr.</NamePrefix></Phonetic>',
        '</PersonName><PersonName number="2"/></DicomAttribute>',
        '<DicomAttribute tag="00100020" vr="LO" keyword="PatientID"/>',
        '<DicomAttribute tag="00200032" vr="DS" keyword="ImagePositionPatient">',
        '<Value number="1">-1.5</Value><Value number="2">200</Value><Value number="3">0.25</Value></DicomAttribute>',
        '<DicomAttribute tag="00209165" vr="AT" keyword="DimensionIndexPointer"><Value number="1">00200032</Value></DicomAttribute>',
        '<DicomAttribute tag="00290001" vr="DS" privateCreator="ACME 1.0"><Value number="1">1.5</Value></DicomAttribute>',
        '<DicomAttribute tag="00420011" vr="OB" keyword="EncapsulatedDocument"><InlineBinary>AQIDBA==</InlineBinary></DicomAttribute>',
        '<DicomAttribute tag="7FE00010" vr="OB" keyword="PixelData">',
        '<BulkData uri="https://example.org/bulk?path=7FE00010&amp;offset=1024"/></DicomAttribute>',
        '</NativeDicomModel>\n',
      ].join(''),
    );
  });

  it('keeps a private element whose creator is missing under its own tag', () => {
    expect(nativeDicomXml({ '00091002': { vr: 'UN', BulkDataURI: 'u' } })).toContain(
      '<DicomAttribute tag="00091002" vr="UN"><BulkData uri="u"/></DicomAttribute>',
    );
  });
});

// Every file of the corpus: its metadata as XML, parsed back by Python's expat (which refuses XML
// that is not well-formed), must say what the JSON says.

interface FileCase {
  source: TestDataSource;
  path: string;
  error?: string;
}
const corpus = JSON.parse(readFileSync(join(import.meta.dirname, 'testing/corpus-expectations.json'), 'utf8')) as {
  files: FileCase[];
};
const files = corpus.files.filter(
  (file) => file.error === undefined && testDataAvailable(file.source, process.env.CI === 'true'),
);
const bulkDataUri = (location: BulkDataLocation) =>
  `https://example.org/bulk?path=${location.path.join('/')}&offset=${location.offset}&length=${location.length}`;

type Parsed = Record<
  string,
  { vr: string; keyword?: string; Value?: unknown[]; BulkDataURI?: string; InlineBinary?: string }
>;

/** What the XML should say: values as text, names from their components, private tags as gggg00ee. */
function expectedFromJson(dataSet: DicomJsonDataSet): Parsed {
  const out: Parsed = {};
  for (const [tag, attribute] of Object.entries(dataSet)) {
    const number = Number.parseInt(tag, 16);
    const group = number >>> 16;
    const element = number & 0xffff;
    if (group % 2 === 1 && element >= 0x10 && element <= 0xff) continue;
    const creatorTag = `${tag.slice(0, 4)}00${tag.slice(4, 6)}`;
    const creator = group % 2 === 1 && element >= 0x1000 ? dataSet[creatorTag]?.Value?.[0] : undefined;
    const key = typeof creator === 'string' ? `${tag.slice(0, 4)}00${tag.slice(6)} ${creator}` : tag;
    const parsed: Parsed[string] = { vr: attribute.vr };
    if (attribute.BulkDataURI !== undefined) parsed.BulkDataURI = attribute.BulkDataURI;
    if (attribute.InlineBinary !== undefined) parsed.InlineBinary = attribute.InlineBinary;
    const values = attribute.Value ?? [];
    const asXml = (value: DicomJsonValue): unknown => {
      if (attribute.vr === 'SQ') return expectedFromJson(value as DicomJsonDataSet);
      if (attribute.vr === 'PN') return personName(value as PersonNameValue | null);
      return value === null ? null : withoutControls(typeof value === 'number' ? String(value) : (value as string));
    };
    if (values.length > 0) parsed.Value = values.map(asXml);
    out[key] = parsed;
  }
  return out;
}

/** C0 controls other than tab, line feed and carriage return, which XML 1.0 cannot carry, as U+FFFD. */
const withoutControls = (text: string): string =>
  [...text].map((c) => (c.charCodeAt(0) < 0x20 && !'\t\n\r'.includes(c) ? '\ufffd' : c)).join('');

function personName(name: PersonNameValue | null): PersonNameValue | null {
  const out: PersonNameValue = {};
  for (const group of ['Alphabetic', 'Ideographic', 'Phonetic'] as const) {
    const text = name?.[group]?.split('^').slice(0, 5).join('^').replace(/\^+$/, '');
    if (text !== undefined && text !== '') out[group] = text;
  }
  return Object.keys(out).length > 0 ? out : null;
}

function withoutKeywords(parsed: Parsed): Parsed {
  return Object.fromEntries(
    Object.entries(parsed).map(([tag, { keyword: _keyword, ...attribute }]) => [
      tag,
      attribute.vr === 'SQ' && attribute.Value !== undefined
        ? { ...attribute, Value: attribute.Value.map((item) => withoutKeywords(item as Parsed)) }
        : attribute,
    ]),
  );
}

describe('nativeDicomXml over the test corpus', () => {
  if (files.length === 0) {
    it.skip('parses back each file (test data not installed)', () => undefined);
    return;
  }
  it('writes well-formed XML for every file that says what its DICOM JSON says', async () => {
    const jsons: DicomJsonDataSet[] = [];
    for (const file of files) {
      const bytes = new Uint8Array(readFileSync(join(TEST_DATA_ROOTS[file.source], file.path)));
      jsons.push(await readInstanceMetadata(bufferSource(bytes), { bulkDataUri }));
    }
    const parsed = JSON.parse(
      execFileSync('/usr/bin/python3', [join(import.meta.dirname, 'testing/native-xml-read.py')], {
        input: JSON.stringify(jsons.map(nativeDicomXml)),
        maxBuffer: 256 * 1024 * 1024,
      }).toString('utf8'),
    ) as Parsed[];
    expect(parsed).toHaveLength(files.length);
    parsed.forEach((document, i) => {
      expect({ file: files[i]?.path, xml: withoutKeywords(document) }).toEqual({
        file: files[i]?.path,
        xml: expectedFromJson(jsons[i] ?? {}),
      });
    });
    expect(parsed[0]?.['00080005']?.keyword).toBe('SpecificCharacterSet');
  }, 60_000);
});
