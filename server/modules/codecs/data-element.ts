const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);

/** One Explicit VR Little Endian data element; the value is padded to even length (PS3.5 7.1). */
export function explicitElement(tag: number, vr: string, value: Uint8Array): Uint8Array {
  const padded = value.length % 2 === 0 ? value : padValue(vr, value);
  const long = LONG_VRS.has(vr);
  const header = new Uint8Array(long ? 12 : 8);
  const view = new DataView(header.buffer);
  view.setUint16(0, tag >>> 16, true);
  view.setUint16(2, tag & 0xffff, true);
  header[4] = vr.charCodeAt(0);
  header[5] = vr.charCodeAt(1);
  if (long) view.setUint32(8, padded.length, true);
  else view.setUint16(6, padded.length, true);
  return Buffer.concat([header, padded]);
}

/** Text VRs pad with a space, UI and binary VRs with NUL. */
function padValue(vr: string, value: Uint8Array): Uint8Array {
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
