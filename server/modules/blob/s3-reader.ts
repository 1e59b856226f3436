import type { Readable } from 'node:stream';
import type { BlobReader } from './blob-store.js';

/**
 * A BlobReader over S3 GETs: reads in order are served from one response body, copied into the
 * caller's buffers; a read anywhere else drops that body and asks for a range from there.
 */
export function s3Reader(size: number, body: Readable, getFrom: (start: number) => Promise<Readable>): BlobReader {
  let stream: Readable | undefined = body;
  let chunks: AsyncIterator<Buffer> | undefined = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let pending: Buffer | undefined;
  let cursor = 0;

  function drop(): void {
    stream?.destroy();
    stream = undefined;
    chunks = undefined;
    pending = undefined;
  }

  return {
    size,
    async read(target, position) {
      if (position >= size || target.byteLength === 0) return 0;
      if (position !== cursor || chunks === undefined) {
        drop();
        stream = await getFrom(position);
        chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
        cursor = position;
      }
      let filled = 0;
      while (filled < target.byteLength) {
        if (pending === undefined || pending.byteLength === 0) {
          const next = await chunks.next();
          if (next.done === true) break;
          pending = next.value;
        }
        const count = Math.min(pending.byteLength, target.byteLength - filled);
        target.set(pending.subarray(0, count), filled);
        pending = pending.subarray(count);
        filled += count;
      }
      cursor += filled;
      return filled;
    },
    async close() {
      drop();
    },
  };
}
