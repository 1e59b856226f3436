import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_DATA_ROOTS, type TestDataSource } from '../../dicom/testing/test-data.js';

/** Test support: pydicom's decoded pixels (pydicom-pixels.json, written by pydicom-pixels.py). */

export interface FrameReference {
  sha256: string;
  samples: number[];
  mean: number;
}

export interface PixelReference {
  transferSyntaxUid: string;
  storedPhotometric: string;
  decodedPhotometric: string;
  frames: FrameReference[];
  paletteRgb?: FrameReference[];
  /** The data set's first window through apply_voi_lut, as grey levels 0–255. */
  windowed?: FrameReference[];
  error?: string;
}

export const PIXEL_REFERENCES = JSON.parse(
  readFileSync(join(import.meta.dirname, 'pydicom-pixels.json'), 'utf8'),
) as Record<string, PixelReference>;

/** The path of a test file named as in the references: "pydicom/MR_small.dcm". */
export function testFile(name: string): string {
  const [source, ...rest] = name.split('/');
  const root =
    source === 'pydicom' ? join(TEST_DATA_ROOTS.pydicom, 'test_files') : TEST_DATA_ROOTS[source as TestDataSource];
  return join(root, ...rest);
}

export function readTestFile(name: string): Uint8Array {
  return new Uint8Array(readFileSync(testFile(name)));
}

/** The positions pydicom-pixels.py samples (the same 32-bit LCG). */
export function samplePositions(count: number): number[] {
  let state = 12345;
  const out: number[] = [];
  for (let index = 0; index < 64; index++) {
    state = Number((BigInt(state) * 1103515245n + 12345n) % 2n ** 31n);
    out.push(state % count);
  }
  return out;
}

/** The reference's description of a frame's values, computed the same way as in Python. */
export function describeValues(values: Float64Array): FrameReference {
  const bytes = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  let sum = 0;
  for (const value of values) sum += value;
  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    samples: samplePositions(values.length).map((at) => values[at] as number),
    mean: sum / values.length,
  };
}
