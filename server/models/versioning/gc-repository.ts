import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Digest } from '@strata/modules/blob';
import { insertRows, toBytes, toHex } from './sql-values.js';

/** What gc marks reachable, in `gc_mark`: object rows (commits and tree nodes), file rows, blob parts. */
export type MarkKind = 'object' | 'file' | 'part';
const MARK: Record<MarkKind, number> = { object: 1, file: 2, part: 3 };

/** The rows gc sweeps: commits and tree nodes (both in `object`), and files. */
export type SweptKind = 'commit' | 'tree' | 'file';

/**
 * Tables whose rows are derived from an owner row and keyed by its id: they go with their owner,
 * in the owner's transaction. A new derived table is one more line here.
 */
export const DERIVED_TABLES = [
  { table: 'tree_edge', key: 'node_id', owner: 'object' },
  { table: 'study_index', key: 'dir_id', owner: 'object' },
  { table: 'study_key', key: 'dir_id', owner: 'object' },
  { table: 'series_index', key: 'dir_id', owner: 'object' },
  { table: 'series_metadata', key: 'dir_id', owner: 'object' },
  { table: 'indexed_tree', key: 'tree_id', owner: 'object' },
  // A listing (and so its head_study rows) of a version whose commit is swept.
  { table: 'head_scope', key: 'commit_id', owner: 'object' },
  { table: 'instance_metadata', key: 'file_id', owner: 'file' },
] as const;

export type DerivedTable = (typeof DERIVED_TABLES)[number]['table'];

/** Rows a sweep removed (or, in a dry run, would remove). */
export interface SweptRows {
  count: number;
  /** Object rows: the length of their data; file rows: the size of the files they describe. */
  bytes: number;
  derived: Partial<Record<DerivedTable, number>>;
}

/** Rows per statement of marks or ids. */
const BATCH = 500;

/** The SQL of garbage collection: marks, sweep candidates and deletes (see services/versioning/gc.ts). */
export class GcRepository {
  constructor(private readonly em: SqlEntityManager) {}

  /** The database's clock, the one `touched_at` is written with. */
  async now(): Promise<Date> {
    const [row] = await this.em.execute<{ now: Date | string }[]>('select now() as now');
    return new Date(row?.now ?? Number.NaN);
  }

  async clearMarks(kind?: MarkKind): Promise<void> {
    if (kind === undefined) await this.em.execute('delete from gc_mark', [], 'run');
    else await this.em.execute('delete from gc_mark where kind = ?', [MARK[kind]], 'run');
  }

  async mark(kind: MarkKind, ids: Iterable<Digest>): Promise<void> {
    const rows = [...ids].map((id) => [MARK[kind], toBytes(id)]);
    await insertRows(this.em, 'insert into gc_mark (kind, id)', 'on conflict do nothing', rows);
  }

  /** The commit of every branch and tag of every dataset. */
  async refCommits(): Promise<Digest[]> {
    const rows = await this.em.execute<{ commit_id: Uint8Array }[]>('select distinct commit_id from ref');
    return rows.map((row) => toHex(row.commit_id) as Digest);
  }

  /** Commits written or touched at or after `since`. */
  async commitsTouchedSince(since: Date): Promise<Digest[]> {
    const rows = await this.em.execute<{ id: Uint8Array }[]>(
      'select id from object where kind = 2 and touched_at >= ?',
      [since],
    );
    return rows.map((row) => toHex(row.id) as Digest);
  }

