import { frameOutOfRange } from '@strata/modules/codecs';
import type { PixelDataLocation } from '@strata/modules/dicom';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import type { VersionInstance } from './retrieve.js';
import { storedFileSource } from './stored-file-source.js';

const NATIVE_LITTLE_ENDIAN = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1']);

/**
 * The stored bytes of frames (numbered from 1), read straight from where ingest found them —
 * native little-endian frames by their size, encapsulated ones when each frame is one fragment —
 * without reading or parsing the rest of the file: what a viewer's frame requests cost. Undefined
 * when the recorded layout cannot tell (1-bit or odd-sized native data, several fragments per
 * frame, big-endian or deflated files, no record): the caller then parses the file.
 */
export async function storedFrames(
  deps: VersioningDeps,
  instance: VersionInstance,
  numbers: readonly number[],
): Promise<Uint8Array[] | undefined> {
  const ranges = frameRanges(instance);
  if (ranges === undefined) return undefined;
  const outside = numbers.find((n) => n > ranges.length);
  if (outside !== undefined) throw frameOutOfRange(outside, ranges.length);
  const source = storedFileSource(deps.blobStore, instance.file);
  return Promise.all(
    numbers.map((n) => {
      const range = ranges[n - 1] as { offset: number; length: number };
      return source.read(range.offset, range.length);
    }),
  );
}

/** Where each frame's bytes are in the stored file, from the ingest record; undefined if it cannot tell. */
function frameRanges(instance: VersionInstance): { offset: number; length: number }[] | undefined {
  const record = instance.metadata;
  const pixelData = record?.pixelData as PixelDataLocation | undefined;
  if (record === undefined || pixelData === undefined) return undefined;
  const frames = record.numberOfFrames;
  if (!Number.isSafeInteger(frames) || frames < 1) return undefined;
  if (pixelData.encapsulated) {
    const fragments = pixelData.fragments ?? [];
    return fragments.length === frames ? fragments.map(({ offset, length }) => ({ offset, length })) : undefined;
  }
  if (!NATIVE_LITTLE_ENDIAN.has(record.transferSyntaxUid)) return undefined;
  const rows = firstNumber(record.attributes['00280010']);
  const columns = firstNumber(record.attributes['00280011']);
  const bitsAllocated = firstNumber(record.attributes['00280100']);
  if (rows === undefined || columns === undefined || bitsAllocated === undefined) return undefined;
  if (bitsAllocated % 8 !== 0 || bitsAllocated < 8) return undefined;
  const pixelBytes = rows * columns * (bitsAllocated / 8);
  const length = pixelData.valueEnd - pixelData.valueStart;
  const frameSize = Math.floor(length / frames);
  // One or three samples per pixel; at most the pad byte of an odd-length value left over.
  const samples = frameSize / pixelBytes;
  if (pixelBytes === 0 || (samples !== 1 && samples !== 3) || length - frames * frameSize > 1) return undefined;
  return Array.from({ length: frames }, (_, i) => ({
    offset: pixelData.valueStart + i * frameSize,
    length: frameSize,
  }));
}

function firstNumber(attribute: unknown): number | undefined {
  const value = (attribute as { Value?: unknown[] } | undefined)?.Value?.[0];
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
}
