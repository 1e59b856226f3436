import { defineEntity, p } from '@mikro-orm/core';

/**
 * The WADO-RS metadata of one series directory, by its id (content): the DICOM JSON array of its
 * instances, gzip-compressed, with BulkDataURIs relative to a version's base (see
 * SeriesMetadataRepository). Written on first request; exact for every version that holds the
 * series, so it is never invalidated — gc removes it with the directory.
 */
export const SeriesMetadataSchema = defineEntity({
  name: 'SeriesMetadata',
  tableName: 'series_metadata',
  properties: {
    dirId: p.blob().columnType('bytea').primary(),
    json: p.blob().columnType('bytea'),
    instances: p.integer(),
  },
});

export class SeriesMetadata extends SeriesMetadataSchema.class {}
SeriesMetadataSchema.setClass(SeriesMetadata);
