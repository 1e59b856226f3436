import { randomUUID } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Digest } from '@strata/modules/blob';
import { toBytes, toHex } from '../versioning/sql-values.js';
import { threadOf, type ThreadRecord, type ThreadRow, type ThreadState } from './thread-repository.js';

export type MergeMethod = 'merge' | 'fast-forward';
export type ReviewVerdict = 'approve' | 'request-changes' | 'comment';
export type CheckState = 'pending' | 'success' | 'failure' | 'error';

/** What a proposal proposes, beside its thread. */
export interface ProposalFields {
  /** The dataset of the source branch: the proposal's own or a fork in its lineage; null once that fork is deleted. */
  sourceDatasetId: string | null;
  sourceBranch: string;
  targetBranch: string;
  headCommit: Digest;
  baseCommit: Digest | null;
  mergeCommit: Digest | null;
  mergeMethod: MergeMethod | null;
  mergedById: string | null;
  mergedAt: Date | null;
}

/** A change proposal: its thread and what it proposes. */
export interface ProposalRecord extends ProposalFields {
  thread: ThreadRecord;
}

export interface ReviewRecord {
  id: string;
  threadId: string;
  reviewerId: string | null;
  verdict: ReviewVerdict;
  body: string;
  commit: Digest;
  createdAt: Date;
  dismissedAt: Date | null;
}

export interface ProtectionRule {
  id: string;
  datasetId: string;
  pattern: string;
  requiredApprovals: number;
  dismissStaleReviews: boolean;
  blockDirectWrites: boolean;
  requiredChecks: string[];
  updatedAt: Date;
}

export interface CommitStatusRecord {
  commit: Digest;
  context: string;
  state: CheckState;
  description: string | null;
  targetUrl: string | null;
  creatorId: string | null;
  updatedAt: Date;
}

interface ProposalRow extends ThreadRow {
  source_dataset_id: string | null;
  source_branch: string;
  target_branch: string;
  head_commit: Uint8Array;
  base_commit: Uint8Array | null;
  merge_commit: Uint8Array | null;
  merge_method: MergeMethod | null;
  merged_by_id: string | null;
  merged_at: Date | string | null;
}

const PROPOSAL_SELECT = `select t.id, t.dataset_id, t.number, t.kind, t.title, t.body, t.author_id, t.state,
  t.created_at, t.updated_at, t.closed_at, p.source_dataset_id, p.source_branch, p.target_branch, p.head_commit, p.base_commit,
  p.merge_commit, p.merge_method, p.merged_by_id, p.merged_at
  from proposal p join thread t on t.id = p.thread_id`;

/** Change proposals, their reviews, branch protection rules and commit statuses. */
export class ProposalRepository {
  constructor(private readonly em: SqlEntityManager) {}

  /** Records what a new proposal thread proposes (the thread is created first, in the same transaction). */
  async create(threadId: string, datasetId: string, fields: ProposalFields): Promise<void> {
    await this.em.execute(
      `insert into proposal (thread_id, dataset_id, source_dataset_id, source_branch, target_branch, head_commit,
        base_commit, merge_commit, merge_method, merged_by_id, merged_at) values (?, ?, ?, ?, ?, ?, ?, null, null, null, null)`,
      [
        threadId,
        datasetId,
        fields.sourceDatasetId,
        fields.sourceBranch,
        fields.targetBranch,
        toBytes(fields.headCommit),
        fields.baseCommit === null ? null : toBytes(fields.baseCommit),
      ],
      'run',
    );
  }

  /** The proposal `#number` of a dataset; `lock` holds its thread row until the transaction ends. */
  async get(datasetId: string, number: number, lock = false): Promise<ProposalRecord | undefined> {
    const rows = await this.em.execute<ProposalRow[]>(
      `${PROPOSAL_SELECT} where t.dataset_id = ? and t.number = ?${lock ? ' for update of t, p' : ''}`,
      [datasetId, number],
    );
    return rows[0] === undefined ? undefined : proposalOf(rows[0]);
  }

  /** A page of a dataset's proposals, newest first, below the number `before`; `states` filters. */
  async list(
    datasetId: string,
    options: { states?: readonly ThreadState[]; before?: number; limit: number },
  ): Promise<ProposalRecord[]> {
    const where = ['t.dataset_id = ?'];
    const values: unknown[] = [datasetId];
    if (options.states !== undefined && options.states.length > 0) {
      where.push(`t.state in (${options.states.map(() => '?').join(', ')})`);
      values.push(...options.states);
    }
    if (options.before !== undefined) {
      where.push('t.number < ?');
      values.push(options.before);
    }
    const rows = await this.em.execute<ProposalRow[]>(
      `${PROPOSAL_SELECT} where ${where.join(' and ')} order by t.number desc limit ?`,
      [...values, options.limit],
    );
    return rows.map(proposalOf);
  }

