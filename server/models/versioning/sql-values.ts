import type { SqlEntityManager } from '@mikro-orm/sql';
import { CompiledQuery } from 'kysely';

/** Rows per multi-row INSERT: well under PostgreSQL's 65,535 bind parameters. */
const BATCH_ROWS = 500;

/**
 * Runs `sql` with its `$1…$n` bound to `params` on the manager's connection (in its transaction,
 * if it is in one). MikroORM's `execute` writes every parameter into the statement's text; a
 * commit's bulk inserts carry each instance's attributes as a JSON document and every id as bytes,
 * and quoting those into text, and PostgreSQL parsing them back out, cost more than the inserts.
 */
export async function executeBound<Row>(
  em: SqlEntityManager,
  sql: string,
  params: readonly unknown[],
): Promise<{ rows: Row[]; affected: number }> {
  const result = await em.getKysely().executeQuery<Row>(CompiledQuery.raw(sql, [...params]));
  return { rows: result.rows, affected: Number(result.numAffectedRows ?? 0) };
}

/** `values ($1, $2), ($3, $4)…` for these rows, and their values in that order. */
function boundValues(rows: readonly unknown[][]): { values: string; params: unknown[] } {
  let next = 1;
  const values = rows.map((row) => `(${row.map(() => `$${next++}`).join(', ')})`).join(', ');
  return { values: `values ${values}`, params: rows.flat() };
}

/** Inserts rows in batches with bound parameters; returns how many rows were inserted. */
export async function insertRows(
  em: SqlEntityManager,
  head: string,
  tail: string,
  rows: readonly unknown[][],
): Promise<number> {
  let inserted = 0;
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const { values, params } = boundValues(rows.slice(start, start + BATCH_ROWS));
    inserted += (await executeBound(em, `${head} ${values} ${tail}`, params)).affected;
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
    const { values, params } = boundValues(all.slice(start, start + BATCH_ROWS));
    // xmax is 0 exactly on rows this statement inserted (an update of a row leaves its lock there).
    const { rows: result } = await executeBound<{ inserted: boolean }>(
      em,
      `${head} ${values} on conflict (id) do update set touched_at = now() returning (xmax = 0) as inserted`,
      params,
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
