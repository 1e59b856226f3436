/**
 * YBR_FULL to RGB (PS3.3 C.7.6.3.1.2, the JFIF equations), in place on interleaved values of the
 * given bit depth, with the chroma centred at half the range and results clamped to it.
 */
export function ybrFullToRgb(values: Float64Array, bits: number): void {
  const max = 2 ** bits - 1;
  const half = 2 ** (bits - 1);
  // Ternaries and a local round: a global lookup per sample is slow in vm sandboxes such as Jest's.
  const { round } = Math;
  const clamp = (value: number): number => (value <= 0 ? 0 : value >= max ? max : round(value));
  for (let at = 0; at + 2 < values.length; at += 3) {
    const y = values[at] as number;
    const cb = (values[at + 1] as number) - half;
    const cr = (values[at + 2] as number) - half;
    values[at] = clamp(y + 1.402 * cr);
    values[at + 1] = clamp(y - 0.344136 * cb - 0.714136 * cr);
    values[at + 2] = clamp(y + 1.772 * cb);
  }
}

/** Values of the given bit depth scaled to 0–255. */
export function toEightBits(values: Float64Array, bits: number): Uint8Array {
  const out = new Uint8Array(values.length);
  const scale = 255 / (2 ** bits - 1);
  for (let at = 0; at < values.length; at++) {
    // Assigning to a Uint8Array truncates and wraps: clamp first, and + 0.5 rounds to nearest.
    const value = (values[at] as number) * scale + 0.5;
    out[at] = value <= 0 ? 0 : value >= 255 ? 255 : value;
  }
  return out;
}
