import type { FileHandle } from 'node:fs/promises';

/** Random access to an open file, in the shape the DICOM parser reads from. */
export function fileSource(handle: FileHandle, size: number) {
  return {
    size,
    async read(offset: number, length: number): Promise<Uint8Array> {
      const buffer = Buffer.allocUnsafe(Math.max(0, Math.min(length, size - offset)));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
      return buffer.subarray(0, bytesRead);
    },
  };
}
