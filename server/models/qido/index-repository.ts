import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Digest } from '@strata/modules/blob';
import type { ChildRef, TreeEntry, TreeNode } from '@strata/modules/objects';
import { findKey, type QidoQuery } from '@strata/modules/qido';
import { insertRows, parseJson, toBytes, toHex } from '../versioning/sql-values.js';
import { HEAD_COLUMNS, renderSearch, STUDY_KEY_MAX_CHARS, type SearchSource } from './search-sql.js';

/** The QIDO attributes of a study or series directory (see the StudyIndex entity). */
export interface DirectoryAttributes {
  dirId: Digest;
  firstFile: Digest;
  attrs: Record<string, unknown>;
  search: Record<string, string[]>;
}

/** One result of a search: the study, and the series and instance for deeper levels. */
export interface QidoMatch {
  study: MatchPart;
  series?: MatchPart;
  instance?: MatchPart;
}

export interface MatchPart {
  /** The directory id (study, series) or the file id (instance). */
  id: Digest;
  uid: string;
  attrs: Record<string, unknown>;
}

/** A version's study listing (`head_scope`): its id, and the commit and root tree its rows reflect. */
export interface HeadScope {
  id: number;
  tree: Digest | undefined;
  commit: Digest | undefined;
}

/** A named ref with, for a branch, its listing if it has one (see `headOf`). */
export interface RefHead {
  kind: 'branch' | 'tag';
  commit: Digest;
  scope: HeadScope | undefined;
}

/** A study directory entering (dirId) or leaving (undefined) a branch's listing. */
export interface HeadStudyChange {
  name: string;
  dirId: Digest | undefined;
}

/** The counts are returned, never matched. */
const RETURN_ONLY = new Set(['00201206', '00201208', '00201209']);

/** Rows one write must add before the table's statistics are refreshed. */
const ANALYZE_AFTER_ROWS = 2_000;

const EDGE_KIND = { chunk: 0, dir: 1, dicom: 2, file: 3 } as const;

/** The rows QIDO searches are answered from; every write is idempotent (keyed by content). */
export class QidoIndexRepository {
  constructor(private readonly em: SqlEntityManager) {}

  /** Records the items of tree nodes as edges; returns how many rows were new. */
  putEdges(nodes: Iterable<[Digest, TreeNode]>): Promise<number> {
    const rows: unknown[][] = [];
    for (const [id, node] of nodes) {
      const nodeId = toBytes(id);
      if (node.level === 0) {
        for (const entry of node.items as TreeEntry[])
          rows.push([nodeId, entry.name, toBytes(entry.id), EDGE_KIND[entry.kind]]);
      } else {
        for (const child of node.items as ChildRef[])
          rows.push([nodeId, child.lastName, toBytes(child.id), EDGE_KIND.chunk]);
      }
    }
    return this.insertAndAnalyze(
      'tree_edge',
      'insert into tree_edge (node_id, name, child_id, kind)',
      'on conflict (node_id, name) do nothing',
      rows,
    );
  }

  /**
   * Inserts rows and, after a large batch, refreshes the table's planner statistics: PGlite has
   * no autovacuum, and PostgreSQL's runs a minute later — with stale statistics after a big
   * import the planner scans `tree_edge` whole instead of walking its primary key.
   */
  private async insertAndAnalyze(table: string, head: string, tail: string, rows: unknown[][]): Promise<number> {
    const added = await insertRows(this.em, head, tail, rows);
    if (added >= ANALYZE_AFTER_ROWS) await this.em.execute(`analyze ${table}`);
    return added;
  }

  async isIndexed(tree: Digest): Promise<boolean> {
    const rows = await this.em.execute<unknown[]>('select 1 from indexed_tree where tree_id = ?', [toBytes(tree)]);
    return rows.length > 0;
  }

  async markIndexed(tree: Digest): Promise<void> {
    await insertRows(this.em, 'insert into indexed_tree (tree_id)', 'on conflict do nothing', [[toBytes(tree)]]);
  }

