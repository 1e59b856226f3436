import type { Actor } from '../access/actor.js';
import { findDataset } from '../versioning/datasets.js';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import { recordEvent } from './audit.js';

/** One answered read of a dataset's data (a DICOMweb response with content). */
export interface DataRead {
  actor: Actor;
  /** owner/name */
  dataset: string;
  /** The commit the answer came from. */
  commit: string;
  /** What was read: `qido`, `instances`, `metadata`, `frames`, `rendered`, `thumbnail`, `bulkdata`, `wado-uri`. */
  resource: string;
  /** The study the request named, if any. */
  study?: string;
  /** The client's address, as the server saw it (the peer of the connection). */
  ip: string;
  /** Why, as the client declared it (the `Strata-Purpose` header): a protocol, a study id. */
  purpose?: string;
  at: Date;
}

/** The most study UIDs one read event lists; beyond, it says how many more there were. */
const MAX_STUDIES = 100;

interface Group {
  actor: Actor;
  dataset: string;
  commit: string;
  ip: string;
  purpose: string | null;
  requests: number;
  resources: Record<string, number>;
  studies: Set<string>;
  moreStudies: number;
  from: Date;
  to: Date;
}

/**
 * The audit trail of reads (docs/design/collaboration.md): reads ride on no transaction, and a
 * viewer's hundreds of frame requests must not each wait for the chain's lock. So reads are
 * gathered in memory and appended every `flushMs` as one `data.read` event per reader, dataset,
 * commit, address and purpose — with how many requests of each kind and which studies — all in one
 * transaction. A flush that fails keeps its reads for the next; `close` flushes what is left, so a
 * clean shutdown loses none (a crash loses at most the last `flushMs` of reads, never a change).
 */
export class ReadAuditor {
  private pending = new Map<string, Group>();
  private flushing: Promise<void> | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly deps: VersioningDeps,
    private readonly options: { flushMs: number; onError: (error: unknown) => void },
  ) {
    this.timer = setInterval(() => void this.flush(), options.flushMs);
    this.timer.unref();
  }

  record(read: DataRead): void {
    const purpose = read.purpose ?? null;
    const key = [actorKey(read.actor), read.dataset, read.commit, read.ip, purpose ?? ''].join('\u0000');
    let group = this.pending.get(key);
    if (group === undefined) {
      group = {
        actor: read.actor,
        dataset: read.dataset,
        commit: read.commit,
        ip: read.ip,
        purpose,
        requests: 0,
        resources: {},
        studies: new Set(),
        moreStudies: 0,
        from: read.at,
        to: read.at,
      };
      this.pending.set(key, group);
    }
    group.requests++;
    group.resources[read.resource] = (group.resources[read.resource] ?? 0) + 1;
    group.to = read.at;
    if (read.study !== undefined && !group.studies.has(read.study)) {
      if (group.studies.size < MAX_STUDIES) group.studies.add(read.study);
      else group.moreStudies++;
    }
  }

  /** Appends what was read since the last flush (one transaction); resolves when it is written. */
  async flush(): Promise<void> {
    while (this.flushing !== undefined) await this.flushing;
    if (this.pending.size === 0) return;
    const groups = [...this.pending.values()];
    this.pending = new Map();
    this.flushing = this.write(groups).finally(() => {
      this.flushing = undefined;
    });
    await this.flushing;
  }

  /** Stops the timer and flushes what is left. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private async write(groups: Group[]): Promise<void> {
    try {
      const ids = new Map<string, string | null>();
      for (const group of groups) {
        if (ids.has(group.dataset)) continue;
        // A dataset deleted since it was read is still named in the event (its subject).
        ids.set(group.dataset, (await findDataset(this.deps, group.dataset).catch(() => undefined))?.id ?? null);
      }
      await this.deps.database.transaction(async (repositories) => {
        for (const group of groups) {
          const datasetId = ids.get(group.dataset);
          await recordEvent(repositories, this.deps, group.actor, 'data.read', {
            ...(datasetId !== null && datasetId !== undefined && { datasetId }),
            subject: `${group.dataset}@${group.commit}`,
            data: {
              commit: group.commit,
              ip: group.ip,
              purpose: group.purpose,
              requests: group.requests,
              resources: group.resources,
              studies: [...group.studies],
              ...(group.moreStudies > 0 && { moreStudies: group.moreStudies }),
              from: group.from.toISOString(),
              to: group.to.toISOString(),
            },
          });
        }
      });
    } catch (error) {
      // Nothing was written: the reads wait for the next flush.
      for (const group of groups) this.merge(group);
      this.options.onError(error);
    }
  }

  private merge(group: Group): void {
    const key = [actorKey(group.actor), group.dataset, group.commit, group.ip, group.purpose ?? ''].join('\u0000');
    const current = this.pending.get(key);
    if (current === undefined) {
      this.pending.set(key, group);
      return;
    }
    current.requests += group.requests;
    for (const [resource, count] of Object.entries(group.resources)) {
      current.resources[resource] = (current.resources[resource] ?? 0) + count;
    }
    for (const study of group.studies) {
      if (current.studies.size < MAX_STUDIES) current.studies.add(study);
      else current.moreStudies++;
    }
    current.moreStudies += group.moreStudies;
    current.from = group.from < current.from ? group.from : current.from;
  }
}

function actorKey(actor: Actor): string {
  if (actor.kind !== 'user') return actor.kind;
  return `user:${actor.userId}:${actor.token?.tokenId ?? ''}`;
}