  /** Open proposals of a dataset from or into a branch (to refuse deleting a branch they need, …). */
  async openOn(datasetId: string, branch: string): Promise<ProposalRecord[]> {
    const rows = await this.em.execute<ProposalRow[]>(
      `${PROPOSAL_SELECT} where t.dataset_id = ? and t.state = 'open' and (p.source_branch = ? or p.target_branch = ?) order by t.number`,
      [datasetId, branch, branch],
    );
    return rows.map(proposalOf);
  }

  /**
   * Whether a commit is the source head of an open proposal into the dataset (as last seen, or
   * its source branch's head now): a fork's commit the dataset's checks and comments may name.
   */
  async isProposedHead(datasetId: string, commit: Digest): Promise<boolean> {
    const rows = await this.em.execute<unknown[]>(
      `select 1 from proposal p join thread t on t.id = p.thread_id
        left join ref r on r.dataset_id = p.source_dataset_id and r.name = p.source_branch and r.kind = 'branch'
        where t.dataset_id = ? and t.state = 'open' and (p.head_commit = ? or r.commit_id = ?) limit 1`,
      [datasetId, toBytes(commit), toBytes(commit)],
    );
    return rows.length > 0;
  }

  async setHead(threadId: string, head: Digest): Promise<void> {
    await this.em.execute('update proposal set head_commit = ? where thread_id = ?', [toBytes(head), threadId], 'run');
  }

  async setMerged(
    threadId: string,
    merge: { head: Digest; commit: Digest; method: MergeMethod; byId: string | null; at: Date },
  ): Promise<void> {
    await this.em.execute(
      'update proposal set head_commit = ?, merge_commit = ?, merge_method = ?, merged_by_id = ?, merged_at = ? where thread_id = ?',
      [toBytes(merge.head), toBytes(merge.commit), merge.method, merge.byId, merge.at, threadId],
      'run',
    );
  }

  async addReview(review: Omit<ReviewRecord, 'id' | 'dismissedAt'>): Promise<ReviewRecord> {
    const record: ReviewRecord = { ...review, id: randomUUID(), dismissedAt: null };
    await this.em.execute(
      'insert into review (id, thread_id, reviewer_id, verdict, body, commit_id, created_at, dismissed_at) values (?, ?, ?, ?, ?, ?, ?, null)',
      [
        record.id,
        record.threadId,
        record.reviewerId,
        record.verdict,
        record.body,
        toBytes(record.commit),
        record.createdAt,
      ],
      'run',
    );
    return record;
  }

  async dismissReview(id: string, at: Date): Promise<void> {
    await this.em.execute('update review set dismissed_at = ? where id = ?', [at, id], 'run');
  }

  /** The reviews of several proposals at once, oldest first (one query for a page of proposals). */
  async reviewsOf(threadIds: readonly string[]): Promise<ReviewRecord[]> {
    if (threadIds.length === 0) return [];
    const rows = await this.em.execute<
      {
        id: string;
        thread_id: string;
        reviewer_id: string | null;
        verdict: ReviewVerdict;
        body: string;
        commit_id: Uint8Array;
        created_at: Date | string;
        dismissed_at: Date | string | null;
      }[]
    >(
      `select id, thread_id, reviewer_id, verdict, body, commit_id, created_at, dismissed_at from review
       where thread_id in (${threadIds.map(() => '?').join(', ')}) order by created_at, id`,
      [...threadIds],
    );
    return rows.map((row) => ({
      id: row.id,
      threadId: row.thread_id,
      reviewerId: row.reviewer_id,
      verdict: row.verdict,
      body: row.body,
      commit: toHex(row.commit_id) as Digest,
      createdAt: new Date(row.created_at),
      dismissedAt: row.dismissed_at === null ? null : new Date(row.dismissed_at),
    }));
  }

