import type { VoiWindow } from './presentation.js';

/**
 * Maps modality values to grey levels 0–255 through a VOI window (PS3.3 C.11.2.1.2 and
 * C.11.2.1.3.1): LINEAR with its half-unit offsets, LINEAR_EXACT, or SIGMOID.
 */
export function applyWindow(values: Float64Array, window: VoiWindow): Uint8Array {
  const out = new Uint8Array(values.length);
  const { center, width } = window;
  // A local binding: a global lookup per sample is slow in vm sandboxes such as Jest's.
  const { exp } = Math;
  for (let at = 0; at < values.length; at++) {
    const x = values[at] as number;
    let y: number;
    if (window.function === 'sigmoid') {
      y = 255 / (1 + exp((-4 * (x - center)) / width));
    } else if (window.function === 'linear-exact') {
      y = x <= center - width / 2 ? 0 : x > center + width / 2 ? 255 : ((x - center) / width + 0.5) * 255;
    } else if (width <= 1) {
      // A width of 1 is a threshold at the centre (C.11.2.1.2.1 requires width ≥ 1).
      y = x < center - 0.5 ? 0 : 255;
    } else {
      const low = center - 0.5 - (width - 1) / 2;
      const high = center - 0.5 + (width - 1) / 2;
      y = x <= low ? 0 : x > high ? 255 : ((x - (center - 0.5)) / (width - 1) + 0.5) * 255;
    }
    out[at] = y + 0.5; // y is within 0–255 and the store truncates: this rounds
  }
  return out;
}

/** The window spanning a frame's values, for frames whose data set suggests none. */
export function fullRangeWindow(values: Float64Array): VoiWindow {
  let min = Infinity;
  let max = -Infinity;
  for (let at = 0; at < values.length; at++) {
    const value = values[at] as number;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (!Number.isFinite(min)) return { center: 0, width: 1, function: 'linear-exact' };
  return { center: (min + max) / 2, width: Math.max(max - min, 1), function: 'linear-exact' };
}
