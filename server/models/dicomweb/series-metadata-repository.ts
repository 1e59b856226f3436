import { gunzipSync, gzipSync } from 'node:zlib';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Digest } from '@strata/modules/blob';
import { executeBound, toBytes } from '../versioning/sql-values.js';

/** Cached WADO-RS series metadata, by series directory id (see the SeriesMetadata entity). */
export class SeriesMetadataRepository {
  constructor(private readonly em: SqlEntityManager) {}

  /** The cached JSON text of a series directory, or undefined. */
  async get(dirId: Digest): Promise<string | undefined> {
    const rows = await this.em.execute<{ json: Uint8Array }[]>('select json from series_metadata where dir_id = ?', [
      toBytes(dirId),
    ]);
    const row = rows[0];
    return row === undefined ? undefined : gunzipSync(row.json).toString('utf8');
  }

  /** Caches the JSON text of a series directory; a concurrent writer's equal copy wins quietly. */
  async put(dirId: Digest, json: string, instances: number): Promise<void> {
    // Bound, not written into the statement as hex: a large series' document is megabytes.
    await executeBound(
      this.em,
      'insert into series_metadata (dir_id, json, instances) values ($1, $2, $3) on conflict do nothing',
      [toBytes(dirId), gzipSync(json, { level: 6 }), instances],
    );
  }
}
