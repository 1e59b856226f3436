import { Worker } from 'node:worker_threads';
import { sha256, type Digest } from './digest.js';

/** Below this, hashing in place costs less than the round trip to the worker (about 20 µs each way). */
const OFF_THREAD_MIN = 64 * 1024;

// CommonJS, evaluated: no file to find from wherever this module was loaded (dist, or a test's source).
const WORKER_SOURCE = `
const { createHash } = require('node:crypto');
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ id, buffer, offset, length }) => {
  parentPort.postMessage({ id, digest: createHash('sha256').update(new Uint8Array(buffer, offset, length)).digest('hex') });
});
`;

interface Pending {
  resolve: (digest: Digest) => void;
  reject: (error: Error) => void;
}

/** One worker thread that hashes views of shared memory: the bytes are read in place, never copied. */
class HashWorker {
  private readonly worker = new Worker(WORKER_SOURCE, { eval: true, name: 'strata-sha256' });
  private readonly pending = new Map<number, Pending>();
  private next = 0;

  constructor(private readonly onGone: () => void) {
    this.worker.unref();
    this.worker.on('message', ({ id, digest }: { id: number; digest: Digest }) => {
      const waiting = this.pending.get(id);
      this.pending.delete(id);
      if (this.pending.size === 0) this.worker.unref();
      waiting?.resolve(digest);
    });
    const fail = (error: Error) => {
      this.onGone();
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`The hashing thread exited (code ${code}).`)));
  }

  hash(data: Uint8Array): Promise<Digest> {
    const id = this.next++;
    return new Promise<Digest>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Kept alive only while it owes an answer.
      if (this.pending.size === 1) this.worker.ref();
      this.worker.postMessage({ id, buffer: data.buffer, offset: data.byteOffset, length: data.byteLength });
    });
  }
}

let worker: HashWorker | undefined;

/**
 * The SHA-256 of `data`, hashed on a worker thread when `data` is a large view of a
 * SharedArrayBuffer (so the main thread, which also parses and serves, spends about 40 µs instead
 * of 0.3 ms on a 512 KiB CT slice), else in place. The caller must not change the bytes until the
 * promise settles.
 */
export function sha256Shared(data: Uint8Array): Promise<Digest> {
  if (!(data.buffer instanceof SharedArrayBuffer) || data.byteLength < OFF_THREAD_MIN) {
    return Promise.resolve(sha256(data));
  }
  worker ??= new HashWorker(() => (worker = undefined));
  return worker.hash(data);
}

/** A buffer of `size` bytes (zeroed, as shared memory always is) whose views `sha256Shared` hashes off the main thread. */
export function sharedBuffer(size: number): Buffer {
  return Buffer.from(new SharedArrayBuffer(size));
}
