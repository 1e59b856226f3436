/** Appends bytes to a growing buffer: the encoder side of the canonical object formats. */
export class ByteWriter {
  private buffer = new Uint8Array(4096);
  private length = 0;

  byte(value: number): void {
    this.reserve(1);
    this.buffer[this.length++] = value;
  }

  /** Unsigned LEB128 of a safe integer. */
  varint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`Not a non-negative safe integer: ${value}`);
    let rest = value;
    while (rest >= 0x80) {
      this.byte((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    this.byte(rest);
  }

  bytes(data: Uint8Array): void {
    this.reserve(data.length);
    this.buffer.set(data, this.length);
    this.length += data.length;
  }

  /** A length-prefixed UTF-8 string. */
  string(value: string): void {
    const encoded = Buffer.from(value, 'utf8');
    this.varint(encoded.length);
    this.bytes(encoded);
  }

  finish(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    const next = new Uint8Array(Math.max(this.buffer.length * 2, this.length + extra));
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }
}

/** Reads what ByteWriter wrote, failing with `RangeError` on truncated or malformed input. */
export class ByteReader {
  private offset = 0;

  constructor(private readonly data: Uint8Array) {}

  get done(): boolean {
    return this.offset === this.data.length;
  }

  byte(): number {
    if (this.offset >= this.data.length) throw new RangeError('Unexpected end of data');
    return this.data[this.offset++] ?? 0;
  }

  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = this.byte();
      value += (byte & 0x7f) * scale;
      if (!Number.isSafeInteger(value)) throw new RangeError('Varint out of range');
      if ((byte & 0x80) === 0) {
        if (byte === 0 && scale > 1) throw new RangeError('Non-canonical varint');
        return value;
      }
      scale *= 0x80;
    }
  }

  bytes(length: number): Uint8Array {
    if (this.offset + length > this.data.length) throw new RangeError('Unexpected end of data');
    const slice = this.data.subarray(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }

  string(): string {
    const bytes = this.bytes(this.varint());
    const text = Buffer.from(bytes).toString('utf8');
    if (!Buffer.from(text, 'utf8').equals(bytes)) throw new RangeError('Invalid UTF-8');
    return text;
  }
}
