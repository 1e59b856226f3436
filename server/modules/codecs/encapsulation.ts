import { explicitElement } from '../dicom/index.js';

const PIXEL_DATA = 0x7fe00010;

/** A native Pixel Data element holding the frames one after another (OW above 8 bits, else OB). */
export function nativePixelDataElement(frames: readonly Uint8Array[], bitsAllocated: number): Uint8Array {
  return explicitElement(PIXEL_DATA, bitsAllocated > 8 ? 'OW' : 'OB', Buffer.concat(frames));
}

/**
 * An encapsulated Pixel Data element (PS3.5 A.4): a Basic Offset Table, one fragment per frame
 * (padded to even length), and the Sequence Delimitation Item.
 */
export function encapsulatedPixelDataElement(frames: readonly Uint8Array[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const offsets: number[] = [];
  let position = 0;
  for (const frame of frames) {
    offsets.push(position);
    const padded = frame.length % 2 === 0 ? frame : Buffer.concat([frame, new Uint8Array(1)]);
    parts.push(item(0xe000, padded.length), padded);
    position += 8 + padded.length;
  }
  // The table's entries are 32-bit; past 4 GiB it must stay empty (PS3.5 A.4 allows that).
  const table = position <= 0xffffffff ? offsets : [];
  const tableValue = new Uint8Array(table.length * 4);
  const view = new DataView(tableValue.buffer);
  table.forEach((offset, index) => view.setUint32(index * 4, offset, true));
  const header = new Uint8Array(12);
  const headerView = new DataView(header.buffer);
  headerView.setUint16(0, 0x7fe0, true);
  headerView.setUint16(2, 0x0010, true);
  header[4] = 0x4f; // 'O'
  header[5] = 0x42; // 'B'
  headerView.setUint32(8, 0xffffffff, true);
  return Buffer.concat([header, item(0xe000, tableValue.length), tableValue, ...parts, item(0xe0dd, 0)]);
}

function item(element: number, length: number): Uint8Array {
  const out = new Uint8Array(8);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0xfffe, true);
  view.setUint16(2, element, true);
  view.setUint32(4, length, true);
  return out;
}
