import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Digest } from '@strata/modules/blob';
import { decodeNode, type NodeSource } from '@strata/modules/objects';
import { QidoIndexRepository } from '../qido/index-repository.js';
import { insertOrTouch, toBytes } from './sql-values.js';

const TREE = 1;
const COMMIT = 2;

/**
 * Tree nodes and commits in the `object` table; inserts are idempotent (ids are content hashes),
 * and touch the rows already there, for gc.
 */
export class ObjectRepository implements NodeSource {
  constructor(private readonly em: SqlEntityManager) {}

  async getEncoded(id: Digest): Promise<Uint8Array | undefined> {
    return this.get(id, TREE);
  }

  async getCommit(id: Digest): Promise<Uint8Array | undefined> {
    return this.get(id, COMMIT);
  }

  /**
   * Stores tree nodes (id → canonical bytes) and their items as `tree_edge` rows, so every node
   * is walkable in SQL from the moment it exists; returns how many nodes were new.
   */
  async putNodes(nodes: ReadonlyMap<Digest, Uint8Array>): Promise<number> {
    const added = await this.put([...nodes].map(([id, data]) => [toBytes(id), TREE, Buffer.from(data)]));
    await new QidoIndexRepository(this.em).putEdges([...nodes].map(([id, data]) => [id, decodeNode(data, id)]));
    return added;
  }

  async putCommit(id: Digest, data: Uint8Array): Promise<void> {
    await this.put([[toBytes(id), COMMIT, Buffer.from(data)]]);
  }

  /**
   * Touches a commit, so that gc keeps it and its history for a grace period even if no ref
   * reaches it (a deleted branch's head, a commit named by id to build on); false if it is gone.
   */
  async touchCommit(id: Digest): Promise<boolean> {
    const result = await this.em.execute<{ affectedRows: number }>(
      'update object set touched_at = now() where id = ? and kind = ?',
      [toBytes(id), COMMIT],
      'run',
    );
    return result.affectedRows === 1;
  }

  private async get(id: Digest, kind: number): Promise<Uint8Array | undefined> {
    const rows = await this.em.execute<{ data: Uint8Array }[]>('select data from object where id = ? and kind = ?', [
      toBytes(id),
      kind,
    ]);
    return rows[0]?.data;
  }

  private put(rows: unknown[][]): Promise<number> {
    return insertOrTouch(this.em, 'insert into object (id, kind, data)', rows);
  }
}
