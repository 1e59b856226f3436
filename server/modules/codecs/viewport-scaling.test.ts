import { describe, expect, it } from '@jest/globals';
import { resample, type SourceImage } from './viewport-scaling.js';

/** The rounded mean of each block, computed the slow obvious way. */
function blockMeans(image: SourceImage, columns: number, rows: number, grey: (word: number) => number): number[] {
  const across = image.columns / columns;
  const down = image.rows / rows;
  const out: number[] = [];
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < columns; x++) {
      for (let c = 0; c < image.channels; c++) {
        let sum = 0;
        for (let dy = 0; dy < down; dy++) {
          for (let dx = 0; dx < across; dx++) {
            sum += grey(
              image.pixels[((y * down + dy) * image.columns + x * across + dx) * image.channels + c] as number,
            );
          }
        }
        out.push(Math.floor(sum / (across * down) + 0.5));
      }
    }
  }
  return out;
}

function noise(length: number, seed: number, low: number, high: number): number[] {
  let state = seed;
  return Array.from({ length }, () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return low + (state % (high - low + 1));
  });
}

describe('resample by a whole factor', () => {
  it('averages signed grey words through their lookup table, block by block', () => {
    const words = Int16Array.from(noise(512 * 384, 7, -1024, 3071));
    const offset = -1024;
    const table = Uint8Array.from(noise(4096, 11, 0, 255));
    const image = { columns: 512, rows: 384, channels: 1 as const, pixels: words };
    const shrunk = resample(image, 128, 96, { offset, table });
    expect({ columns: shrunk.columns, rows: shrunk.rows, channels: shrunk.channels }).toEqual({
      columns: 128,
      rows: 96,
      channels: 1,
    });
    expect(Array.from(shrunk.pixels)).toEqual(blockMeans(image, 128, 96, (word) => table[word - offset] as number));
  });

  it('averages each channel of an RGB image on its own', () => {
    const pixels = Uint8Array.from(noise(60 * 40 * 3, 3, 0, 255));
    const image = { columns: 60, rows: 40, channels: 3 as const, pixels };
    const shrunk = resample(image, 20, 10);
    expect(Array.from(shrunk.pixels)).toEqual(blockMeans(image, 20, 10, (word) => word));
  });
});
