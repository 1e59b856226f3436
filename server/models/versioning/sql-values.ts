import type { SqlEntityManager } from '@mikro-orm/sql';

/** Rows per multi-row INSERT: well under PostgreSQL's 65,535 bind parameters. */
const BATCH_ROWS = 500;

/** Inserts rows in batches with `?` placeholders; returns how many rows were inserted. */
export async function insertRows(
  em: SqlEntityManager,
  head: string,
  tail: string,
  rows: readonly unknown[][],
): Promise<number> {
  let inserted = 0;
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS);
    const values = batch.map((row) => `(${row.map(() => '?').join(', ')})`).join(', ');
    const result = await em.execute<{ affectedRows: number }>(`${head} values ${values} ${tail}`, batch.flat(), 'run');
    inserted += result.affectedRows;
  }
  return inserted;
}

/** Hex digest ↔ the raw 32 bytes stored in bytea columns. */
export function toBytes(hex: string): Buffer {
  return Buffer.from(hex, 'hex');
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** jsonb comes back parsed from node-postgres and PGlite alike; a string is parsed for safety. */
export function parseJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}
