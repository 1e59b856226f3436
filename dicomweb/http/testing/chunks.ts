// Byte sources for reader tests: the same body cut into chunks of chosen or random sizes.

/** A deterministic pseudo-random generator (mulberry32), so a failing cut can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `bytes` delivered in chunks of `size` bytes, as a stream would. */
export async function* inChunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

/** `bytes` delivered in chunks of random sizes from 1 to `maxSize`. */
export async function* inRandomChunks(bytes: Uint8Array, maxSize: number, seed: number): AsyncGenerator<Uint8Array> {
  const random = seededRandom(seed);
  for (let at = 0; at < bytes.length;) {
    const size = 1 + Math.floor(random() * maxSize);
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

/** `bytes` delivered in two chunks cut at `offset`. */
export async function* cutAt(bytes: Uint8Array, offset: number): AsyncGenerator<Uint8Array> {
  yield bytes.subarray(0, offset);
  yield bytes.subarray(offset);
}

/** Random bytes that are sure to hold CRLF, "--" and CRLF "--" sequences, like real pixel data may. */
export function awkwardBytes(length: number, seed: number): Buffer {
  const random = seededRandom(seed);
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256);
  const traps = Buffer.from('\r\n--\r\n\r\n--');
  for (let at = 0; at + traps.length <= length; at += 97) traps.copy(bytes, at);
  return bytes;
}

/** All bytes of an async iterable, concatenated. */
export async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const all: Uint8Array[] = [];
  for await (const chunk of chunks) all.push(chunk);
  return Buffer.concat(all);
}
