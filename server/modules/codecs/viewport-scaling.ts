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

/** Word values of a frame and the grey level of each value from `offset` on (`table[value - offset]`). */
export interface WordLookup {
  readonly words: ArrayLike<number>;
  readonly offset: number;
  readonly table: Uint8Array;
}

/** An image to resample: 8-bit display pixels, or words read through a lookup table. */
export interface SourceImage {
  readonly columns: number;
  readonly rows: number;
  readonly channels: 1 | 3;
  readonly pixels: ArrayLike<number>;
}

const IDENTITY: Pick<WordLookup, 'offset' | 'table'> = {
  offset: 0,
  table: Uint8Array.from({ length: 256 }, (_, value) => value),
};

/**
 * Resamples an image to `columns` × `rows`: each output pixel averages the source area it covers
 * when shrinking (so thin lines and noise do not alias), and interpolates linearly when growing.
 * With a lookup, source pixels are words and their grey levels are what is averaged.
 */
export function resample(
  image: SourceImage,
  columns: number,
  rows: number,
  lookup: Pick<WordLookup, 'offset' | 'table'> = IDENTITY,
): DisplayImage {
  if (columns === image.columns && rows === image.rows && lookup === IDENTITY && image.pixels instanceof Uint8Array) {
    return { columns, rows, channels: image.channels, pixels: image.pixels };
  }
  if (image.columns % columns === 0 && image.rows % rows === 0) return boxAverage(image, columns, rows, lookup);
  const { channels, pixels: source } = image;
  const { offset, table } = lookup;
  // Rows first into floats, then columns: one weighted sum per sample and pass.
  const stride = columns * channels;
  const wide = new Float32Array(image.rows * stride);
  const horizontal = axisWeights(image.columns, columns);
  for (let y = 0; y < image.rows; y++) {
    const from = y * image.columns * channels;
    for (let x = 0; x < columns; x++) {
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let tap = horizontal.first[x] as number; tap < (horizontal.first[x + 1] as number); tap++) {
          const value = source[from + (horizontal.index[tap] as number) * channels + c] as number;
          sum += (horizontal.weight[tap] as number) * (table[value - offset] as number);
        }
        wide[y * stride + x * channels + c] = sum;
      }
    }
  }
  // Columns: whole rows at a time, which reads `wide` in order.
  const pixels = new Uint8Array(rows * stride);
  const vertical = axisWeights(image.rows, rows);
  const sums = new Float64Array(stride);
  for (let y = 0; y < rows; y++) {
    sums.fill(0);
    for (let tap = vertical.first[y] as number; tap < (vertical.first[y + 1] as number); tap++) {
      const weight = vertical.weight[tap] as number;
      const row = (vertical.index[tap] as number) * stride;
      for (let x = 0; x < stride; x++) sums[x] = (sums[x] as number) + weight * (wide[row + x] as number);
    }
    // Weights sum to 1 over values 0–255; the store truncates, so + 0.5 rounds.
    for (let x = 0; x < stride; x++) pixels[y * stride + x] = (sums[x] as number) + 0.5;
  }
  return { columns, rows, channels, pixels };
}

/**
 * Area averaging by a whole factor on each axis (512 → 128, 640 × 480 → 128 × 96): each output
 * pixel is the rounded mean of its block, summed in integers. The general path gives the same
 * means through fractional weights at several times the cost; this is the common thumbnail case.
 */
function boxAverage(
  image: SourceImage,
  columns: number,
  rows: number,
  lookup: Pick<WordLookup, 'offset' | 'table'>,
): DisplayImage {
  const { channels, pixels: source } = image;
  const { offset, table } = lookup;
  const across = image.columns / columns;
  const down = image.rows / rows;
  const stride = columns * channels;
  const sums = new Uint32Array(rows * stride);
  if (channels === 1) {
    // Grey (every CT and MR thumbnail): the source is read once, in order, with no index arithmetic.
    let at = 0;
    for (let y = 0; y < image.rows; y++) {
      const row = ((y / down) | 0) * stride;
      for (let x = 0; x < stride; x++) {
        let sum = 0;
        for (const end = at + across; at < end; at++) sum += table[(source[at] as number) - offset] as number;
        sums[row + x] = (sums[row + x] as number) + sum;
      }
    }
    return averaged(sums, across * down, columns, rows, channels);
  }
  // A block's row is `across` consecutive pixels: `width` consecutive samples per output sample
  // with one channel, interleaved with the others with three.
  const width = across * channels;
  for (let y = 0; y < image.rows; y++) {
    const row = Math.floor(y / down) * stride;
    const from = y * image.columns * channels;
    for (let x = 0; x < stride; x++) {
      const start = from + Math.floor(x / channels) * width + (x % channels);
      let sum = 0;
      for (let at = start; at < start + width; at += channels) sum += table[(source[at] as number) - offset] as number;
      sums[row + x] = (sums[row + x] as number) + sum;
    }
  }
  return averaged(sums, across * down, columns, rows, channels);
}

/** Block sums of `area` samples each, as their rounded means. */
function averaged(sums: Uint32Array, area: number, columns: number, rows: number, channels: 1 | 3): DisplayImage {
  const pixels = new Uint8Array(sums.length);
  // The store truncates: adding half the area rounds the mean.
  for (let out = 0; out < pixels.length; out++) pixels[out] = ((sums[out] as number) + area / 2) / area;
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
