import { notAcceptable } from './codec-errors.js';
import { ybrFullToRgb, toEightBits } from './color-space.js';
import { decodeFrame } from './decode-frame.js';
import type { DecodedFrame } from './decoded-frame.js';
import { encodeJpegBaselineFrame } from './jpeg-baseline.js';
import { applyPalette, paletteOf } from './palette-color.js';
import type { PixelInstance } from './pixel-instance.js';
import { encodePng } from './png.js';
import { framePresentation } from './presentation.js';
import type { RenderedMediaType, RenderingOptions } from './rendering-parameters.js';
import { sampleValues } from './sample-values.js';
import { type DisplayImage, fitInside, resample } from './viewport-scaling.js';
import { applyWindow, fullRangeWindow } from './voi-window.js';

/** A rendered image: its bytes and their media type. */
export interface RenderedImage {
  readonly bytes: Uint8Array;
  readonly mediaType: RenderedMediaType;
}

const DEFAULT_QUALITY = 90;
const THUMBNAIL_VIEWPORT = { columns: 128, rows: 128 };

/**
 * Renders one frame for WADO-RS `…/rendered`: Modality LUT, VOI window, MONOCHROME1 inversion,
 * palette or YBR colour to RGB, scaled into the viewport, written as JPEG or PNG.
 */
export async function renderFrame(
  instance: PixelInstance,
  frameNumber: number,
  options: RenderingOptions,
): Promise<RenderedImage> {
  const frame = await decodeFrame(instance, frameNumber);
  let display = displayImage(instance, frame, frameNumber, options);
  if (options.viewport !== undefined) {
    const size = fitInside(display, options.viewport);
    display = resample(display, size.columns, size.rows);
  }
  return writeImage(display, options);
}

/** Renders a thumbnail for WADO-RS `…/thumbnail`: the first frame, at most 128 × 128 unless a viewport says otherwise. */
export async function renderThumbnail(
  instance: PixelInstance,
  options: Omit<RenderingOptions, 'window'> = { mediaType: 'image/jpeg' },
): Promise<RenderedImage> {
  return renderFrame(instance, 1, { ...options, viewport: options.viewport ?? THUMBNAIL_VIEWPORT });
}

/** A decoded frame as 8-bit display pixels (grey or RGB), before any scaling. */
export function displayImage(
  instance: PixelInstance,
  frame: DecodedFrame,
  frameNumber: number,
  options: Pick<RenderingOptions, 'window'> = {},
): DisplayImage {
  const { image } = frame;
  const values = sampleValues(frame);
  const size = { columns: image.columns, rows: image.rows };
  switch (image.photometricInterpretation) {
    case 'MONOCHROME1':
    case 'MONOCHROME2': {
      const presentation = framePresentation(instance.dataSet, frameNumber);
      for (let at = 0; at < values.length; at++) {
        values[at] = (values[at] as number) * presentation.rescaleSlope + presentation.rescaleIntercept;
      }
      const grey = applyWindow(values, options.window ?? presentation.window ?? fullRangeWindow(values));
      // MONOCHROME1 shows its lowest values white (PS3.3 C.7.6.3.1.2).
      if (image.photometricInterpretation === 'MONOCHROME1')
        for (let at = 0; at < grey.length; at++) grey[at] = 255 - (grey[at] as number);
      return { ...size, channels: 1, pixels: grey };
    }
    case 'PALETTE COLOR': {
      const palette = paletteOf(instance);
      return { ...size, channels: 3, pixels: toEightBits(applyPalette(values, palette), palette[0].bitsPerEntry) };
    }
    case 'RGB':
      return { ...size, channels: 3, pixels: toEightBits(values, image.bitsStored) };
    case 'YBR_FULL':
      ybrFullToRgb(values, image.bitsStored);
      return { ...size, channels: 3, pixels: toEightBits(values, image.bitsStored) };
    default:
      throw notAcceptable(
        `Frames with Photometric Interpretation ${image.photometricInterpretation} cannot be rendered.`,
      );
  }
}

async function writeImage(display: DisplayImage, options: RenderingOptions): Promise<RenderedImage> {
  if (options.mediaType === 'image/png') return { bytes: encodePng(display), mediaType: 'image/png' };
  const image = {
    rows: display.rows,
    columns: display.columns,
    samplesPerPixel: display.channels,
    bitsAllocated: 8,
    bitsStored: 8,
    pixelRepresentation: 0 as const,
    photometricInterpretation: display.channels === 3 ? 'RGB' : 'MONOCHROME2',
    planarConfiguration: 0 as const,
    numberOfFrames: 1,
  };
  const { codestream } = await encodeJpegBaselineFrame(
    { image, pixels: display.pixels },
    options.quality ?? DEFAULT_QUALITY,
  );
  return { bytes: codestream, mediaType: 'image/jpeg' };
}
