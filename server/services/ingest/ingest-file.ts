import { open } from 'node:fs/promises';
import type { BlobWriter } from '@strata/modules/blob';
import { fileHandleSource, parseInstance } from '@strata/modules/dicom';
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
