import type { Digest } from '@strata/modules/blob';
import { StrataError } from '@strata/modules/errors';
import {
  commitId,
  decodeCommit,
  decodeNode,
  nodeId,
  type ChildRef,
  type Commit,
  type TreeEntry,
  type TreeNode,
} from '@strata/modules/objects';
import type { VersioningRepositories } from '@strata/models';

/** Roots per history query: well under PostgreSQL's bind-parameter limit. */
const ROOTS_PER_QUERY = 1_000;
/** Tree nodes read per query. */
const NODES_PER_QUERY = 500;

const TREE = 1;
const COMMIT = 2;

/**
 * gc's mark phase: records in `gc_mark` every commit, tree node and file reachable from the
 * roots. Histories are walked in SQL, trees in batches of nodes read and decoded here from their
 * canonical bytes (not from the derived `tree_edge` rows, which trees written before the QIDO index
 * lack). Commit and node ids are also held in memory so later calls only walk what is new;
 * files are marked in the database only. Anything reachable that is missing or does not hash to
 * its id stops gc (`gc.incomplete`): what a damaged object would have reached is unknown.
 */
export class GcMarker {
  readonly counts = { commits: 0, nodes: 0, files: 0 };
  private readonly seen = new Set<Digest>();

  constructor(private readonly repositories: VersioningRepositories) {}

  /** Marks everything reachable from these commits that is not marked yet. */
  async markFrom(commits: readonly Digest[]): Promise<void> {
    const fresh = commits.filter((id) => !this.seen.has(id));
    for (let start = 0; start < fresh.length; start += ROOTS_PER_QUERY) {
      const trees: Digest[] = [];
      const marked: Digest[] = [];
      for (const row of await this.readHistory(fresh.slice(start, start + ROOTS_PER_QUERY))) {
        if (this.seen.has(row.id)) continue;
        const commit = verifiedCommit(row.id, row.kind, row.data);
        this.seen.add(row.id);
        marked.push(row.id);
        trees.push(commit.tree);
      }
      // Marked before the next batch's query, which stops at marked commits.
      await this.repositories.gc.mark('object', marked);
      this.counts.commits += marked.length;
      await this.markTrees(trees);
    }
  }

  private async readHistory(roots: Digest[]) {
    try {
      return await this.repositories.gc.history(roots);
    } catch (error) {
      if (!/json|utf8|encoding|hexadecimal/i.test(error instanceof Error ? error.message : String(error))) throw error;
      throw incomplete('A commit reachable from a ref or a recent commit is not readable', { cause: error });
    }
  }

  /** Marks these trees' nodes and files, a batch of nodes per query. */
  private async markTrees(roots: readonly Digest[]): Promise<void> {
    const queue: Digest[] = [];
    const enqueue = (id: Digest) => {
      if (this.seen.has(id)) return;
      this.seen.add(id);
      queue.push(id);
    };
    roots.forEach(enqueue);
    while (queue.length > 0) {
      const batch = queue.splice(0, NODES_PER_QUERY);
      const rows = await this.repositories.gc.objects(batch);
      const files = new Set<Digest>();
      for (const id of batch) {
        const row = rows.get(id);
        const node = verifiedNode(id, row?.kind, row?.data);
        if (node.level > 0) {
          for (const child of node.items as ChildRef[]) enqueue(child.id);
          continue;
        }
        for (const entry of node.items as TreeEntry[]) {
          if (entry.kind === 'dir') enqueue(entry.id);
          else files.add(entry.id);
        }
      }
      await this.repositories.gc.mark('object', batch);
      await this.repositories.gc.mark('file', files);
      this.counts.nodes += batch.length;
      this.counts.files += files.size;
    }
  }
}

function verifiedCommit(id: Digest, kind: number | undefined, data: Uint8Array | undefined): Commit {
  if (kind !== COMMIT || data === undefined) throw incomplete(`Commit ${id} is missing`);
  if (commitId(data) !== id) throw incomplete(`Commit ${id} does not hash to its id`);
  return decodeCommit(data, id);
}

function verifiedNode(id: Digest, kind: number | undefined, data: Uint8Array | undefined): TreeNode {
  if (kind !== TREE || data === undefined) throw incomplete(`Tree node ${id} is missing`);
  if (nodeId(data) !== id) throw incomplete(`Tree node ${id} does not hash to its id`);
  return decodeNode(data, id);
}

/** The error that stops gc when something reachable cannot be read. */
export function incomplete(what: string, options: { cause?: unknown } = {}): StrataError {
  return new StrataError(
    'gc.incomplete',
    'internal',
    `${what}, though a ref or a recent commit reaches it: gc stopped and removed nothing reachable. ` +
      'Run strata fsck to see what is damaged.',
    options,
  );
}
