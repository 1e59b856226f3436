import { defineEntity, p } from '@mikro-orm/core';

/**
 * What ingest learned from one DICOM file, keyed by the file's SHA-256 (raw 32 bytes): parsed
 * once per distinct file, however many datasets and versions contain it. `attributes` holds the
 * QIDO-RS attributes in the DICOM JSON model; `pixelData` where the frames are in the file.
 */
export const InstanceMetadataSchema = defineEntity({
  name: 'InstanceMetadata',
  tableName: 'instance_metadata',
  properties: {
    fileId: p.blob().columnType('bytea').primary(),
    studyInstanceUid: p.string().length(64).index(),
    seriesInstanceUid: p.string().length(64).index(),
    sopInstanceUid: p.string().length(64).index(),
    sopClassUid: p.string().length(64),
    transferSyntaxUid: p.string().length(64),
    numberOfFrames: p.integer(),
    headerEnd: p.bigint('number'),
    attributes: p.json<Record<string, unknown>>(),
    pixelData: p.json<Record<string, unknown>>().nullable(),
  },
});

export class InstanceMetadata extends InstanceMetadataSchema.class {}
InstanceMetadataSchema.setClass(InstanceMetadata);
