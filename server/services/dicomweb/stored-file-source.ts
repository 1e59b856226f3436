import type { Readable } from 'node:stream';
import type { BlobStore, Digest } from '@strata/modules/blob';
import type { ByteSource } from '@strata/modules/dicom';
import type { FileRecord } from '@strata/models';

/**
 * Random access to a stored file across its parts (header, pixels, trailer), each read by byte
 * range from the blob store: a metadata read touches the header part only, a frame read the
 * pixel part only. Part sizes are looked up once.
 */
export function storedFileSource(blobStore: BlobStore, file: FileRecord): ByteSource {
  let bounds: Promise<number[]> | undefined;
  const partStarts = () =>
    (bounds ??= (async () => {
      const starts = [0];
      for (const part of file.parts) {
        const stat = await blobStore.stat(part);
        if (stat === undefined) throw new Error(`storedFileSource: part ${part} of ${file.id} is missing`);
        starts.push((starts.at(-1) ?? 0) + stat.size);
      }
      return starts;
    })());
  return {
    size: file.size,
    read: async (offset, length) => {
      const end = Math.min(file.size, offset + length);
      if (end <= offset) return new Uint8Array(0);
      const starts = await partStarts();
      const chunks: Buffer[] = [];
      for (let i = 0; i < file.parts.length; i++) {
        const [partStart = 0, partEnd = 0] = [starts[i], starts[i + 1]];
        if (partEnd <= offset || partStart >= end) continue;
        const from = Math.max(offset, partStart) - partStart;
        const to = Math.min(end, partEnd) - partStart - 1;
        const stream: Readable = await blobStore.get(file.parts[i] as Digest, { start: from, end: to });
        for await (const chunk of stream) chunks.push(chunk as Buffer);
      }
      return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
    },
  };
}
