import { open } from 'node:fs/promises';
import { sha256Shared, type BlobWriter, type Digest } from '@strata/modules/blob';
import { bufferSource, fileHandleSource, parseInstance, type ParsedInstance } from '@strata/modules/dicom';
import type { FileRecord, InstanceMetadataRecord } from '@strata/models';
import { storeOpenFileParts } from './store-file.js';

/** A DICOM file stored in the blob store, ready to be committed at `path`. */
export interface IngestedInstance {
  /** StudyInstanceUID/SeriesInstanceUID/SOPInstanceUID. */
  path: string;
  record: FileRecord;
  metadata: InstanceMetadataRecord;
}

/**
 * Parses a DICOM file up to its pixel data and stores it as header, pixel and trailer parts;
 * what the parser found is kept for the index. Parse errors are StrataErrors (dicom.*), raised
 * before anything is stored.
 */
export async function ingestFile(blobs: BlobWriter, file: string, scratch: Buffer): Promise<IngestedInstance> {
  const handle = await open(file, 'r');
  let parsed;
  let record;
  try {
    const { size } = await handle.stat();
    parsed = await parseInstance(fileHandleSource(handle, size));
    const cuts = parsed.pixelData === undefined ? [] : [parsed.pixelData.valueStart, parsed.pixelData.valueEnd];
    record = await storeOpenFileParts(blobs, handle, size, cuts, file, scratch);
  } finally {
    await handle.close();
  }
  return ingested(parsed, record);
}

/**
 * `ingestFile` for a file already in memory (a STOW-RS part): parsed from the buffer and stored
 * as the same parts, with no copy on disk on the way.
 */
export async function ingestBytes(blobs: BlobWriter, bytes: Uint8Array): Promise<IngestedInstance> {
  const parsed = await parseInstance(bufferSource(bytes));
  const cuts = parsed.pixelData === undefined ? [] : [parsed.pixelData.valueStart, parsed.pixelData.valueEnd];
  const bounds = [0, ...cuts.filter((cut) => cut > 0 && cut < bytes.length), bytes.length];
  // The whole file's hash, its id, alongside the parts' (off the main thread for shared memory).
  const id = sha256Shared(bytes);
  try {
    const parts: Digest[] = [];
    for (let i = 0; i + 1 < bounds.length; i++) {
      parts.push((await blobs.put(bytes.subarray(bounds[i] ?? 0, bounds[i + 1] ?? bytes.length))).digest);
    }
    return ingested(parsed, { id: await id, size: bytes.length, parts });
  } finally {
    // The caller reuses `bytes` once this returns: not before the hash has read them.
    await id.catch(() => undefined);
  }
}

function ingested(parsed: ParsedInstance, record: FileRecord): IngestedInstance {
  const metadata: InstanceMetadataRecord = {
    fileId: record.id,
    studyInstanceUid: parsed.studyInstanceUid,
    seriesInstanceUid: parsed.seriesInstanceUid,
    sopInstanceUid: parsed.sopInstanceUid,
    sopClassUid: parsed.sopClassUid,
    transferSyntaxUid: parsed.transferSyntaxUid,
    numberOfFrames: parsed.numberOfFrames,
    headerEnd: parsed.headerEnd,
    attributes: parsed.attributes,
    ...(parsed.pixelData === undefined ? {} : { pixelData: parsed.pixelData }),
  };
  return {
    path: `${parsed.studyInstanceUid}/${parsed.seriesInstanceUid}/${parsed.sopInstanceUid}`,
    record,
    metadata,
  };
}
