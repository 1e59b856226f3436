import { randomUUID } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { parseJson, toBytes, toHex } from '../versioning/sql-values.js';

export interface ReleaseAuthor {
  name: string;
  affiliation?: string;
  orcid?: string;
}

/** What a release asks to be cited as (CITATION.cff's fields). */
export interface ReleaseCitation {
  authors: ReleaseAuthor[];
  version: string;
  /** An SPDX license identifier. */
  license: string;
  doi?: string;
}

export interface ReleaseRecord {
  id: string;
  datasetId: string;
  tag: string;
  commit: string;
  tree: string;
  title: string;
  notes: string;
  citation: ReleaseCitation;
  studies: number;
  series: number;
  instances: number;
  bytes: number;
  authorId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

interface Row {
  id: string;
  dataset_id: string;
  tag: string;
  commit_id: Uint8Array;
  tree_id: Uint8Array;
  title: string;
  notes: string;
  citation: unknown;
  studies: number;
  series: number;
  instances: number;
  bytes: number | string;
  author_id: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const COLUMNS =
  'id, dataset_id, tag, commit_id, tree_id, title, notes, citation, studies, series, instances, bytes, author_id, created_at, updated_at';

/** Published releases: written once; only title and notes are edited. */
export class ReleaseRepository {
  constructor(private readonly em: SqlEntityManager) {}

  async create(release: Omit<ReleaseRecord, 'id' | 'createdAt' | 'updatedAt'>, at: Date): Promise<ReleaseRecord> {
    const record: ReleaseRecord = { id: randomUUID(), ...release, createdAt: at, updatedAt: at };
    await this.em.execute(
      `insert into release (${COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        record.id,
        record.datasetId,
        record.tag,
        toBytes(record.commit),
        toBytes(record.tree),
        record.title,
        record.notes,
        JSON.stringify(record.citation),
        record.studies,
        record.series,
        record.instances,
        record.bytes,
        record.authorId,
        at,
        at,
      ],
      'run',
    );
    return record;
  }

  async get(datasetId: string, tag: string, lock = false): Promise<ReleaseRecord | undefined> {
    const rows = await this.em.execute<Row[]>(
      `select ${COLUMNS} from release where dataset_id = ? and tag = ?${lock ? ' for update' : ''}`,
      [datasetId, tag],
    );
    return rows[0] === undefined ? undefined : recordOf(rows[0]);
  }

  /** A page of the dataset's releases, newest first, after the release `before` (its createdAt and id). */
  async list(datasetId: string, before: { createdAt: Date; id: string } | undefined, limit: number) {
    const rows = await this.em.execute<Row[]>(
      `select ${COLUMNS} from release where dataset_id = ?
       ${before === undefined ? '' : 'and (created_at, id) < (?, ?)'} order by created_at desc, id desc limit ?`,
      before === undefined ? [datasetId, limit] : [datasetId, before.createdAt, before.id, limit],
    );
    return rows.map(recordOf);
  }

  async edit(id: string, changes: { title?: string; notes?: string }, at: Date): Promise<void> {
    await this.em.execute(
      'update release set title = coalesce(?, title), notes = coalesce(?, notes), updated_at = ? where id = ?',
      [changes.title ?? null, changes.notes ?? null, at, id],
      'run',
    );
  }
}

function recordOf(row: Row): ReleaseRecord {
  return {
    id: row.id,
    datasetId: row.dataset_id,
    tag: row.tag,
    commit: toHex(row.commit_id),
    tree: toHex(row.tree_id),
    title: row.title,
    notes: row.notes,
    citation: parseJson(row.citation) as ReleaseCitation,
    studies: Number(row.studies),
    series: Number(row.series),
    instances: Number(row.instances),
    bytes: Number(row.bytes),
    authorId: row.author_id,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
