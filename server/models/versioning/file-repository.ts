import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Digest } from '@strata/modules/blob';
import { insertOrTouch, toBytes, toHex } from './sql-values.js';

/** A file by the SHA-256 of its bytes, and the blob-store parts that concatenate to it. */
export interface FileRecord {
  id: Digest;
  size: number;
  parts: Digest[];
}

export class FileRepository {
  constructor(private readonly em: SqlEntityManager) {}

  /** Records files (idempotent: a file already recorded is touched, for gc); returns how many were new. */
  put(files: readonly FileRecord[]): Promise<number> {
    const now = new Date();
    return insertOrTouch(
      this.em,
      'insert into file (id, size, parts, created_at)',
      files.map((file) => [toBytes(file.id), file.size, Buffer.concat(file.parts.map(toBytes)), now]),
    );
  }

  async get(id: Digest): Promise<FileRecord | undefined> {
    return (await this.getMany([id])).get(id);
  }

  /** The records of these files, by id (500 per statement); ids not recorded are absent. */
  async getMany(ids: readonly Digest[]): Promise<Map<Digest, FileRecord>> {
    const found = new Map<Digest, FileRecord>();
    for (let start = 0; start < ids.length; start += 500) {
      const rows = await this.em.execute<{ id: Uint8Array; size: string | number; parts: Uint8Array }[]>(
        'select id, size, parts from file where id in (?)',
        [ids.slice(start, start + 500).map(toBytes)],
      );
      for (const row of rows) {
        const parts: Digest[] = [];
        for (let offset = 0; offset < row.parts.length; offset += 32)
          parts.push(toHex(row.parts.subarray(offset, offset + 32)) as Digest);
        const id = toHex(row.id) as Digest;
        found.set(id, { id, size: Number(row.size), parts });
      }
    }
    return found;
  }

  /** Which of these ids are recorded. */
  async existing(ids: readonly Digest[]): Promise<Set<Digest>> {
    if (ids.length === 0) return new Set();
    const rows = await this.em.execute<{ id: Uint8Array }[]>('select id from file where id in (?)', [ids.map(toBytes)]);
    return new Set(rows.map((row) => toHex(row.id) as Digest));
  }
}
