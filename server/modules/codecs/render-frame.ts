import { notAcceptable } from './codec-errors.js';
import { ybrFullToRgb, toEightBits } from './color-space.js';
import { decodeFrame } from './decode-frame.js';
import type { DecodedFrame } from './decoded-frame.js';
import { encodeJpegBaselineFrame } from './jpeg-baseline.js';
import { applyPalette, paletteOf } from './palette-color.js';
import type { PixelInstance } from './pixel-instance.js';
import { encodePng } from './png.js';
import { type FramePresentation, framePresentation, type VoiWindow } from './presentation.js';
import type { RenderedMediaType, RenderingOptions } from './rendering-parameters.js';
import { frameWords, sampleValues } from './sample-values.js';
import { type DisplayImage, fitInside, resample, type WordLookup } from './viewport-scaling.js';
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
  const { image } = frame;
  const target = options.viewport === undefined ? undefined : fitInside(image, options.viewport);
  const lookup = isMonochrome(image.photometricInterpretation)
    ? greyLookup(
        frame,
        framePresentation(instance.dataSet, frameNumber),
        options.window,
        image.photometricInterpretation,
      )
    : undefined;
  if (lookup !== undefined && target !== undefined && target.columns <= image.columns && target.rows <= image.rows) {
    // Shrinking: each output pixel averages the grey levels of its source area, read through the
    // lookup table on the way, so no full-size grey image is made.
    const source = { columns: image.columns, rows: image.rows, channels: 1 as const, pixels: lookup.words };
    return writeImage(resample(source, target.columns, target.rows, lookup), options);
  }
  let display =
    lookup === undefined
      ? displayImage(instance, frame, frameNumber, options)
      : { columns: image.columns, rows: image.rows, channels: 1 as const, pixels: greyOf(lookup) };
  if (target !== undefined) display = resample(display, target.columns, target.rows);
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
  const size = { columns: image.columns, rows: image.rows };
  switch (image.photometricInterpretation) {
    case 'MONOCHROME1':
    case 'MONOCHROME2': {
      const presentation = framePresentation(instance.dataSet, frameNumber);
      const lookup = greyLookup(frame, presentation, options.window, image.photometricInterpretation);
      return {
        ...size,
        channels: 1,
        pixels:
          lookup === undefined
            ? greyByValue(frame, presentation, options.window, image.photometricInterpretation)
            : greyOf(lookup),
      };
    }
    case 'PALETTE COLOR': {
      const palette = paletteOf(instance);
      return {
        ...size,
        channels: 3,
        pixels: toEightBits(applyPalette(sampleValues(frame), palette), palette[0].bitsPerEntry),
      };
    }
    case 'RGB':
      return { ...size, channels: 3, pixels: toEightBits(sampleValues(frame), image.bitsStored) };
    case 'YBR_FULL': {
      const values = sampleValues(frame);
      ybrFullToRgb(values, image.bitsStored);
      return { ...size, channels: 3, pixels: toEightBits(values, image.bitsStored) };
    }
    default:
      throw notAcceptable(
        `Frames with Photometric Interpretation ${image.photometricInterpretation} cannot be rendered.`,
      );
  }
}

function isMonochrome(photometricInterpretation: string): boolean {
  return photometricInterpretation === 'MONOCHROME1' || photometricInterpretation === 'MONOCHROME2';
}

/** The widest span of word values given a lookup table; wider frames are windowed value by value. */
const MAX_LOOKUP_SPAN = 1 << 16;

/**
 * A monochrome frame's words and, for each word value from `offset` on, its grey level: Modality
 * LUT, VOI window (the given one, else the data set's, else the frame's full range), MONOCHROME1's
 * inversion. Each step depends on the stored value alone, so it is computed once per value in the
 * frame's range instead of once per pixel. Undefined where a word is not its value (bits above
 * Bits Stored in use), for 1-bit frames and for spans wider than MAX_LOOKUP_SPAN.
 */
function greyLookup(
  frame: DecodedFrame,
  presentation: FramePresentation,
  window: VoiWindow | undefined,
  photometricInterpretation: string,
): WordLookup | undefined {
  const { image } = frame;
  if (image.bitsAllocated === 1 || image.bitsStored >= 32) return undefined;
  const words = frameWords(frame);
  if (words.length === 0) return undefined;
  let min = words[0] as number;
  let max = min;
  for (let at = 1; at < words.length; at++) {
    const value = words[at] as number;
    if (value < min) min = value;
    else if (value > max) max = value;
  }
  const signed = image.pixelRepresentation === 1;
  const lowest = signed ? -(2 ** (image.bitsStored - 1)) : 0;
  const highest = signed ? 2 ** (image.bitsStored - 1) - 1 : 2 ** image.bitsStored - 1;
  if (min < lowest || max > highest || max - min >= MAX_LOOKUP_SPAN) return undefined;
  const { rescaleSlope: slope, rescaleIntercept: intercept } = presentation;
  const modality = new Float64Array(max - min + 1);
  for (let at = 0; at < modality.length; at++) modality[at] = (min + at) * slope + intercept;
  const table = applyWindow(modality, window ?? presentation.window ?? fullRangeWindow(modality));
  // MONOCHROME1 shows its lowest values white (PS3.3 C.7.6.3.1.2).
  if (photometricInterpretation === 'MONOCHROME1')
    for (let at = 0; at < table.length; at++) table[at] = 255 - (table[at] as number);
  return { words, offset: min, table };
}

/** Grey levels through the lookup table, one per pixel. */
function greyOf({ words, offset, table }: WordLookup): Uint8Array {
  const grey = new Uint8Array(words.length);
  for (let at = 0; at < words.length; at++) grey[at] = table[(words[at] as number) - offset] as number;
  return grey;
}

/** Grey levels computed pixel by pixel, for the frames greyLookup declines. */
function greyByValue(
  frame: DecodedFrame,
  presentation: FramePresentation,
  window: VoiWindow | undefined,
  photometricInterpretation: string,
): Uint8Array {
  const values = sampleValues(frame);
  for (let at = 0; at < values.length; at++) {
    values[at] = (values[at] as number) * presentation.rescaleSlope + presentation.rescaleIntercept;
  }
  const grey = applyWindow(values, window ?? presentation.window ?? fullRangeWindow(values));
  if (photometricInterpretation === 'MONOCHROME1')
    for (let at = 0; at < grey.length; at++) grey[at] = 255 - (grey[at] as number);
  return grey;
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
