import { open } from 'node:fs/promises';

/** Directory fsyncs under way at once: enough to keep the thread pool busy, few enough for file descriptors. */
const IN_FLIGHT = 16;

/** Makes a directory's entries (files renamed into it, directories made in it) durable. */
export type SyncDirectory = (path: string) => Promise<void>;

/** fsync(2) on a directory. */
export const fsyncDirectory: SyncDirectory = async (path) => {
  const dir = await open(path, 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
};

/**
 * Directories whose new entries are not yet durable, and the puts that may still add some. `sync`
 * waits for those puts, then fsyncs each directory once, however many entries it gained.
 */
export class DirectorySyncs {
  private readonly pending = new Set<string>();
  private readonly running = new Set<Promise<unknown>>();
  private callbacks: (() => void)[] = [];

  constructor(private readonly syncDirectory: SyncDirectory) {}

  /** Counts `work` (a put) in: `sync` will not resolve before it settles. */
  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    const forget = () => this.running.delete(work);
    work.then(forget, forget);
    return work;
  }

  add(directory: string): void {
    this.pending.add(directory);
  }

  /** Calls `callback` once a `sync` has made everything added so far durable. */
  afterSync(callback: () => void): void {
    this.callbacks.push(callback);
  }

  /** Resolves once every directory added so far, and by the tracked puts, has been fsync'd. */
  async sync(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
    const directories = [...this.pending];
    let next = 0;
    const worker = async () => {
      while (next < directories.length) {
        const directory = directories[next++] ?? '';
        // Taken out before the fsync, so an entry a later put adds meanwhile puts it back.
        this.pending.delete(directory);
        try {
          await this.syncDirectory(directory);
        } catch (error) {
          this.pending.add(directory);
          throw error;
        }
      }
    };
    const callbacks = this.callbacks;
    this.callbacks = [];
    try {
      await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, directories.length) }, worker));
    } catch (error) {
      this.callbacks.push(...callbacks);
      throw error;
    }
    for (const callback of callbacks) callback();
  }
}