  /** Every protection rule of a dataset, by pattern. */
  async protections(datasetId: string): Promise<ProtectionRule[]> {
    const rows = await this.em.execute<
      {
        id: string;
        dataset_id: string;
        pattern: string;
        required_approvals: number;
        dismiss_stale_reviews: boolean;
        block_direct_writes: boolean;
        required_checks: string[] | string;
        updated_at: Date | string;
      }[]
    >(
      `select id, dataset_id, pattern, required_approvals, dismiss_stale_reviews, block_direct_writes, required_checks, updated_at
       from branch_protection where dataset_id = ? order by pattern`,
      [datasetId],
    );
    return rows.map((row) => ({
      id: row.id,
      datasetId: row.dataset_id,
      pattern: row.pattern,
      requiredApprovals: Number(row.required_approvals),
      dismissStaleReviews: row.dismiss_stale_reviews,
      blockDirectWrites: row.block_direct_writes,
      requiredChecks: (typeof row.required_checks === 'string'
        ? JSON.parse(row.required_checks)
        : row.required_checks) as string[],
      updatedAt: new Date(row.updated_at),
    }));
  }

  /** Creates or replaces the rule for a pattern. */
  async setProtection(rule: Omit<ProtectionRule, 'id'>): Promise<void> {
    await this.em.execute(
      `insert into branch_protection (id, dataset_id, pattern, required_approvals, dismiss_stale_reviews, block_direct_writes, required_checks, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (dataset_id, pattern) do update set required_approvals = excluded.required_approvals,
         dismiss_stale_reviews = excluded.dismiss_stale_reviews, block_direct_writes = excluded.block_direct_writes,
         required_checks = excluded.required_checks, updated_at = excluded.updated_at`,
      [
        randomUUID(),
        rule.datasetId,
        rule.pattern,
        rule.requiredApprovals,
        rule.dismissStaleReviews,
        rule.blockDirectWrites,
        JSON.stringify(rule.requiredChecks),
        rule.updatedAt,
      ],
      'run',
    );
  }

  /** Removes the rule for a pattern; false if there was none. */
  async removeProtection(datasetId: string, pattern: string): Promise<boolean> {
    const result = await this.em.execute<{ affectedRows: number }>(
      'delete from branch_protection where dataset_id = ? and pattern = ?',
      [datasetId, pattern],
      'run',
    );
    return result.affectedRows > 0;
  }

  async setStatus(datasetId: string, status: CommitStatusRecord): Promise<void> {
    await this.em.execute(
      `insert into commit_status (dataset_id, commit_id, context, state, description, target_url, creator_id, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (dataset_id, commit_id, context) do update set state = excluded.state, description = excluded.description,
         target_url = excluded.target_url, creator_id = excluded.creator_id, updated_at = excluded.updated_at`,
      [
        datasetId,
        toBytes(status.commit),
        status.context,
        status.state,
        status.description,
        status.targetUrl,
        status.creatorId,
        status.updatedAt,
      ],
      'run',
    );
  }

  /** The latest status of every context reported for a commit, by context. */
  async statuses(datasetId: string, commit: Digest): Promise<CommitStatusRecord[]> {
    const rows = await this.em.execute<
      {
        context: string;
        state: CheckState;
        description: string | null;
        target_url: string | null;
        creator_id: string | null;
        updated_at: Date | string;
      }[]
    >(
      `select context, state, description, target_url, creator_id, updated_at from commit_status
       where dataset_id = ? and commit_id = ? order by context`,
      [datasetId, toBytes(commit)],
    );
    return rows.map((row) => ({
      commit,
      context: row.context,
      state: row.state,
      description: row.description,
      targetUrl: row.target_url,
      creatorId: row.creator_id,
      updatedAt: new Date(row.updated_at),
    }));
  }

  /** The commits open proposals need kept (their heads and the commits their reviews saw): gc roots. */
  async openProposalCommits(): Promise<Digest[]> {
    const rows = await this.em.execute<{ id: Uint8Array }[]>(
      `select p.head_commit as id from proposal p join thread t on t.id = p.thread_id where t.state = 'open'
       union select r.commit_id from review r join thread t on t.id = r.thread_id where t.state = 'open'`,
    );
    return rows.map((row) => toHex(row.id) as Digest);
  }
}

function proposalOf(row: ProposalRow): ProposalRecord {
  return {
    thread: threadOf(row),
    sourceDatasetId: row.source_dataset_id,
    sourceBranch: row.source_branch,
    targetBranch: row.target_branch,
    headCommit: toHex(row.head_commit) as Digest,
    baseCommit: row.base_commit === null ? null : (toHex(row.base_commit) as Digest),
    mergeCommit: row.merge_commit === null ? null : (toHex(row.merge_commit) as Digest),
    mergeMethod: row.merge_method,
    mergedById: row.merged_by_id,
    mergedAt: row.merged_at === null ? null : new Date(row.merged_at),
  };
}
