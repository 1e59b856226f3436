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

/**
 * Inserts content-addressed rows (the first value of each is the `id`), and refreshes
 * `touched_at` on those already there: gc deletes only rows not touched since its cutoff, and
 * the row lock the update takes orders a writer and gc (see docs/design/versioning.md, gc).
 * Returns how many rows were new; a row listed twice counts once.
 */
export async function insertOrTouch(em: SqlEntityManager, head: string, rows: readonly unknown[][]): Promise<number> {
  // One statement cannot update the same row twice.
  const unique = new Map<string, unknown[]>();
  for (const row of rows) unique.set(toHex(row[0] as Uint8Array), row);
  const all = [...unique.values()];
  let inserted = 0;
  for (let start = 0; start < all.length; start += BATCH_ROWS) {
    const batch = all.slice(start, start + BATCH_ROWS);
    const values = batch.map((row) => `(${row.map(() => '?').join(', ')})`).join(', ');
    // xmax is 0 exactly on rows this statement inserted (an update of a row leaves its lock there).
    const result = await em.execute<{ inserted: boolean }[]>(
      `${head} values ${values} on conflict (id) do update set touched_at = now() returning (xmax = 0) as inserted`,
      batch.flat(),
    );
    inserted += result.filter((row) => row.inserted).length;
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
