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
  /**
   * Optional: a slice of a scanned volume (for viewers). Adds the image plane (position along z,
   * axial orientation, pixel spacing, slice thickness, frame of reference), CT rescale to
   * Hounsfield units, a default window, and draws a phantom instead of the plain ramp.
   */
  volume?: SyntheticVolume;
}

export interface SyntheticVolume {
  /** 0-based position of this slice in the volume. */
  index: number;
  /** Slices in the volume (the phantom changes along z). */
  slices: number;
  /** Millimetres between slices (also the slice thickness); 2.5 unless told. */
  spacing?: number;
  frameOfReferenceUid: string;
  seriesNumber?: number;
  seriesDescription?: string;
}

/**
 * A CT-like phantom as stored values (HU + 1024): air outside an elliptic body of soft tissue,
 * two lungs that taper towards the ends of the volume, a spine, and a sphere (contrast) whose
 * cross-section grows and shrinks along z, with a little deterministic noise.
 */
function phantom(size: number, volume: SyntheticVolume, seed: number): Buffer {
  const pixels = Buffer.alloc(size * size * 2);
  const t = volume.slices > 1 ? volume.index / (volume.slices - 1) : 0.5; // 0…1 along z
  const lungScale = Math.sin(Math.PI * (0.15 + 0.7 * t));
  const sphere = Math.max(0, 0.12 ** 2 - (t - 0.5) ** 2 * 0.08);
  let noise = (seed * 2654435761) >>> 0;
  for (let row = 0; row < size; row++) {
    const y = (row / size) * 2 - 1;
    for (let col = 0; col < size; col++) {
      const x = (col / size) * 2 - 1;
      let hu = -1000;
      if ((x / 0.85) ** 2 + (y / 0.6) ** 2 < 1) {
        hu = 40;
        const lung = (cx: number) => ((x - cx) / (0.28 * lungScale)) ** 2 + ((y + 0.05) / (0.42 * lungScale)) ** 2 < 1;
        if (lungScale > 0 && (lung(-0.38) || lung(0.38))) hu = -820;
        if (x ** 2 + (y - 0.38) ** 2 < 0.1 ** 2) hu = 700; // spine
        if ((x - 0.05) ** 2 + (y + 0.1) ** 2 < sphere) hu = 180;
        if ((x / 0.85) ** 2 + (y / 0.6) ** 2 > 0.93) hu = -90; // fat under the skin
      }
      noise = (noise * 1664525 + 1013904223) >>> 0;
      const stored = Math.round(hu + 1024 + ((noise >>> 24) % 21) - 10);
      pixels.writeUInt16LE(Math.min(4095, Math.max(0, stored)), (row * size + col) * 2);
    }
  }
  return pixels;
}

const ds = (value: number) => String(Number(value.toFixed(4)));

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
  const volume = slice.volume;
  let pixels: Buffer;
  if (volume === undefined) {
    pixels = Buffer.alloc(slice.size * slice.size * 2);
    for (let i = 0; i < slice.size * slice.size; i++) pixels.writeUInt16LE((i * 7 + slice.seed * 31) % 4096, i * 2);
  } else {
    pixels = phantom(slice.size, volume, slice.seed);
  }
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
  if (volume !== undefined) {
    const spacing = volume.spacing ?? 2.5;
    const pixelSpacing = 350 / slice.size;
    const half = (slice.size * pixelSpacing) / 2;
    dataset.push(
      [0x0018, 0x0050, 'DS', text(ds(spacing), 'DS')],
      [0x0020, 0x0032, 'DS', text([-half, -half, -volume.index * spacing].map(ds).join('\\'), 'DS')],
      [0x0020, 0x0037, 'DS', text('1\\0\\0\\0\\1\\0', 'DS')],
      [0x0020, 0x0052, 'UI', text(volume.frameOfReferenceUid, 'UI')],
      [0x0028, 0x0030, 'DS', text(`${ds(pixelSpacing)}\\${ds(pixelSpacing)}`, 'DS')],
      [0x0028, 0x1050, 'DS', text('40', 'DS')],
      [0x0028, 0x1051, 'DS', text('400', 'DS')],
      [0x0028, 0x1052, 'DS', text('-1024', 'DS')],
      [0x0028, 0x1053, 'DS', text('1', 'DS')],
    );
    if (volume.seriesDescription !== undefined) {
      dataset.push([0x0008, 0x103e, 'LO', text(volume.seriesDescription, 'LO')]);
    }
    if (volume.seriesNumber !== undefined) {
      dataset.push([0x0020, 0x0011, 'IS', text(String(volume.seriesNumber), 'IS')]);
    }
    dataset.sort(([g1, e1], [g2, e2]) => g1 - g2 || e1 - e2);
  }
  return Buffer.concat([Buffer.alloc(128), Buffer.from('DICM'), groupLength, metaBody, ...dataset.map(encode)]);
}