  /** The study (or series) rows of these directories that exist, by directory id. */
  async attributes(level: 'study' | 'series', ids: readonly Digest[]): Promise<Map<Digest, DirectoryAttributes>> {
    const found = new Map<Digest, DirectoryAttributes>();
    for (let start = 0; start < ids.length; start += 500) {
      const batch = ids.slice(start, start + 500);
      if (batch.length === 0) break;
      const rows = await this.em.execute<AttributeRow[]>(
        `select dir_id, first_file, attrs, search from ${table(level)} where dir_id in (${batch.map(() => '?').join(', ')})`,
        batch.map(toBytes),
      );
      for (const row of rows) {
        const dirId = toHex(row.dir_id) as Digest;
        found.set(dirId, {
          dirId,
          firstFile: toHex(row.first_file) as Digest,
          attrs: parseJson(row.attrs) as Record<string, unknown>,
          search: parseJson(row.search) as Record<string, string[]>,
        });
      }
    }
    return found;
  }

  async putAttributes(level: 'study' | 'series', rows: readonly DirectoryAttributes[]): Promise<number> {
    const added = await this.insertAndAnalyze(
      table(level),
      `insert into ${table(level)} (dir_id, first_file, attrs, search)`,
      'on conflict (dir_id) do nothing',
      rows.map((row) => [
        toBytes(row.dirId),
        toBytes(row.firstFile),
        JSON.stringify(row.attrs),
        JSON.stringify(row.search),
      ]),
    );
    if (level === 'study') {
      await this.insertAndAnalyze(
        'study_key',
        'insert into study_key (dir_id, tag, value)',
        'on conflict do nothing',
        rows.flatMap((row) => studyKeys(row).map(([tag, value]) => [toBytes(row.dirId), tag, value])),
      );
    }
    return added;
  }

