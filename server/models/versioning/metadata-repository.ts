import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Digest } from '@strata/modules/blob';
import { insertRows, parseJson, toBytes, toHex } from './sql-values.js';

/** What ingest parsed from one DICOM file (see the InstanceMetadata entity). */
export interface InstanceMetadataRecord {
  fileId: Digest;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  sopClassUid: string;
  transferSyntaxUid: string;
  numberOfFrames: number;
  headerEnd: number;
  attributes: Record<string, unknown>;
  pixelData?: object;
}

export class MetadataRepository {
  constructor(private readonly em: SqlEntityManager) {}

  /** Records metadata (idempotent: a file parsed before keeps its row); returns how many were new. */
  put(records: readonly InstanceMetadataRecord[]): Promise<number> {
    return insertRows(
      this.em,
      'insert into instance_metadata (file_id, study_instance_uid, series_instance_uid, sop_instance_uid, sop_class_uid, transfer_syntax_uid, number_of_frames, header_end, attributes, pixel_data)',
      'on conflict (file_id) do nothing',
      records.map((r) => [
        toBytes(r.fileId),
        r.studyInstanceUid,
        r.seriesInstanceUid,
        r.sopInstanceUid,
        r.sopClassUid,
        r.transferSyntaxUid,
        r.numberOfFrames,
        r.headerEnd,
        JSON.stringify(r.attributes),
        r.pixelData === undefined ? null : JSON.stringify(r.pixelData),
      ]),
    );
  }

  /** The QIDO attributes (DICOM JSON) of these files, for those that have metadata. */
  async attributesOf(fileIds: readonly Digest[]): Promise<Map<Digest, Record<string, unknown>>> {
    const found = new Map<Digest, Record<string, unknown>>();
    for (let start = 0; start < fileIds.length; start += 500) {
      const batch = fileIds.slice(start, start + 500);
      const rows = await this.em.execute<{ file_id: Uint8Array; attributes: unknown }[]>(
        `select file_id, attributes from instance_metadata where file_id in (${batch.map(() => '?').join(', ')})`,
        batch.map(toBytes),
      );
      for (const row of rows)
        found.set(toHex(row.file_id) as Digest, parseJson(row.attributes) as Record<string, unknown>);
    }
    return found;
  }

  async get(fileId: Digest): Promise<InstanceMetadataRecord | undefined> {
    return (await this.getMany([fileId])).get(fileId);
  }

  /** The metadata of these files (500 per statement), for those that have it. */
  async getMany(fileIds: readonly Digest[]): Promise<Map<Digest, InstanceMetadataRecord>> {
    const found = new Map<Digest, InstanceMetadataRecord>();
    for (let start = 0; start < fileIds.length; start += 500) {
      const rows = await this.em.execute<(Row & { file_id: Uint8Array })[]>(
        'select file_id, study_instance_uid, series_instance_uid, sop_instance_uid, sop_class_uid, transfer_syntax_uid, ' +
          'number_of_frames, header_end, attributes, pixel_data from instance_metadata where file_id in (?)',
        [fileIds.slice(start, start + 500).map(toBytes)],
      );
      for (const row of rows) {
        const fileId = toHex(row.file_id) as Digest;
        found.set(fileId, {
          fileId,
          studyInstanceUid: row.study_instance_uid,
          seriesInstanceUid: row.series_instance_uid,
          sopInstanceUid: row.sop_instance_uid,
          sopClassUid: row.sop_class_uid,
          transferSyntaxUid: row.transfer_syntax_uid,
          numberOfFrames: row.number_of_frames,
          headerEnd: Number(row.header_end),
          attributes: parseJson(row.attributes) as Record<string, unknown>,
          ...(row.pixel_data === null ? {} : { pixelData: parseJson(row.pixel_data) as object }),
        });
      }
    }
    return found;
  }
}

interface Row {
  study_instance_uid: string;
  series_instance_uid: string;
  sop_instance_uid: string;
  sop_class_uid: string;
  transfer_syntax_uid: string;
  number_of_frames: number;
  header_end: string | number;
  attributes: unknown;
  pixel_data: unknown;
}
