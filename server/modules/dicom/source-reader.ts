import type { ByteSource } from './byte-source.js';
import { dicomError, truncatedAt } from './dicom-errors.js';

/** How much a read for parsing fetches at once, so that a header costs one or two reads. */
export const CHUNK_SIZE = 64 * 1024;

/**
 * A window of a ByteSource's bytes, refilled on demand. Parsing asks `has` first and only awaits
 * `load` on a miss, so the common path (the header within one chunk) stays synchronous.
 */
export class SourceReader {
  private window: Uint8Array = new Uint8Array(0);
  private view = new DataView(this.window.buffer);
  private windowStart = 0;
  /** Bytes fetched from the source so far. */
  bytesRead = 0;

  constructor(
    private readonly source: ByteSource,
    private readonly maxBytes: number,
  ) {}

  get size(): number {
    return this.source.size;
  }

  has(offset: number, length: number): boolean {
    return offset >= this.windowStart && offset + length <= this.windowStart + this.window.length;
  }

  /**
   * Makes [offset, offset + length) available. With `readAhead`, fetches a whole chunk (header
   * parsing moves forward); without, exactly the range (item headers between pixel fragments).
   */
  async load(offset: number, length: number, what: string, readAhead = true): Promise<void> {
    const size = this.source.size;
    if (offset + length > size) throw truncatedAt(offset, length, size, what);
    const windowEnd = this.windowStart + this.window.length;
    // A range straddling the window's end keeps the bytes already fetched.
    const inside = offset >= this.windowStart && offset < windowEnd;
    if (inside && offset + length <= windowEnd) return;
    const fetchFrom = inside ? windowEnd : offset;
    const needed = offset + length - fetchFrom;
    const budget = this.maxBytes - this.bytesRead;
    if (needed > budget) {
      throw dicomError(
        'dicom.header_too_large',
        `The DICOM header is larger than ${this.maxBytes} bytes (maxHeaderBytes): gave up while reading ${what} at offset ${offset}.`,
        { offset, maxHeaderBytes: this.maxBytes },
      );
    }
    // Read-ahead never spends budget the header itself may need.
    const ahead = readAhead ? Math.min(CHUNK_SIZE, budget) : needed;
    const end = Math.min(size, fetchFrom + Math.max(needed, ahead));
    const fetched = await this.fetch(fetchFrom, end - fetchFrom, what);
    if (inside) {
      const joined = new Uint8Array(end - offset);
      joined.set(this.window.subarray(offset - this.windowStart));
      joined.set(fetched, windowEnd - offset);
      this.window = joined;
    } else {
      this.window = fetched;
    }
    this.windowStart = offset;
    this.view = new DataView(this.window.buffer, this.window.byteOffset, this.window.byteLength);
  }

  /** Loads the range unless it is already in the window. */
  async ensure(offset: number, length: number, what: string, readAhead = true): Promise<void> {
    if (!this.has(offset, length)) await this.load(offset, length, what, readAhead);
  }

  /** A view of bytes already in the window (valid until the next load). */
  bytes(offset: number, length: number): Uint8Array {
    const start = offset - this.windowStart;
    return this.window.subarray(start, start + length);
  }

  uint16(offset: number, littleEndian: boolean): number {
    return this.view.getUint16(offset - this.windowStart, littleEndian);
  }

  uint32(offset: number, littleEndian: boolean): number {
    return this.view.getUint32(offset - this.windowStart, littleEndian);
  }

  uint8(offset: number): number {
    return this.window[offset - this.windowStart] ?? 0;
  }

  private async fetch(offset: number, length: number, what: string): Promise<Uint8Array> {
    this.bytesRead += length;
    const bytes = await this.source.read(offset, length);
    if (bytes.length < length) throw truncatedAt(offset, length, offset + bytes.length, what);
    return bytes;
  }
}