  /** A ref and, for a branch, its listing, in one round trip: how a query at a branch head starts. */
  async headOf(datasetId: string, name: string): Promise<RefHead | undefined> {
    const rows = await this.em.execute<(ScopeRow & { kind: 'branch' | 'tag'; ref_commit: Uint8Array })[]>(
      'select r.kind, r.commit_id as ref_commit, s.id, s.tree_id, s.commit_id from ref r ' +
        'left join head_scope s on s.dataset_id = r.dataset_id and s.name = r.name ' +
        'where r.dataset_id = ? and r.name = ?',
      [datasetId, name],
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    return {
      kind: row.kind,
      commit: toHex(row.ref_commit) as Digest,
      scope: row.id === null || row.kind !== 'branch' ? undefined : scope(row),
    };
  }

  /**
   * The listing named `name` (a branch, a tag, or `commit:<id>`), created if missing and locked
   * until the transaction ends, so that one writer at a time brings it up to date.
   */
  async lockScope(datasetId: string, name: string): Promise<HeadScope> {
    await this.em.execute('insert into head_scope (dataset_id, name) values (?, ?) on conflict do nothing', [
      datasetId,
      name,
    ]);
    const rows = await this.em.execute<ScopeRow[]>(
      'select id, tree_id, commit_id from head_scope where dataset_id = ? and name = ? for update',
      [datasetId, name],
    );
    if (rows[0] === undefined) throw new Error(`head_scope row of ${datasetId} ${name} vanished`);
    return scope(rows[0]);
  }

  /**
   * Starts an empty listing as a copy of another listing of the same dataset (held by a share
   * lock, so its rows and tree agree), so that a new branch costs a diff from its origin rather
   * than a listing of every study. Returns the tree the copy reflects, or undefined if there is none.
   */
  async copyScope(datasetId: string, into: number): Promise<Digest | undefined> {
    const rows = await this.em.execute<ScopeRow[]>(
      'select id, tree_id, commit_id from head_scope where dataset_id = ? and id <> ? and tree_id is not null ' +
        'order by id limit 1 for share',
      [datasetId, into],
    );
    const source = rows[0];
    if (source === undefined) return undefined;
    const columns = ['name', 'dir_id', ...TYPED_COLUMNS].join(', ');
    await this.em.execute('delete from head_study where scope_id = ?', [into]);
    await this.em.execute(
      `insert into head_study (scope_id, ${columns}) select ?, ${columns} from head_study where scope_id = ?`,
      [into, source.id],
    );
    return scope(source).tree;
  }

  /**
   * Applies the study changes between the listing's tree and `tree`, and records `tree`. Each
   * changed name's row is replaced by one read from its study row (directories that are not
   * indexed studies get none), the typed columns cut like `study_key` values.
   */
  async updateScope(id: number, commit: Digest, tree: Digest, changes: readonly HeadStudyChange[]): Promise<void> {
    const names = changes.map((change) => change.name);
    for (let start = 0; start < names.length; start += 500) {
      const batch = names.slice(start, start + 500);
      await this.em.execute(
        `delete from head_study where scope_id = ? and name in (${batch.map(() => '?').join(', ')})`,
        [id, ...batch],
      );
    }
    const entering = changes.filter((change) => change.dirId !== undefined);
    let added = 0;
    for (let start = 0; start < entering.length; start += 500) {
      const batch = entering.slice(start, start + 500);
      const result = await this.em.execute<{ affectedRows: number }>(
        `insert into head_study (scope_id, name, dir_id, ${TYPED_COLUMNS.join(', ')}) ` +
          `select ?, v.name, st.dir_id, ${TYPED_VALUES.join(', ')} ` +
          `from (values ${batch.map(() => '(?, ?::bytea)').join(', ')}) as v(name, dir_id) ` +
          'join study_index st on st.dir_id = v.dir_id',
        [id, ...batch.flatMap((change) => [change.name, toBytes(change.dirId as Digest)])],
        'run',
      );
      added += result.affectedRows;
    }
    if (added >= ANALYZE_AFTER_ROWS) await this.em.execute('analyze head_study');
    await this.em.execute('update head_scope set tree_id = ?, commit_id = ? where id = ?', [
      toBytes(tree),
      toBytes(commit),
      id,
    ]);
  }

  /** Forgets a branch's listing (the branch was deleted). */
  async dropScope(datasetId: string, branch: string): Promise<void> {
    await this.em.execute('delete from head_scope where dataset_id = ? and name = ?', [datasetId, branch]);
  }

  /**
   * Drops the listings of versions that never move (tags, commits) beyond the newest `keep` of a
   * dataset. Listings another transaction holds are left for later rather than waited for.
   */
  async dropFixedScopes(datasetId: string, keep: number): Promise<void> {
    await this.em.execute(
      'delete from head_scope where id in (select sc.id from head_scope sc ' +
        "left join ref r on r.dataset_id = sc.dataset_id and r.name = sc.name and r.kind = 'branch' " +
        'where sc.dataset_id = ? and r.name is null order by sc.id desc offset ? for update of sc skip locked)',
      [datasetId, keep],
    );
  }

  /**
   * The matches of a query in a version: the one whose root directory is `tree` (which must be
   * indexed), or a branch head through its listing (`scope`), answered only while the listing is
   * at `commit` — otherwise, within the one statement, nothing matches.
   */
  async search(version: { tree: Digest } | { scope: number; commit: Digest }, query: QidoQuery): Promise<QidoMatch[]> {
    const source: SearchSource =
      'tree' in version ? { tree: toBytes(version.tree) } : { scope: version.scope, commit: toBytes(version.commit) };
    const { sql, params } = renderSearch(source, query);
    return (await this.em.execute<SearchRow[]>(sql, params)).map(match);
  }

  /**
   * The matches of a query in the version a listing is named after (a branch, a tag, or
   * `commit:<id>`), with the commit and tree they are of, in one statement — if the listing is at
   * its ref's commit and something matches; otherwise undefined, and the caller asks again carefully.
   */
  async searchHead(
    datasetId: string,
    name: string,
    query: QidoQuery,
  ): Promise<{ commit: Digest; tree: Digest; kind: 'branch' | 'tag' | 'commit'; matches: QidoMatch[] } | undefined> {
    const { sql, params } = renderSearch({ head: { dataset: datasetId, name } }, query);
    type HeadRow = SearchRow & { head_commit_id: Uint8Array; head_tree_id: Uint8Array; head_kind: string };
    const rows = await this.em.execute<HeadRow[]>(sql, params);
    const first = rows[0];
    if (first === undefined) return undefined;
    return {
      commit: toHex(first.head_commit_id) as Digest,
      tree: toHex(first.head_tree_id) as Digest,
      kind: first.head_kind as 'branch' | 'tag' | 'commit',
      matches: rows.map(match),
    };
  }
}

function match(row: SearchRow): QidoMatch {
  return {
    study: part(row.study_id, row.study_uid, row.study_attrs),
    ...(row.series_id !== null &&
      row.series_id !== undefined && { series: part(row.series_id, row.series_uid, row.series_attrs) }),
    ...(row.instance_id !== null &&
      row.instance_id !== undefined && { instance: part(row.instance_id, row.instance_uid, row.instance_attrs) }),
  };
}

/** The typed columns of a listing row and, in the same order, how each is read from a study row. */
const TYPED_COLUMNS = Object.values(HEAD_COLUMNS).flat();
const TYPED_VALUES = Object.entries(HEAD_COLUMNS).flatMap(([tag, columns]) =>
  columns.map((_, i) => {
    // Person names match by their normalised groups (`search`), other keys by their first value.
    const value = findKey(tag)?.vr === 'PN' ? `st.search->'${tag}'->${i}` : `st.attrs->'${tag}'->'Value'->0`;
    return `case when jsonb_typeof(${value}) in ('string', 'number') then left(${value} #>> '{}', ${STUDY_KEY_MAX_CHARS}) end`;
  }),
);

interface ScopeRow {
  id: number;
  tree_id: Uint8Array | null;
  commit_id: Uint8Array | null;
}

function scope(row: ScopeRow): HeadScope {
  return {
    id: Number(row.id),
    tree: row.tree_id === null ? undefined : (toHex(row.tree_id) as Digest),
    commit: row.commit_id === null ? undefined : (toHex(row.commit_id) as Digest),
  };
}

/**
 * The (tag, value) pairs a study's row is matched by: each normalised group of a person name,
 * every other value as text; the counts are left out (returned, never matched). The migration
 * that created `study_key` backfills it by the same rules.
 */
export function studyKeys(row: DirectoryAttributes): [string, string][] {
  const keys = new Map<string, [string, string]>();
  const add = (tag: string, value: string) => {
    const cut = Array.from(value).slice(0, STUDY_KEY_MAX_CHARS).join('');
    keys.set(`${tag}\u0000${cut}`, [tag, cut]);
  };
  // The keys a branch listing types keep as many values as it has columns for them.
  const kept = (tag: string, values: readonly unknown[]) => values.slice(0, HEAD_COLUMNS[tag]?.length);
  for (const [tag, values] of Object.entries(row.search))
    for (const value of kept(tag, values)) add(tag, value as string);
  for (const [tag, attribute] of Object.entries(row.attrs)) {
    const { vr, Value } = attribute as { vr?: string; Value?: unknown };
    if (vr === 'PN' || RETURN_ONLY.has(tag) || !Array.isArray(Value)) continue;
    for (const value of kept(tag, Value))
      if (typeof value === 'string' || typeof value === 'number') add(tag, String(value));
  }
  return [...keys.values()];
}

interface AttributeRow {
  dir_id: Uint8Array;
  first_file: Uint8Array;
  attrs: unknown;
  search: unknown;
}

interface SearchRow {
  study_id: Uint8Array;
  study_uid: string;
  study_attrs: unknown;
  series_id?: Uint8Array | null;
  series_uid?: string;
  series_attrs?: unknown;
  instance_id?: Uint8Array | null;
  instance_uid?: string;
  instance_attrs?: unknown;
}

function part(id: Uint8Array, uid: string | undefined, attrs: unknown): MatchPart {
  return { id: toHex(id) as Digest, uid: uid ?? '', attrs: parseJson(attrs) as Record<string, unknown> };
}

function table(level: 'study' | 'series'): string {
  return level === 'study' ? 'study_index' : 'series_index';
}
