/** An 8-bit image: grey (1 channel) or RGB (3 channels), rows top to bottom, pixel-interleaved. */
export interface DisplayImage {
  readonly columns: number;
  readonly rows: number;
  readonly channels: 1 | 3;
  readonly pixels: Uint8Array;
}

/** The size an image takes inside a viewport of `columns` × `rows`, keeping its aspect ratio. */
export function fitInside(
  image: { columns: number; rows: number },
  viewport: { columns: number; rows: number },
): { columns: number; rows: number } {
  const scale = Math.min(viewport.columns / image.columns, viewport.rows / image.rows);
  return {
    columns: Math.max(1, Math.min(viewport.columns, Math.round(image.columns * scale))),
    rows: Math.max(1, Math.min(viewport.rows, Math.round(image.rows * scale))),
  };
}

/**
 * Resamples an image to `columns` × `rows`: each output pixel averages the source area it covers
 * when shrinking (so thin lines and noise do not alias), and interpolates linearly when growing.
 */
export function resample(image: DisplayImage, columns: number, rows: number): DisplayImage {
  if (columns === image.columns && rows === image.rows) return image;
  const horizontal = axisWeights(image.columns, columns);
  const vertical = axisWeights(image.rows, rows);
  const { channels } = image;
  // Rows first into floats, then columns, so that each pass is one weighted sum per sample.
  const wide = new Float32Array(image.rows * columns * channels);
  for (let y = 0; y < image.rows; y++) {
    for (let x = 0; x < columns; x++) {
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (const [from, weight] of horizontal[x] as Tap[]) {
          sum += weight * (image.pixels[(y * image.columns + from) * channels + c] as number);
        }
        wide[(y * columns + x) * channels + c] = sum;
      }
    }
  }
  const pixels = new Uint8Array(rows * columns * channels);
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < columns; x++) {
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (const [from, weight] of vertical[y] as Tap[])
          sum += weight * (wide[(from * columns + x) * channels + c] as number);
        pixels[(y * columns + x) * channels + c] = Math.min(255, Math.max(0, Math.round(sum)));
      }
    }
  }
  return { columns, rows, channels, pixels };
}

type Tap = [index: number, weight: number];

/** For each output position, the source positions it draws on and their weights (summing to 1). */
function axisWeights(source: number, target: number): Tap[][] {
  const ratio = source / target;
  const taps: Tap[][] = [];
  for (let out = 0; out < target; out++) {
    if (ratio > 1) {
      const start = out * ratio;
      const end = start + ratio;
      const row: Tap[] = [];
      for (let at = Math.floor(start); at < Math.min(source, Math.ceil(end)); at++) {
        const covered = Math.min(end, at + 1) - Math.max(start, at);
        if (covered > 0) row.push([at, covered / ratio]);
      }
      taps.push(row);
    } else {
      const centre = Math.min(source - 1, Math.max(0, (out + 0.5) * ratio - 0.5));
      const low = Math.floor(centre);
      const high = Math.min(source - 1, low + 1);
      const fraction = centre - low;
      taps.push(
        high === low
          ? [[low, 1]]
          : [
              [low, 1 - fraction],
              [high, fraction],
            ],
      );
    }
  }
  return taps;
}
