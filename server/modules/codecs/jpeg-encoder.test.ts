import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { ImagePixelDescription } from './image-pixel.js';
import { decodeJpegBaselineFrame, JPEG_BASELINE } from './jpeg-baseline.js';
import { encodeBaselineJpeg } from './jpeg-encoder.js';

/** The image as libjpeg-turbo decodes it (RGB for colour). */
async function decoded(bytes: Uint8Array, width: number, height: number, components: 1 | 3) {
  const image: ImagePixelDescription = {
    rows: height,
    columns: width,
    samplesPerPixel: components,
    bitsAllocated: 8,
    bitsStored: 8,
    pixelRepresentation: 0,
    photometricInterpretation: components === 3 ? 'YBR_FULL' : 'MONOCHROME2',
    planarConfiguration: 0,
    numberOfFrames: 1,
  };
  return (await decodeJpegBaselineFrame(image, bytes, JPEG_BASELINE)).pixels;
}

/** Peak signal-to-noise ratio, in dB. */
function psnr(a: Uint8Array, b: Uint8Array): number {
  let squares = 0;
  for (let i = 0; i < a.length; i++) squares += ((a[i] as number) - (b[i] as number)) ** 2;
  return squares === 0 ? Infinity : 10 * Math.log10((255 * 255) / (squares / a.length));
}

/** A smooth test image: gradients and a disc, per component. */
function picture(width: number, height: number, components: 1 | 3): Uint8Array {
  const pixels = new Uint8Array(width * height * components);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inside = (x - width / 2) ** 2 + (y - height / 2) ** 2 < (Math.min(width, height) / 3) ** 2;
      for (let c = 0; c < components; c++) {
        pixels[(y * width + x) * components + c] = inside ? 200 - c * 60 : ((x * 3 + y * (c + 1)) * 2) & 0xff;
      }
    }
  }
  return pixels;
}

describe('encodeBaselineJpeg', () => {
  it.each([
    [1, 1, 1],
    [8, 8, 1],
    [13, 7, 1],
    [300, 17, 1],
    [1, 1, 3],
    [9, 9, 3],
    [129, 65, 3],
  ] as const)(
    'codes %i×%i with %i component(s) so that libjpeg-turbo decodes it closely',
    async (width, height, components) => {
      for (const halveChroma of components === 3 ? [false, true] : [false]) {
        const pixels = picture(width, height, components);
        const bytes = encodeBaselineJpeg({ width, height, components, pixels }, { quality: 95, halveChroma });
        expect([bytes[0], bytes[1], bytes.at(-2), bytes.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
        const back = await decoded(bytes, width, height, components);
        expect(back.length).toBe(pixels.length);
        // The picture's colour sawtooth loses most to halved chroma (libjpeg-turbo: 24.7 dB at 129×65, as here).
        expect(psnr(pixels, back)).toBeGreaterThan(halveChroma ? 22 : 32);
      }
    },
  );

  it('codes noise at quality 100, which comes out larger than the raw image, and decodes it back nearly exactly', async () => {
    for (const components of [1, 3] as const) {
      const [width, height] = [256, 256];
      const pixels = new Uint8Array(randomBytes(width * height * components));
      const bytes = encodeBaselineJpeg({ width, height, components, pixels }, { quality: 100 });
      expect(bytes.length).toBeGreaterThan(pixels.length);
      expect(psnr(pixels, await decoded(bytes, width, height, components))).toBeGreaterThan(40);
    }
  });

  it('gets smaller and coarser as quality drops', async () => {
    const pixels = picture(256, 256, 1);
    const sizes = [95, 75, 30, 5].map(
      (quality) => encodeBaselineJpeg({ width: 256, height: 256, components: 1, pixels }, { quality }).length,
    );
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
    expect(new Set(sizes).size).toBe(4);
  });

  it('refuses sizes a baseline JPEG cannot have and too few samples', () => {
    const pixels = new Uint8Array(100);
    expect(() => encodeBaselineJpeg({ width: 0, height: 1, components: 1, pixels }, { quality: 90 })).toThrow(
      RangeError,
    );
    expect(() => encodeBaselineJpeg({ width: 11, height: 10, components: 1, pixels }, { quality: 90 })).toThrow(
      RangeError,
    );
  });
});
