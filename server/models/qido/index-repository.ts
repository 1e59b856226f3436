import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Digest } from '@strata/modules/blob';
import type { ChildRef, TreeEntry, TreeNode } from '@strata/modules/objects';
import type { QidoQuery } from '@strata/modules/qido';
import { insertRows, parseJson, toBytes, toHex } from '../versioning/sql-values.js';
import { renderSearch } from './search-sql.js';

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

  putAttributes(level: 'study' | 'series', rows: readonly DirectoryAttributes[]): Promise<number> {
    return this.insertAndAnalyze(
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
  }

  /** The matches of a query in the version whose root directory is `tree` (which must be indexed). */
  async search(tree: Digest, query: QidoQuery): Promise<QidoMatch[]> {
    const { sql, params } = renderSearch(toBytes(tree), query);
    const rows = await this.em.execute<SearchRow[]>(sql, params);
    return rows.map((row) => ({
      study: part(row.study_id, row.study_uid, row.study_attrs),
      ...(row.series_id !== null &&
        row.series_id !== undefined && { series: part(row.series_id, row.series_uid, row.series_attrs) }),
      ...(row.instance_id !== null &&
        row.instance_id !== undefined && { instance: part(row.instance_id, row.instance_uid, row.instance_attrs) }),
    }));
  }
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
