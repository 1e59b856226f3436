import { open, type FileHandle } from 'node:fs/promises';
import type { ByteSource } from '@strata/modules/dicom';

/**
 * Reads a part's body: in memory up to `inMemory` bytes (returned), beyond that into `file`
 * (undefined is returned), so a part of any size costs at most that much memory.
 */
export async function receive(
  body: AsyncIterable<Uint8Array>,
  file: string,
  inMemory: number,
): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  let spill: FileHandle | undefined;
  try {
    for await (const chunk of body) {
      if (spill !== undefined) {
        await spill.write(chunk);
        continue;
      }
      // A copy: the reader may hand out views of a buffer it reuses.
      chunks.push(Buffer.from(chunk));
      size += chunk.length;
      if (size > inMemory) {
        spill = await open(file, 'w');
        for (const held of chunks.splice(0)) await spill.write(held);
      }
    }
  } finally {
    await spill?.close();
  }
  return spill === undefined ? Buffer.concat(chunks, size) : undefined;
}

/** A ByteSource over a spooled file, opened for each read so that a request's many parts hold no descriptors. */
export function spooledSource(file: string, size: number): ByteSource {
  return {
    size,
    read: async (offset, length) => {
      const handle = await open(file, 'r');
      try {
        const buffer = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
        let filled = 0;
        while (filled < buffer.length) {
          const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, offset + filled);
          if (bytesRead === 0) break;
          filled += bytesRead;
        }
        return buffer.subarray(0, filled);
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
