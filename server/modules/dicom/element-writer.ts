import { hasLongVrLength } from './vr-dictionary.js';

/**
 * Explicit VR Little Endian element and item headers, the one writer behind the Part 10 writer,
 * the re-encoder and the codecs' edits (PS3.5 7.1.2, 7.5).
 */
export function elementHeader(tag: number, vr: string, length: number): Uint8Array {
  const long = hasLongVrLength(vr);
  const bytes = new Uint8Array(long ? 12 : 8);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, tag >>> 16, true);
  view.setUint16(2, tag & 0xffff, true);
  bytes[4] = vr.charCodeAt(0);
  bytes[5] = vr.charCodeAt(1);
  if (long) view.setUint32(8, length, true);
  else view.setUint16(6, length, true);
  return bytes;
}

/** An item, item delimiter or sequence delimiter header (`tag` is the full FFFE,xxxx tag). */
export function itemHeader(tag: number, length: number): Uint8Array {
  const bytes = new Uint8Array(8);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, tag >>> 16, true);
  view.setUint16(2, tag & 0xffff, true);
  view.setUint32(4, length, true);
  return bytes;
}

/** One whole element; the value is padded to even length (PS3.5 7.1): text with a space, UI and binary with NUL. */
export function explicitElement(tag: number, vr: string, value: Uint8Array): Uint8Array {
  const padded = value.length % 2 === 0 ? value : paddedValue(vr, value);
  return Buffer.concat([elementHeader(tag, vr, padded.length), padded]);
}

function paddedValue(vr: string, value: Uint8Array): Uint8Array {
  const out = new Uint8Array(value.length + 1);
  out.set(value);
  out[value.length] = vr === 'UI' || vr.startsWith('O') || vr === 'UN' ? 0 : 0x20;
  return out;
}

/** An ASCII text value's bytes. */
export function asciiValue(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

/** A UL value. */
export function uint32Value(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value, true);
  return out;
}
