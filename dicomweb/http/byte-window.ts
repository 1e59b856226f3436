import { bodyTooLarge } from './multipart-errors.js';

const EMPTY = Buffer.alloc(0);

/**
 * The unread bytes of a streamed body: a window that grows by one source chunk at a time and
 * shrinks as the reader consumes it, counting every byte against the body limit as it arrives.
 * It never reads ahead on its own, so the source's backpressure reaches the client.
 */
export class ByteWindow {
  private pending: Buffer;
  private readonly iterator: AsyncIterator<Uint8Array>;
  private ended = false;
  private total = 0;

  constructor(
    source: AsyncIterable<Uint8Array>,
    private readonly maxBytes: number,
    initial: Buffer = EMPTY,
  ) {
    this.iterator = source[Symbol.asyncIterator]();
    this.pending = initial;
  }

  /** The bytes read and not yet consumed. */
  get bytes(): Buffer {
    return this.pending;
  }

  /** Drops the first `count` bytes. */
  consume(count: number): void {
    if (count <= 0) return;
    this.pending = count >= this.pending.length ? EMPTY : this.pending.subarray(count);
  }

  /** Reads one more chunk into the window; false when the source has ended. */
  async pull(): Promise<boolean> {
    for (;;) {
      if (this.ended) return false;
      const next = await this.iterator.next();
      if (next.done === true) {
        this.ended = true;
        return false;
      }
      const chunk = next.value;
      if (chunk.length === 0) continue;
      this.total += chunk.length;
      if (this.total > this.maxBytes) throw bodyTooLarge('bytes', this.maxBytes);
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      this.pending = this.pending.length === 0 ? buffer : Buffer.concat([this.pending, buffer]);
      return true;
    }
  }

  /** Reads until at least `count` bytes are in the window; false if the source ends first. */
  async fill(count: number): Promise<boolean> {
    while (this.pending.length < count) if (!(await this.pull())) return false;
    return true;
  }

  /** Lets go of a source not read to its end (a consumer stopped early, or an error). */
  async release(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.iterator.return?.();
  }
}
