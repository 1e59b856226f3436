/**
 * A sequential baseline JPEG encoder (ITU T.81, 8-bit, Huffman, the Annex K tables), in
 * TypeScript. libjpeg-turbo's WebAssembly build sizes its output buffer to the raw image and
 * writes past it when a JPEG comes out larger — small images (under about 48×48), noisy ones,
 * high qualities — corrupting its heap or trapping; an encoder whose output always fits is the
 * only safe one. Grey (one component) or YCbCr from RGB, chroma full (4:4:4) or halved
 * horizontally (4:2:2); a JFIF header; edges padded by repeating the last row and column.
 */
export interface JpegImage {
  readonly width: number;
  readonly height: number;
  /** 1: grey; 3: RGB, interleaved (R, G, B per pixel). */
  readonly components: 1 | 3;
  readonly pixels: Uint8Array;
}

export interface JpegOptions {
  /** 1..100, the IJG scale of the Annex K quantization tables. */
  readonly quality: number;
  /** Colour only: halve the chroma horizontally (4:2:2). Default false (4:4:4). */
  readonly halveChroma?: boolean;
}

const ZIGZAG = Uint8Array.from([
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
  35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47,
  55, 62, 63,
]);

// Annex K.1 and K.2, in natural (row-major) order.
const LUMINANCE_QUANTIZATION = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51,
  87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101,
  72, 92, 95, 98, 112, 100, 103, 99,
];
const CHROMINANCE_QUANTIZATION = [
  17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99,
  99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
  99, 99, 99, 99, 99, 99,
];

// Annex K.3: code counts per length 1..16, then the symbols.
const DC_LUMINANCE = { counts: [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0], symbols: range(12) };
const DC_CHROMINANCE = { counts: [0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0], symbols: range(12) };
const AC_LUMINANCE = {
  counts: [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d],
  symbols: [
    0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07, 0x22, 0x71, 0x14,
    0x32, 0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0, 0x24, 0x33, 0x62, 0x72, 0x82, 0x09,
    0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a,
    0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65,
    0x66, 0x67, 0x68, 0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88,
    0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9,
    0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca,
    0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea,
    0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa,
  ],
};
const AC_CHROMINANCE = {
  counts: [0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77],
  symbols: [
    0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71, 0x13, 0x22, 0x32,
    0x81, 0x08, 0x14, 0x42, 0x91, 0xa1, 0xb1, 0xc1, 0x09, 0x23, 0x33, 0x52, 0xf0, 0x15, 0x62, 0x72, 0xd1, 0x0a, 0x16,
    0x24, 0x34, 0xe1, 0x25, 0xf1, 0x17, 0x18, 0x19, 0x1a, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x35, 0x36, 0x37, 0x38, 0x39,
    0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64,
    0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x82, 0x83, 0x84, 0x85, 0x86,
    0x87, 0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7,
    0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8,
    0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9,
    0xea, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa,
  ],
};

/** The AAN DCT's output scale per frequency (jfdctflt.c). */
const AAN_SCALE = [1.0, 1.387039845, 1.306562965, 1.175875602, 1.0, 0.785694958, 0.5411961, 0.275899379];

interface HuffmanCodes {
  readonly code: Uint16Array;
  readonly length: Uint8Array;
}

interface HuffmanTable {
  readonly counts: readonly number[];
  readonly symbols: readonly number[];
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i);
}

/** Canonical codes (Annex C) of a table, indexed by symbol. */
function codesOf(table: HuffmanTable): HuffmanCodes {
  const code = new Uint16Array(256);
  const length = new Uint8Array(256);
  let next = 0;
  let k = 0;
  for (let bits = 1; bits <= 16; bits++) {
    for (let i = 0; i < (table.counts[bits - 1] ?? 0); i++) {
      const symbol = table.symbols[k++] ?? 0;
      code[symbol] = next++;
      length[symbol] = bits;
    }
    next <<= 1;
  }
  return { code, length };
}

const CODES = {
  dcLuminance: codesOf(DC_LUMINANCE),
  acLuminance: codesOf(AC_LUMINANCE),
  dcChrominance: codesOf(DC_CHROMINANCE),
  acChrominance: codesOf(AC_CHROMINANCE),
};

