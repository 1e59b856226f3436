import type { Digest } from '../blob/index.js';
import { StrataError } from '../errors/index.js';
import { decodeNode, encodeNode, nodeId } from './node-codec.js';
import type { TreeNode } from './tree-node.js';

/** Where tree nodes are read from: the database in production, memory in tests. */
export interface NodeSource {
  /** The encoded node, or undefined if the source does not hold it. */
  getEncoded(id: Digest): Promise<Uint8Array | undefined>;
}

/**
 * Reads nodes from a source and collects the nodes an operation creates, so that they can be
 * written in the same transaction as the commit that needs them. Reads see staged nodes first.
 */
export class NodeStaging {
  constructor(
    private readonly source: NodeSource,
    private readonly staged = new Map<Digest, Uint8Array>(),
    private readonly decoded = new Map<Digest, TreeNode>(),
  ) {}

  /**
   * The same staged nodes, read through another source: inside a transaction, reads must go
   * through the transaction's connection (PGlite has only one).
   */
  through(source: NodeSource): NodeStaging {
    return new NodeStaging(source, this.staged, this.decoded);
  }

  async get(id: Digest): Promise<TreeNode> {
    const cached = this.decoded.get(id);
    if (cached !== undefined) return cached;
    const encoded = this.staged.get(id) ?? (await this.source.getEncoded(id));
    if (encoded === undefined) {
      throw new StrataError('object.missing', 'internal', `Tree node ${id} is missing from the object store.`, {
        details: { id },
      });
    }
    const node = decodeNode(encoded, id);
    if (nodeId(encoded) !== id) {
      throw new StrataError('object.corrupt', 'internal', `Tree node ${id} does not hash to its id.`, {
        details: { id },
      });
    }
    this.remember(id, node);
    return node;
  }

  /** Stages a node and returns its id. */
  put(node: TreeNode): Digest {
    const encoded = encodeNode(node);
    const id = nodeId(encoded);
    if (!this.staged.has(id)) {
      this.staged.set(id, encoded);
      this.remember(id, node);
    }
    return id;
  }

  /** The nodes staged so far (id → canonical bytes), to be written by the caller. */
  pending(): ReadonlyMap<Digest, Uint8Array> {
    return this.staged;
  }

  private remember(id: Digest, node: TreeNode): void {
    // A bounded cache: enough for the paths an edit walks, without holding a whole tree.
    if (this.decoded.size >= 20_000) this.decoded.clear();
    this.decoded.set(id, node);
  }
}

/** A NodeSource in memory: the store of unit tests and benchmarks of the pure engine. */
export class MemoryNodeSource implements NodeSource {
  readonly nodes = new Map<Digest, Uint8Array>();

  async getEncoded(id: Digest): Promise<Uint8Array | undefined> {
    return this.nodes.get(id);
  }

  /** Keeps everything a staging area created (what a commit transaction does in the database). */
  absorb(staging: NodeStaging): number {
    let added = 0;
    for (const [id, encoded] of staging.pending()) {
      if (!this.nodes.has(id)) {
        this.nodes.set(id, encoded);
        added++;
      }
    }
    return added;
  }
}
