import { mkdir, mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { sharedBuffer } from '@strata/modules/blob';
import { fileHandleSource, type ByteSource } from '@strata/modules/dicom';

/** The first buffer a part is received into, grown by doubling (most instances fit). */
const RECEIVE_START = 1 << 20;

/** Receive buffers of RECEIVE_START bytes, reused: a new one per part would be a GC per ~60 parts. */
const receivePool: Buffer[] = [];
const RECEIVE_POOLED = 16;

/** A part's body received in memory: its bytes, and the pooled buffer they are in (give it back with releaseReceiveBuffer). */
export interface ReceivedBytes {
  bytes: Buffer;
  pooled: Buffer | undefined;
}

/** A part's body as received: in memory (`ReceivedBytes`), or in a spool file. */
export type Received = ReceivedBytes | { file: string };

/**
 * A request's spool directory (in `parent`, made too if need be), for the parts too large to hold
 * in memory, made when the first of them needs it: most requests' parts all fit, and then nothing
 * is made (directories made and removed per request were more operations queued in libuv's
 * threads behind other requests' fsyncs).
 */
export class Spool {
  private directory: Promise<string> | undefined;

  constructor(private readonly parent: string) {}

  /** The path for `name` in the spool, which is made first if need be. */
  async path(name: string): Promise<string> {
    this.directory ??= mkdir(this.parent, { recursive: true }).then(() => mkdtemp(join(this.parent, 'stow-')));
    return join(await this.directory, name);
  }

  /** Removes the spool and all it holds, if it was made. */
  async remove(): Promise<void> {
    const made = await this.directory?.catch(() => undefined);
    if (made !== undefined) await rm(made, { recursive: true, force: true });
  }
}

/**
 * Reads a part's body: in memory up to `inMemory` bytes (returned), beyond that into the file
 * `spill` names (returned as `{ file }`), so a part of any size costs at most that much memory.
 */
export async function receive(
  body: AsyncIterable<Uint8Array>,
  spill: () => Promise<string>,
  inMemory: number,
): Promise<Received> {
  // One growing buffer, pooled: the reader may hand out views of a buffer it reuses, so each
  // chunk is copied once, straight to its place (a copy per chunk and a concat at the end cost a
  // second of a 1,000-instance STOW in zero-filling and copying).
  // Shared memory, so that hashing the part happens off the main thread (sha256Shared).
  let held = inMemory >= RECEIVE_START ? (receivePool.pop() ?? sharedBuffer(RECEIVE_START)) : sharedBuffer(inMemory);
  let size = 0;
  let spilled: { file: string; handle: FileHandle } | undefined;
  try {
    for await (const chunk of body) {
      if (spilled !== undefined) {
        await spilled.handle.write(chunk);
        continue;
      }
      if (size + chunk.length > inMemory) {
        const file = await spill();
        spilled = { file, handle: await open(file, 'w') };
        await spilled.handle.write(held.subarray(0, size));
        await spilled.handle.write(chunk);
        continue;
      }
      if (size + chunk.length > held.length) {
        const grown = sharedBuffer(Math.min(inMemory, Math.max(held.length * 2, size + chunk.length)));
        grown.set(held.subarray(0, size));
        held = grown;
      }
      held.set(chunk, size);
      size += chunk.length;
    }
  } finally {
    await spilled?.handle.close();
  }
  if (spilled !== undefined) return { file: spilled.file };
  return { bytes: held.subarray(0, size), pooled: held.length === RECEIVE_START ? held : undefined };
}

/** Gives a receive buffer back once nothing keeps a view of its bytes. */
export function releaseReceiveBuffer(pooled: Buffer | undefined): void {
  if (pooled !== undefined && receivePool.length < RECEIVE_POOLED) receivePool.push(pooled);
}

/** A ByteSource over a spooled file, opened for each read so that a request's many parts hold no descriptors. */
export function spooledSource(file: string, size: number): ByteSource {
  return {
    size,
    read: async (offset, length) => {
      const handle = await open(file, 'r');
      try {
        return await fileHandleSource(handle, size).read(offset, length);
      } finally {
        await handle.close();
      }
    },
  };
}

/** Several sources read as one (native frames sent as one part each). */
export function joinedSource(sources: readonly ByteSource[]): ByteSource {
  const size = sources.reduce((sum, source) => sum + source.size, 0);
  return {
    size,
    read: async (offset, length) => {
      const out: Uint8Array[] = [];
      let start = 0;
      for (const source of sources) {
        const end = start + source.size;
        if (end > offset && start < offset + length) {
          const from = Math.max(offset, start) - start;
          out.push(await source.read(from, Math.min(offset + length, end) - start - from));
        }
        start = end;
      }
      return Buffer.concat(out);
    },
  };
}
