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
  const { channels } = image;
  // Rows first into floats, then columns: one weighted sum per sample and pass.
  const wide = new Float32Array(image.rows * columns * channels);
  const horizontal = axisWeights(image.columns, columns);
  for (let y = 0; y < image.rows; y++) {
    const source = y * image.columns;
    for (let x = 0; x < columns; x++) {
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let tap = horizontal.first[x] as number; tap < (horizontal.first[x + 1] as number); tap++) {
          sum +=
            (horizontal.weight[tap] as number) *
            (image.pixels[(source + (horizontal.index[tap] as number)) * channels + c] as number);
        }
        wide[(y * columns + x) * channels + c] = sum;
      }
    }
  }
  const pixels = new Uint8Array(rows * columns * channels);
  const vertical = axisWeights(image.rows, rows);
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < columns; x++) {
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let tap = vertical.first[y] as number; tap < (vertical.first[y + 1] as number); tap++) {
          sum +=
            (vertical.weight[tap] as number) *
            (wide[((vertical.index[tap] as number) * columns + x) * channels + c] as number);
        }
        // Weights sum to 1 over values 0–255; the store truncates, so + 0.5 rounds.
        pixels[(y * columns + x) * channels + c] = sum + 0.5;
      }
    }
  }
  return { columns, rows, channels, pixels };
}

/** Output position i draws on source positions index[first[i]…first[i+1]) with those weights (summing to 1). */
interface AxisWeights {
  readonly first: Uint32Array;
  readonly index: Uint32Array;
  readonly weight: Float64Array;
}

function axisWeights(source: number, target: number): AxisWeights {
  const ratio = source / target;
  const first = new Uint32Array(target + 1);
  const index: number[] = [];
  const weight: number[] = [];
  for (let out = 0; out < target; out++) {
    first[out] = index.length;
    if (ratio > 1) {
      const start = out * ratio;
      const end = start + ratio;
      for (let at = Math.floor(start); at < Math.min(source, Math.ceil(end)); at++) {
        const covered = Math.min(end, at + 1) - Math.max(start, at);
        if (covered > 0) {
          index.push(at);
          weight.push(covered / ratio);
        }
      }
    } else {
      const centre = Math.min(source - 1, Math.max(0, (out + 0.5) * ratio - 0.5));
      const low = Math.floor(centre);
      const high = Math.min(source - 1, low + 1);
      index.push(low, high);
      weight.push(1 - (centre - low), centre - low);
    }
  }
  first[target] = index.length;
  return { first, index: Uint32Array.from(index), weight: Float64Array.from(weight) };
}
