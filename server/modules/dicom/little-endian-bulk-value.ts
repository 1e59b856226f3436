import { inflateRawSync, inflateSync } from 'node:zlib';
import { bufferSource } from './byte-source.js';
import type { BulkDataLocation } from './dicom-json-model.js';
import { readInstanceMetadata } from './instance-metadata.js';
import { readFileMeta } from './meta-header.js';
import { SourceReader } from './source-reader.js';

/** Word sizes of the binary VRs a BulkDataURI can name (PS3.5 7.3); OB and UN are bytes. */
const WORD_SIZE: Readonly<Record<string, number>> = {
  OW: 2,
  US: 2,
  SS: 2,
  OF: 4,
  OL: 4,
  FL: 4,
  UL: 4,
  SL: 4,
  OD: 8,
  OV: 8,
  FD: 8,
  SV: 8,
  UV: 8,
};

/**
 * The value of a whole Part 10 file's bulk data element at `offset`/`length` (as its BulkDataURI
 * names it) in little-endian byte order, which is what `application/octet-stream` means (PS3.18
 * 8.7.3): for a deflated file the offsets count in the inflated data set, whose bytes are
 * returned; for a big-endian file the words are swapped per VR (Pixel Data per sample of Bits
 * Allocated, as the re-encoder does). Undefined when no bulk value sits exactly there.
 */
export async function littleEndianBulkValue(
  file: Uint8Array,
  offset: number,
  length: number,
): Promise<Uint8Array | undefined> {
  let found: BulkDataLocation | undefined;
  const dataSet = await readInstanceMetadata(bufferSource(file), {
    bulkDataUri: (location) => {
      if (location.offset === offset && location.length === length) found ??= location;
      return '';
    },
  });
  if (found === undefined) return undefined;
  let bytes = file;
  if (found.deflated) {
    const meta = await readFileMeta(new SourceReader(bufferSource(file), Infinity));
    bytes = inflate(file.subarray(meta.dataSetStart));
  }
  const value = new Uint8Array(bytes.subarray(offset, offset + length)); // a copy: it is swapped in place
  if (found.littleEndian || found.encapsulated) return value;
  const bits = dataSet['00280100']?.Value?.[0];
  const pixels = found.path.length === 1 && found.path[0] === '7FE00010' && found.vr === 'OW';
  const word = pixels && typeof bits === 'number' && bits > 8 ? bits / 8 : (WORD_SIZE[found.vr] ?? 1);
  return swapInPlace(value, word);
}

function inflate(compressed: Uint8Array): Uint8Array {
  try {
    return inflateRawSync(compressed);
  } catch {
    return inflateSync(compressed);
  }
}

function swapInPlace(bytes: Uint8Array, word: number): Uint8Array {
  if (word < 2) return bytes;
  for (let at = 0; at + word <= bytes.length; at += word) bytes.subarray(at, at + word).reverse();
  return bytes;
}
