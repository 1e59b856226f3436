import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bufferSource, fileHandleSource, parseInstance } from './index.js';
import {
  bytesRead,
  concat,
  countingSource,
  element,
  encapsulatedPixelData,
  identity,
  part10,
  text,
  us,
  EXPLICIT,
  JPEG_BASELINE,
  parseBytes,
} from './testing/dicom-builder.js';

const parse = parseBytes;
describe('parseInstance: lazy reading', () => {
  it('reads under 300 KB of a file with 50 MB of native Pixel Data', async () => {
    const header = part10(EXPLICIT, identity());
    const file = concat([header, element(0x7fe00010, 'OW', new Uint8Array(50 * 1024 * 1024))]);
    const counted = countingSource(bufferSource(file));
    const { pixelData } = await parseInstance(counted.source);
    expect(pixelData?.valueEnd).toBe(file.length);
    expect(bytesRead(counted.reads)).toBeLessThan(300_000);
    expect(counted.reads).toHaveLength(1);
  });

  it('reads only item headers of 50 MB of encapsulated Pixel Data in 500 fragments', async () => {
    const fragment = new Uint8Array(100 * 1024);
    const file = concat([
      part10(JPEG_BASELINE, identity()),
      encapsulatedPixelData(Array.from({ length: 500 }, () => fragment)),
    ]);
    const counted = countingSource(bufferSource(file));
    const { pixelData } = await parseInstance(counted.source);
    expect(pixelData?.fragments).toHaveLength(500);
    expect(bytesRead(counted.reads)).toBeLessThan(300_000);
    expect(counted.reads.slice(1).every((read) => read.length === 8)).toBe(true);
  });

  it('parses a 2 GB file through a file handle reading one chunk', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'strata-dicom-'));
    const path = join(directory, 'large.dcm');
    try {
      const header = concat([part10(EXPLICIT, identity()), element(0x7fe00010, 'OW', new Uint8Array(0))]);
      const size = 2 * 1024 ** 3;
      const pixelLength = size - header.length;
      header.set(
        Uint8Array.of(pixelLength & 0xff, (pixelLength >>> 8) & 0xff, (pixelLength >>> 16) & 0xff, pixelLength >>> 24),
        header.length - 4,
      );
      const handle = await open(path, 'w+');
      try {
        await handle.write(header, 0, header.length, 0);
        await handle.truncate(size); // sparse: no 2 GB on disk
        const counted = countingSource(fileHandleSource(handle, size));
        const parsed = await parseInstance(counted.source);
        expect(parsed.pixelData).toMatchObject({ valueStart: header.length, valueEnd: size });
        expect(bytesRead(counted.reads)).toBeLessThanOrEqual(64 * 1024);
      } finally {
        await handle.close();
      }
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe('parseInstance: speed', () => {
  it('parses a 2 KB CT header 1,000 times in well under 2 s', async () => {
    const details = Array.from({ length: 60 }, (_, i) => text(0x00191000 + i, 'LO', `private value ${i}`));
    const header = part10(EXPLICIT, [
      text(0x00080005, 'CS', 'ISO_IR 100'),
      text(0x00080008, 'CS', 'ORIGINAL\\PRIMARY\\AXIAL'),
      ...identity(),
      ...details,
      us(0x00280010, 512),
      us(0x00280011, 512),
      us(0x00280100, 16),
    ]);
    const file = concat([header, element(0x7fe00010, 'OW', new Uint8Array(512 * 512 * 2))]);
    expect(header.length).toBeGreaterThan(1500);
    await parse(file); // warm up
    const started = performance.now();
    for (let i = 0; i < 1000; i++) await parse(file);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