  /**
   * Every commit reachable from `roots` through their parents, stopping at commits already marked,
   * in one recursive query (a history of 100,000 commits is one round trip, not 100,000). A
   * commit that is absent comes back without data; one that is not JSON fails the query.
   */
  async history(roots: readonly Digest[]): Promise<{ id: Digest; kind?: number; data?: Uint8Array }[]> {
    if (roots.length === 0) return [];
    const unmarked = (id: string) =>
      `not exists (select 1 from gc_mark m where m.kind = ${MARK.object} and m.id = ${id})`;
    const rows = await this.em.execute<{ id: Uint8Array; kind: number | null; data: Uint8Array | null }[]>(
      `with recursive history(id) as (
         select r.id from (values ${roots.map(() => '(?::bytea)').join(', ')}) as r(id) where ${unmarked('r.id')}
         union
         select decode(p.parent, 'hex') from history h
         join object o on o.id = h.id and o.kind = 2
         cross join lateral jsonb_array_elements_text(convert_from(o.data, 'UTF8')::jsonb -> 'parents') as p(parent)
         where ${unmarked("decode(p.parent, 'hex')")}
       )
       select h.id, o.kind, o.data from history h left join object o on o.id = h.id`,
      roots.map(toBytes),
    );
    return rows.map((row) => ({
      id: toHex(row.id) as Digest,
      ...(row.kind === null ? {} : { kind: Number(row.kind) }),
      ...(row.data === null ? {} : { data: row.data }),
    }));
  }

  /** Object rows by id (kind 1 tree node, 2 commit), for the mark phase's batched walk. */
  async objects(ids: readonly Digest[]): Promise<Map<Digest, { kind: number; data: Uint8Array }>> {
    const found = new Map<Digest, { kind: number; data: Uint8Array }>();
    for (let start = 0; start < ids.length; start += BATCH) {
      const batch = ids.slice(start, start + BATCH);
      const rows = await this.em.execute<{ id: Uint8Array; kind: number; data: Uint8Array }[]>(
        'select id, kind, data from object where id in (?)',
        [batch.map(toBytes)],
      );
      for (const row of rows) found.set(toHex(row.id) as Digest, { kind: Number(row.kind), data: row.data });
    }
    return found;
  }

  /** Some marked file ids that have no file row (none in a sound repository). */
  async markedFilesMissing(limit = 10): Promise<Digest[]> {
    const rows = await this.em.execute<{ id: Uint8Array }[]>(
      `select m.id from gc_mark m where m.kind = ${MARK.file} and not exists (select 1 from file f where f.id = m.id) limit ${Number(limit)}`,
    );
    return rows.map((row) => toHex(row.id) as Digest);
  }

  /** Up to `limit` unmarked rows of a kind not touched since `cutoff`. */
  async unmarked(kind: SweptKind, cutoff: Date, limit = BATCH): Promise<Digest[]> {
    const rows = await this.em.execute<{ id: Uint8Array }[]>(
      `select o.id ${unmarkedRows(kind)} limit ${Number(limit)}`,
      [cutoff],
    );
    return rows.map((row) => toHex(row.id) as Digest);
  }

  /** What deleting every unmarked row of a kind not touched since `cutoff` would remove (a dry run). */
  async countUnmarked(kind: SweptKind, cutoff: Date): Promise<SweptRows> {
    const [row] = await this.em.execute<{ count: string | number; bytes: string | number | null }[]>(
      `select count(*) as count, sum(${bytesOf(kind)}) as bytes ${unmarkedRows(kind)}`,
      [cutoff],
    );
    const derived: SweptRows['derived'] = {};
    for (const { table, key } of derivedOf(kind)) {
      const [counted] = await this.em.execute<{ count: string | number }[]>(
        `select count(*) as count from ${table} where ${key} in (select o.id ${unmarkedRows(kind)})`,
        [cutoff],
      );
      derived[table] = Number(counted?.count ?? 0);
    }
    return { count: Number(row?.count ?? 0), bytes: Number(row?.bytes ?? 0), derived };
  }

