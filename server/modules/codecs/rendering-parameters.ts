import { invalidRenderingParameter } from './codec-errors.js';
import type { VoiFunction, VoiWindow } from './presentation.js';

/** The media types a rendered frame can be written as. */
export type RenderedMediaType = 'image/jpeg' | 'image/png';

/** How to render a frame (PS3.18 8.3.5.1); absent fields take the data set's or the defaults. */
export interface RenderingOptions {
  readonly mediaType: RenderedMediaType;
  /** JPEG quality 1–100 (default 90); PNG is lossless and ignores it. */
  readonly quality?: number;
  /** The largest size the image may take; it is scaled to fit, keeping its aspect ratio. */
  readonly viewport?: { readonly columns: number; readonly rows: number };
  /** Overrides the data set's window. */
  readonly window?: VoiWindow;
}

const FUNCTIONS: ReadonlySet<string> = new Set(['linear', 'linear-exact', 'sigmoid']);

/**
 * Parses the rendering query parameters `quality`, `viewport` (vw,vh) and `window`
 * (center,width,function); a malformed one is request.invalid_rendering_parameter (400).
 */
export function parseRenderingParameters(
  mediaType: RenderedMediaType,
  query: { quality?: string; viewport?: string; window?: string },
): RenderingOptions {
  const options: { -readonly [K in keyof RenderingOptions]: RenderingOptions[K] } = { mediaType };
  if (query.quality !== undefined) {
    const quality = Number(query.quality);
    if (!Number.isInteger(quality) || quality < 1 || quality > 100) {
      throw invalidRenderingParameter('quality', query.quality, 'it must be an integer from 1 to 100');
    }
    options.quality = quality;
  }
  if (query.viewport !== undefined) options.viewport = parseViewport(query.viewport);
  if (query.window !== undefined) options.window = parseWindow(query.window);
  return options;
}

function parseViewport(text: string): { columns: number; rows: number } {
  const parts = text.split(',');
  if (parts.length !== 2) {
    throw invalidRenderingParameter(
      'viewport',
      text,
      'it must be vw,vh (a source region, sx,sy,sw,sh, is not supported)',
    );
  }
  const [columns, rows] = parts.map(Number) as [number, number];
  if (
    !Number.isInteger(columns) ||
    !Number.isInteger(rows) ||
    columns < 1 ||
    rows < 1 ||
    columns > 8192 ||
    rows > 8192
  ) {
    throw invalidRenderingParameter('viewport', text, 'vw and vh must be integers from 1 to 8192');
  }
  return { columns, rows };
}

function parseWindow(text: string): VoiWindow {
  const [center, width, name, ...rest] = text.split(',');
  const voiFunction = (name ?? '').trim().toLowerCase();
  if (rest.length > 0 || center === undefined || width === undefined || !FUNCTIONS.has(voiFunction)) {
    throw invalidRenderingParameter(
      'window',
      text,
      'it must be center,width,function with function linear, linear-exact or sigmoid',
    );
  }
  const values = { center: Number(center), width: Number(width) };
  if (
    center.trim() === '' ||
    !Number.isFinite(values.center) ||
    !(values.width > 0) ||
    !Number.isFinite(values.width)
  ) {
    throw invalidRenderingParameter('window', text, 'center must be a number and width a positive number');
  }
  // Linear windows need a width of at least 1 (PS3.3 C.11.2.1.2.1).
  if (voiFunction === 'linear' && values.width < 1)
    throw invalidRenderingParameter('window', text, 'a linear window needs a width of at least 1');
  return { ...values, function: voiFunction as VoiFunction };
}
