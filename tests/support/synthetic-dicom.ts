// A minimal, valid DICOM Part 10 writer for benchmark data: explicit VR little endian, one frame
// of 16-bit pixels. Real-size synthetic CT slices (512×512) without shipping megabytes of files.
const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
const LONG_VRS = new Set(['OB', 'OW', 'OF', 'SQ', 'UT', 'UN']);

type Element = [group: number, element: number, vr: string, value: Uint8Array];

function text(value: string, vr: string): Uint8Array {
  const padded = value.length % 2 === 0 ? value : value + (vr === 'UI' ? '\0' : ' ');
  return Buffer.from(padded, 'latin1');
}

function u16(value: number): Uint8Array {
  const out = Buffer.alloc(2);
  out.writeUInt16LE(value);
  return out;
}

function encode([group, element, vr, value]: Element): Buffer {
  const long = LONG_VRS.has(vr);
  const head = Buffer.alloc(long ? 12 : 8);
  head.writeUInt16LE(group, 0);
  head.writeUInt16LE(element, 2);
  head.write(vr, 4, 'latin1');
  if (long) head.writeUInt32LE(value.length, 8);
  else head.writeUInt16LE(value.length, 6);
  return Buffer.concat([head, value]);
}

export interface SyntheticSlice {
  studyUid: string;
  seriesUid: string;
  sopUid: string;
  patientName: string;
  patientId: string;
  studyDate: string;
  instanceNumber: number;
  size: number;
  seed: number;
}

/** One CT slice as Part 10 bytes; pixel values vary with `seed` so every file is distinct. */
export function syntheticSlice(slice: SyntheticSlice): Buffer {
  const meta: Element[] = [
    [0x0002, 0x0001, 'OB', Uint8Array.of(0, 1)],
    [0x0002, 0x0002, 'UI', text(CT_IMAGE_STORAGE, 'UI')],
    [0x0002, 0x0003, 'UI', text(slice.sopUid, 'UI')],
    [0x0002, 0x0010, 'UI', text(EXPLICIT_LE, 'UI')],
    [0x0002, 0x0012, 'UI', text('1.2.826.0.1.3680043.10.1234', 'UI')],
  ];
  const metaBody = Buffer.concat(meta.map(encode));
  const groupLength = encode([0x0002, 0x0000, 'UL', Buffer.from(Uint32Array.of(metaBody.length).buffer)]);
  const pixels = Buffer.alloc(slice.size * slice.size * 2);
  for (let i = 0; i < slice.size * slice.size; i++) pixels.writeUInt16LE((i * 7 + slice.seed * 31) % 4096, i * 2);
  const dataset: Element[] = [
    [0x0008, 0x0016, 'UI', text(CT_IMAGE_STORAGE, 'UI')],
    [0x0008, 0x0018, 'UI', text(slice.sopUid, 'UI')],
    [0x0008, 0x0020, 'DA', text(slice.studyDate, 'DA')],
    [0x0008, 0x0060, 'CS', text('CT', 'CS')],
    [0x0010, 0x0010, 'PN', text(slice.patientName, 'PN')],
    [0x0010, 0x0020, 'LO', text(slice.patientId, 'LO')],
    [0x0020, 0x000d, 'UI', text(slice.studyUid, 'UI')],
    [0x0020, 0x000e, 'UI', text(slice.seriesUid, 'UI')],
    [0x0020, 0x0013, 'IS', text(String(slice.instanceNumber), 'IS')],
    [0x0028, 0x0002, 'US', u16(1)],
    [0x0028, 0x0004, 'CS', text('MONOCHROME2', 'CS')],
    [0x0028, 0x0010, 'US', u16(slice.size)],
    [0x0028, 0x0011, 'US', u16(slice.size)],
    [0x0028, 0x0100, 'US', u16(16)],
    [0x0028, 0x0101, 'US', u16(12)],
    [0x0028, 0x0102, 'US', u16(11)],
    [0x0028, 0x0103, 'US', u16(0)],
    [0x7fe0, 0x0010, 'OW', pixels],
  ];
  return Buffer.concat([Buffer.alloc(128), Buffer.from('DICM'), groupLength, metaBody, ...dataset.map(encode)]);
}