  /**
   * Deletes these rows where they are still untouched since `cutoff`, and the rows derived from
   * them. A writer that touched a row first holds its lock until it commits, and the delete then
   * sees the new `touched_at` and keeps the row; a writer that comes second waits for this
   * transaction and inserts the row (and its derived rows) again. Call inside a transaction.
   */
  async deleteUntouched(kind: SweptKind, ids: readonly Digest[], cutoff: Date): Promise<SweptRows> {
    const swept: SweptRows = { count: 0, bytes: 0, derived: {} };
    for (let start = 0; start < ids.length; start += BATCH) {
      const batch = ids.slice(start, start + BATCH).map(toBytes);
      const table = kind === 'file' ? 'file' : 'object';
      const rows = await this.em.execute<{ id: Uint8Array; bytes: string | number }[]>(
        `delete from ${table} o where o.id in (?) and o.touched_at < ?${kind === 'file' ? '' : ` and o.kind = ${OBJECT_KIND[kind]}`} returning o.id, ${bytesOf(kind)} as bytes`,
        [batch, cutoff],
      );
      if (rows.length === 0) continue;
      swept.count += rows.length;
      swept.bytes += rows.reduce((sum, row) => sum + Number(row.bytes), 0);
      // Buffers: PGlite returns Uint8Arrays, which the ORM would expand as lists of numbers.
      const deleted = rows.map((row) => Buffer.from(row.id));
      for (const { table: derived, key } of derivedOf(kind)) {
        const result = await this.em.execute<{ affectedRows: number }>(
          `delete from ${derived} where ${key} in (?)`,
          [deleted],
          'run',
        );
        swept.derived[derived] = (swept.derived[derived] ?? 0) + result.affectedRows;
      }
    }
    return swept;
  }

  /**
   * Marks the blob parts of file rows: all of them, or with `keptAt`, only those a sweep with that
   * cutoff keeps (marked, or touched since) — what a dry run expects to remain.
   */
  async markParts(keptAt?: Date): Promise<void> {
    const kept =
      keptAt === undefined
        ? ''
        : `where f.touched_at >= ? or exists (select 1 from gc_mark m where m.kind = ${MARK.file} and m.id = f.id)`;
    await this.em.execute(
      `insert into gc_mark (kind, id)
       select distinct ${MARK.part}, substring(f.parts from g.i * 32 + 1 for 32)
       from file f cross join lateral generate_series(0, length(f.parts) / 32 - 1) as g(i) ${kept}
       on conflict do nothing`,
      keptAt === undefined ? [] : [keptAt],
      'run',
    );
  }

  /** Which of these parts are marked. */
  async markedParts(digests: readonly Digest[]): Promise<Set<Digest>> {
    const found = new Set<Digest>();
    for (let start = 0; start < digests.length; start += BATCH) {
      const batch = digests.slice(start, start + BATCH);
      const rows = await this.em.execute<{ id: Uint8Array }[]>(
        `select id from gc_mark where kind = ${MARK.part} and id in (?)`,
        [batch.map(toBytes)],
      );
      for (const row of rows) found.add(toHex(row.id) as Digest);
    }
    return found;
  }
}

const OBJECT_KIND = { tree: 1, commit: 2 } as const;

/** `from … where …` of the unmarked rows of a kind untouched since the one parameter, the cutoff; the row is `o`. */
function unmarkedRows(kind: SweptKind): string {
  const mark =
    kind === 'file'
      ? `not exists (select 1 from gc_mark m where m.kind = ${MARK.file} and m.id = o.id)`
      : `not exists (select 1 from gc_mark m where m.kind = ${MARK.object} and m.id = o.id)`;
  return kind === 'file'
    ? `from file o where o.touched_at < ? and ${mark}`
    : `from object o where o.kind = ${OBJECT_KIND[kind]} and o.touched_at < ? and ${mark}`;
}

function bytesOf(kind: SweptKind): string {
  return kind === 'file' ? 'o.size' : 'octet_length(o.data)';
}

function derivedOf(kind: SweptKind) {
  const owner = kind === 'file' ? 'file' : 'object';
  return DERIVED_TABLES.filter((derived) => derived.owner === owner);
}