/** A quantization table scaled for `quality` (IJG), in natural order, and its divisors for the AAN output. */
function quantization(base: readonly number[], quality: number): { table: Uint8Array; divisors: Float64Array } {
  const q = Math.min(100, Math.max(1, Math.round(quality)));
  const scale = q < 50 ? Math.floor(5000 / q) : 200 - q * 2;
  const table = new Uint8Array(64);
  const divisors = new Float64Array(64);
  for (let i = 0; i < 64; i++) {
    table[i] = Math.min(255, Math.max(1, Math.floor(((base[i] ?? 1) * scale + 50) / 100)));
    divisors[i] = (table[i] ?? 1) * (AAN_SCALE[i >> 3] ?? 1) * (AAN_SCALE[i & 7] ?? 1) * 8;
  }
  return { table, divisors };
}

/** Grows as it is written; Huffman-coded bits with 0xFF stuffing. */
class JpegWriter {
  private bytes: Uint8Array;
  private length = 0;
  private bitBuffer = 0;
  private bitCount = 0;

  constructor(expected: number) {
    this.bytes = new Uint8Array(Math.max(1024, expected));
  }

  byte(value: number): void {
    if (this.length === this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes[this.length++] = value;
  }

  word(value: number): void {
    this.byte(value >> 8);
    this.byte(value & 0xff);
  }

  raw(values: ArrayLike<number>): void {
    for (let i = 0; i < values.length; i++) this.byte(values[i] ?? 0);
  }

  bits(value: number, count: number): void {
    this.bitBuffer = (this.bitBuffer << count) | (value & ((1 << count) - 1));
    this.bitCount += count;
    while (this.bitCount >= 8) {
      const byte = (this.bitBuffer >> (this.bitCount - 8)) & 0xff;
      this.byte(byte);
      if (byte === 0xff) this.byte(0);
      this.bitCount -= 8;
    }
    this.bitBuffer &= (1 << this.bitCount) - 1;
  }

  /** Pads the last byte with 1 bits (F.1.2.3). */
  flushBits(): void {
    if (this.bitCount > 0) this.bits(0x7f, 8 - this.bitCount);
  }

  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

interface Component {
  readonly id: number;
  readonly horizontal: number;
  readonly divisors: Float64Array;
  readonly dc: HuffmanCodes;
  readonly ac: HuffmanCodes;
  readonly tableIndex: number;
  predictor: number;
}

/** Encodes `image` as a baseline JPEG codestream (SOI … EOI). */
export function encodeBaselineJpeg(image: JpegImage, options: JpegOptions): Uint8Array {
  const { width, height, components, pixels } = image;
  if (width < 1 || height < 1 || width > 65535 || height > 65535) {
    throw new RangeError(`A baseline JPEG is 1 to 65535 pixels a side, not ${width}×${height}.`);
  }
  if (pixels.length < width * height * components) {
    throw new RangeError(`${width}×${height}×${components} samples need ${width * height * components} bytes.`);
  }
  const halve = components === 3 && options.halveChroma === true;
  const luminance = quantization(LUMINANCE_QUANTIZATION, options.quality);
  const chrominance = quantization(CHROMINANCE_QUANTIZATION, options.quality);
  const planeComponents: Component[] = [
    {
      id: 1,
      horizontal: halve ? 2 : 1,
      divisors: luminance.divisors,
      dc: CODES.dcLuminance,
      ac: CODES.acLuminance,
      tableIndex: 0,
      predictor: 0,
    },
  ];
  if (components === 3) {
    for (const id of [2, 3]) {
      planeComponents.push({
        id,
        horizontal: 1,
        divisors: chrominance.divisors,
        dc: CODES.dcChrominance,
        ac: CODES.acChrominance,
        tableIndex: 1,
        predictor: 0,
      });
    }
  }
  const writer = new JpegWriter(Math.ceil(width * height * components * 0.3) + 1024);
  writeHeaders(writer, image, planeComponents, [luminance.table, chrominance.table]);

  const planes = components === 1 ? [pixels] : toYCbCr(pixels, width * height);
  const mcuWidth = halve ? 16 : 8;
  const block = new Float64Array(64);
  const quantized = new Int32Array(64);
  for (let mcuY = 0; mcuY < height; mcuY += 8) {
    for (let mcuX = 0; mcuX < width; mcuX += mcuWidth) {
      for (const [index, component] of planeComponents.entries()) {
        const plane = planes[index] as Uint8Array;
        const subsampled = halve && index > 0;
        for (let h = 0; h < component.horizontal; h++) {
          if (subsampled) loadHalvedBlock(plane, width, height, mcuX, mcuY, block);
          else loadBlock(plane, width, height, mcuX + h * 8, mcuY, block);
          forwardDct(block);
          for (let i = 0; i < 64; i++) {
            const at = ZIGZAG[i] as number;
            quantized[i] = Math.round((block[at] as number) / (component.divisors[at] as number));
          }
          component.predictor = writeBlock(writer, quantized, component);
        }
      }
    }
  }
  writer.flushBits();
  writer.word(0xffd9);
  return writer.result();
}

function writeHeaders(
  writer: JpegWriter,
  image: JpegImage,
  components: readonly Component[],
  tables: readonly Uint8Array[],
): void {
  writer.word(0xffd8);
  // APP0 JFIF 1.01, no density, no thumbnail.
  writer.word(0xffe0);
  writer.word(16);
  writer.raw([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const tableCount = components.length === 1 ? 1 : 2;
  writer.word(0xffdb);
  writer.word(2 + tableCount * 65);
  for (let t = 0; t < tableCount; t++) {
    writer.byte(t);
    const table = tables[t] as Uint8Array;
    for (let i = 0; i < 64; i++) writer.byte(table[ZIGZAG[i] as number] as number);
  }
  writer.word(0xffc0);
  writer.word(8 + components.length * 3);
  writer.byte(8);
  writer.word(image.height);
  writer.word(image.width);
  writer.byte(components.length);
  for (const component of components) {
    writer.byte(component.id);
    writer.byte((component.horizontal << 4) | 1);
    writer.byte(component.tableIndex);
  }
  const huffman: [number, HuffmanTable][] = [
    [0x00, DC_LUMINANCE],
    [0x10, AC_LUMINANCE],
    ...(tableCount === 2
      ? ([
          [0x01, DC_CHROMINANCE],
          [0x11, AC_CHROMINANCE],
        ] as [number, HuffmanTable][])
      : []),
  ];
  writer.word(0xffc4);
  writer.word(2 + huffman.reduce((sum, [, table]) => sum + 17 + table.symbols.length, 0));
  for (const [classAndId, table] of huffman) {
    writer.byte(classAndId);
    writer.raw(table.counts);
    writer.raw(table.symbols);
  }
  writer.word(0xffda);
  writer.word(6 + components.length * 2);
  writer.byte(components.length);
  for (const component of components) {
    writer.byte(component.id);
    writer.byte((component.tableIndex << 4) | component.tableIndex);
  }
  writer.raw([0, 63, 0]);
}

/** JFIF's full-range YCbCr planes from interleaved RGB. */
function toYCbCr(rgb: Uint8Array, count: number): Uint8Array[] {
  const y = new Uint8Array(count);
  const cb = new Uint8Array(count);
  const cr = new Uint8Array(count);
  for (let i = 0, j = 0; i < count; i++, j += 3) {
    const r = rgb[j] as number;
    const g = rgb[j + 1] as number;
    const b = rgb[j + 2] as number;
    y[i] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    cb[i] = Math.min(255, Math.max(0, Math.round(-0.168736 * r - 0.331264 * g + 0.5 * b + 128)));
    cr[i] = Math.min(255, Math.max(0, Math.round(0.5 * r - 0.418688 * g - 0.081312 * b + 128)));
  }
  return [y, cb, cr];
}

/** An 8×8 block from (x0, y0), level-shifted, edges repeated. */
function loadBlock(
  plane: Uint8Array,
  width: number,
  height: number,
  x0: number,
  y0: number,
  block: Float64Array,
): void {
  for (let row = 0; row < 8; row++) {
    const y = Math.min(y0 + row, height - 1) * width;
    for (let column = 0; column < 8; column++) {
      block[row * 8 + column] = (plane[y + Math.min(x0 + column, width - 1)] as number) - 128;
    }
  }
}

/** An 8×8 chroma block covering 16×8 samples from (x0, y0), each pair of columns averaged. */
function loadHalvedBlock(
  plane: Uint8Array,
  width: number,
  height: number,
  x0: number,
  y0: number,
  block: Float64Array,
): void {
  for (let row = 0; row < 8; row++) {
    const y = Math.min(y0 + row, height - 1) * width;
    for (let column = 0; column < 8; column++) {
      const left = plane[y + Math.min(x0 + column * 2, width - 1)] as number;
      const right = plane[y + Math.min(x0 + column * 2 + 1, width - 1)] as number;
      block[row * 8 + column] = (left + right) / 2 - 128;
    }
  }
}

/** The AAN floating-point forward DCT in place (scaled outputs: see AAN_SCALE). */
function forwardDct(data: Float64Array): void {
  for (let pass = 0; pass < 2; pass++) {
    // Rows first (stride 1 within a row of 8), then columns (stride 8).
    const step = pass === 0 ? 1 : 8;
    const next = pass === 0 ? 8 : 1;
    for (let line = 0; line < 8; line++) {
      const o = line * next;
      const d0 = data[o] as number;
      const d1 = data[o + step] as number;
      const d2 = data[o + 2 * step] as number;
      const d3 = data[o + 3 * step] as number;
      const d4 = data[o + 4 * step] as number;
      const d5 = data[o + 5 * step] as number;
      const d6 = data[o + 6 * step] as number;
      const d7 = data[o + 7 * step] as number;
      const tmp0 = d0 + d7;
      const tmp7 = d0 - d7;
      const tmp1 = d1 + d6;
      const tmp6 = d1 - d6;
      const tmp2 = d2 + d5;
      const tmp5 = d2 - d5;
      const tmp3 = d3 + d4;
      const tmp4 = d3 - d4;
      // Even part.
      const tmp10 = tmp0 + tmp3;
      const tmp13 = tmp0 - tmp3;
      const tmp11 = tmp1 + tmp2;
      const tmp12 = tmp1 - tmp2;
      data[o] = tmp10 + tmp11;
      data[o + 4 * step] = tmp10 - tmp11;
      const z1 = (tmp12 + tmp13) * 0.707106781;
      data[o + 2 * step] = tmp13 + z1;
      data[o + 6 * step] = tmp13 - z1;
      // Odd part.
      const odd10 = tmp4 + tmp5;
      const odd11 = tmp5 + tmp6;
      const odd12 = tmp6 + tmp7;
      const z5 = (odd10 - odd12) * 0.382683433;
      const z2 = 0.5411961 * odd10 + z5;
      const z4 = 1.306562965 * odd12 + z5;
      const z3 = odd11 * 0.707106781;
      const z11 = tmp7 + z3;
      const z13 = tmp7 - z3;
      data[o + 5 * step] = z13 + z2;
      data[o + 3 * step] = z13 - z2;
      data[o + step] = z11 + z4;
      data[o + 7 * step] = z11 - z4;
    }
  }
}

/** The bit count of |value| (its magnitude category, F.1.2.1). */
function category(value: number): number {
  let magnitude = value < 0 ? -value : value;
  let bits = 0;
  while (magnitude > 0) {
    bits++;
    magnitude >>= 1;
  }
  return bits;
}

/** Huffman-codes one quantized block in zigzag order; returns its DC value, the next predictor. */
function writeBlock(writer: JpegWriter, coefficients: Int32Array, component: Component): number {
  const dc = coefficients[0] as number;
  const difference = dc - component.predictor;
  const size = category(difference);
  writer.bits(component.dc.code[size] as number, component.dc.length[size] as number);
  if (size > 0) writer.bits(difference < 0 ? difference - 1 : difference, size);
  let last = 63;
  while (last > 0 && coefficients[last] === 0) last--;
  let run = 0;
  for (let i = 1; i <= last; i++) {
    const value = coefficients[i] as number;
    if (value === 0) {
      run++;
      continue;
    }
    while (run > 15) {
      writer.bits(component.ac.code[0xf0] as number, component.ac.length[0xf0] as number);
      run -= 16;
    }
    const bits = category(value);
    const symbol = (run << 4) | bits;
    writer.bits(component.ac.code[symbol] as number, component.ac.length[symbol] as number);
    writer.bits(value < 0 ? value - 1 : value, bits);
    run = 0;
  }
  if (last < 63) writer.bits(component.ac.code[0] as number, component.ac.length[0] as number);
  return dc;
}
