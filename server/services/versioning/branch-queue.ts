/**
 * Writes to one branch made by this process, one after another, in the order they asked. A
 * branch still moves by compare-and-swap, since another process may write it too, but writers
 * here no longer race each other: each round of a race has one winner, and the others redo their
 * transaction after a random back-off, so with many clients (a PACS sending on several
 * associations) one could lose every round and be refused with `ref.busy`.
 */
const queues = new WeakMap<object, Map<string, Promise<void>>>();

/** Runs `work` once the writes queued before it for `key` (within `scope`: one database) are done. */
export async function oneAtATime<T>(scope: object, key: string, work: () => Promise<T>): Promise<T> {
  let byKey = queues.get(scope);
  if (byKey === undefined) {
    byKey = new Map();
    queues.set(scope, byKey);
  }
  const before = byKey.get(key);
  let done: () => void = () => undefined;
  const mine = new Promise<void>((resolve) => (done = resolve));
  // The queue's promises only ever resolve: a write that fails does not hold up the next.
  const tail = before === undefined ? mine : before.then(() => mine);
  byKey.set(key, tail);
  try {
    await before;
    return await work();
  } finally {
    done();
    if (byKey.get(key) === tail) byKey.delete(key);
  }
}

/** The queue of one branch of one dataset (`oneAtATime`'s key for commits and merges alike). */
export function branchKey(dataset: { id: string }, branch: string): string {
  return `${dataset.id}\u0000${branch}`;
}
