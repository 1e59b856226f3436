import { crc32, inflateSync } from 'node:zlib';

/** Test support: reads an 8-bit grey or RGB PNG, checking its signature and every chunk's CRC. */
export function readPng(bytes: Uint8Array): {
  columns: number;
  rows: number;
  channels: number;
  pixels: Uint8Array;
  chunks: string[];
} {
  const buffer = Buffer.from(bytes);
  if (!buffer.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    throw new Error('no PNG signature');
  const chunks: string[] = [];
  const idat: Buffer[] = [];
  let header: Buffer | undefined;
  for (let at = 8; at < buffer.length;) {
    const length = buffer.readUInt32BE(at);
    const typed = buffer.subarray(at + 4, at + 8 + length);
    if (crc32(typed) !== buffer.readUInt32BE(at + 8 + length))
      throw new Error(`bad CRC in ${typed.subarray(0, 4).toString('latin1')}`);
    const type = typed.subarray(0, 4).toString('latin1');
    chunks.push(type);
    if (type === 'IHDR') header = typed.subarray(4);
    if (type === 'IDAT') idat.push(typed.subarray(4));
    at += 12 + length;
  }
  if (header === undefined) throw new Error('no IHDR');
  const columns = header.readUInt32BE(0);
  const rows = header.readUInt32BE(4);
  if (header[8] !== 8 || header[10] !== 0 || header[11] !== 0 || header[12] !== 0) throw new Error('unexpected IHDR');
  const channels = header[9] === 2 ? 3 : 1;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = columns * channels;
  const pixels = new Uint8Array(rows * stride);
  for (let y = 0; y < rows; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x] as number;
      const left = x >= channels ? (pixels[y * stride + x - channels] as number) : 0;
      const up = y > 0 ? (pixels[(y - 1) * stride + x] as number) : 0;
      const upLeft = x >= channels && y > 0 ? (pixels[(y - 1) * stride + x - channels] as number) : 0;
      const paeth = (): number => {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      };
      const predictor = [0, left, up, (left + up) >> 1, paeth()][filter as number] as number;
      pixels[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return { columns, rows, channels, pixels, chunks };
}
