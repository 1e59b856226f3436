import { StrataError } from '@strata/modules/errors';
import {
  littleEndianBulkValue,
  readInstanceMetadata,
  type BulkDataLocation,
  type DicomJsonDataSet,
} from '@strata/modules/dicom';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import { fileBytes, type VersionInstance } from './retrieve.js';
import { storedFileSource } from './stored-file-source.js';

/** Instances read at once: each waits mostly on blob reads. */
const CONCURRENCY = 8;

const BIG_ENDIAN = '1.2.840.10008.1.2.2';
const DEFLATED = '1.2.840.10008.1.2.1.99';

/**
 * The WADO-RS metadata of instances, in their order: each instance's whole data set in the DICOM
 * JSON model, read from its stored header (bulk values are located, never read), with each bulk
 * value's BulkDataURI made by `bulkDataUri` from where its bytes are in the file.
 */
export async function metadataOf(
  deps: VersioningDeps,
  instances: readonly VersionInstance[],
  bulkDataUri: (instance: VersionInstance, location: BulkDataLocation) => string,
): Promise<DicomJsonDataSet[]> {
  const results: DicomJsonDataSet[] = new Array<DicomJsonDataSet>(instances.length);
  let next = 0;
  const worker = async () => {
    while (next < instances.length) {
      const index = next++;
      const instance = instances[index] as VersionInstance;
      results[index] = await readInstanceMetadata(storedFileSource(deps.blobStore, instance.file), {
        bulkDataUri: (location) => bulkDataUri(instance, location),
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, instances.length) }, worker));
  return results;
}

/**
 * The bytes of one bulk value of a stored instance, by its place in the file (from a BulkDataURI).
 * Little-endian, non-deflated files are served as stored, streamed. Values of deflated files are
 * read from the inflated data set (where their BulkDataURIs count) and values of big-endian files
 * are swapped to little endian per VR: both need the whole file read and the value located.
 */
export async function* bulkDataOf(
  deps: VersioningDeps,
  instance: VersionInstance,
  range: { offset: number; length: number },
): AsyncGenerator<Uint8Array> {
  const { offset, length } = range;
  const syntax = instance.metadata?.transferSyntaxUid;
  const located = syntax === BIG_ENDIAN || syntax === DEFLATED;
  if (
    !Number.isSafeInteger(offset) ||
    !Number.isSafeInteger(length) ||
    offset < 0 ||
    length < 0 ||
    (!located && offset + length > instance.file.size)
  ) {
    throw outOfRange(offset, length, instance.file.size);
  }
  if (located) {
    const value = await littleEndianBulkValue(await fileBytes(deps, instance.file), offset, length);
    if (value === undefined) throw outOfRange(offset, length, instance.file.size);
    yield value;
    return;
  }
  const source = storedFileSource(deps.blobStore, instance.file);
  const CHUNK = 1 << 20;
  for (let at = offset; at < offset + length; at += CHUNK)
    yield await source.read(at, Math.min(CHUNK, offset + length - at));
}

function outOfRange(offset: number, length: number, size: number): StrataError {
  return new StrataError(
    'dicomweb.bulkdata_out_of_range',
    'not_found',
    `No bulk data at ${offset}-${length} in this instance.`,
    {
      details: { offset, length, size },
    },
  );
}
