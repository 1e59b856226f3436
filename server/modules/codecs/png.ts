import { crc32, deflateSync } from 'node:zlib';
import type { DisplayImage } from './viewport-scaling.js';

const SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Encodes an 8-bit grey or RGB image as PNG (ISO/IEC 15948): IHDR, one zlib-compressed IDAT whose
 * rows each carry the Up filter (medical images change slowly from row to row), and IEND.
 */
export function encodePng(image: DisplayImage): Uint8Array {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, image.columns);
  view.setUint32(4, image.rows);
  header[8] = 8; // bits per sample
  header[9] = image.channels === 3 ? 2 : 0; // colour type: truecolour or greyscale
  // compression 0 (deflate), filter method 0, no interlace: already zero.
  const stride = image.columns * image.channels;
  const filtered = new Uint8Array(image.rows * (stride + 1));
  for (let y = 0; y < image.rows; y++) {
    const row = y * (stride + 1);
    filtered[row] = 2; // Up: each byte minus the one above it
    for (let x = 0; x < stride; x++) {
      const above = y === 0 ? 0 : (image.pixels[(y - 1) * stride + x] as number);
      filtered[row + 1 + x] = ((image.pixels[y * stride + x] as number) - above) & 0xff;
    }
  }
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(filtered)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** length, type, data, and the CRC-32 of type and data (PNG 5.3). */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(typed.length + 8);
  out.writeUInt32BE(data.length, 0);
  typed.copy(out, 4);
  out.writeUInt32BE(crc32(typed), typed.length + 4);
  return out;
}
