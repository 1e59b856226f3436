import type { DicomJsonDataSet } from '../dicom/index.js';
import { invalidPixelModule } from './codec-errors.js';
import { numberOf, textOf } from './data-set-values.js';

/** The Image Pixel Module attributes (PS3.3 C.7.6.3) that say how a frame's samples are laid out. */
export interface ImagePixelDescription {
  readonly rows: number;
  readonly columns: number;
  readonly samplesPerPixel: number;
  readonly bitsAllocated: number;
  readonly bitsStored: number;
  /** 0 unsigned, 1 two's complement. */
  readonly pixelRepresentation: 0 | 1;
  readonly photometricInterpretation: string;
  /** 0 pixel-interleaved (R1 G1 B1 R2 …), 1 one plane per sample (R1 R2 … G1 G2 …). */
  readonly planarConfiguration: 0 | 1;
  readonly numberOfFrames: number;
}

const BITS_ALLOCATED = new Set([1, 8, 16, 32]);

/** Reads and checks the Image Pixel attributes of a data set; what the codecs cannot honour is refused. */
export function imagePixelDescriptionOf(dataSet: DicomJsonDataSet): ImagePixelDescription {
  const rows = numberOf(dataSet, '00280010') ?? 0;
  const columns = numberOf(dataSet, '00280011') ?? 0;
  const samplesPerPixel = numberOf(dataSet, '00280002') ?? 1;
  const bitsAllocated = numberOf(dataSet, '00280100') ?? 0;
  const bitsStored = numberOf(dataSet, '00280101') ?? bitsAllocated;
  const frames = numberOf(dataSet, '00280008');
  const description: ImagePixelDescription = {
    rows,
    columns,
    samplesPerPixel,
    bitsAllocated,
    bitsStored,
    pixelRepresentation: numberOf(dataSet, '00280103') === 1 ? 1 : 0,
    photometricInterpretation: textOf(dataSet, '00280004') ?? (samplesPerPixel === 3 ? 'RGB' : 'MONOCHROME2'),
    planarConfiguration: samplesPerPixel > 1 && numberOf(dataSet, '00280006') === 1 ? 1 : 0,
    numberOfFrames: frames !== undefined && Number.isSafeInteger(frames) && frames > 0 ? frames : 1,
  };
  checkDescription(description);
  return description;
}

/** Refuses descriptions no frame can follow (zero sizes, odd bit depths, stored bits over allocated). */
export function checkDescription(description: ImagePixelDescription): void {
  const { rows, columns, samplesPerPixel, bitsAllocated, bitsStored } = description;
  const fail = (reason: string): never => {
    throw invalidPixelModule(reason, { rows, columns, samplesPerPixel, bitsAllocated, bitsStored });
  };
  if (!(rows > 0 && columns > 0 && Number.isSafeInteger(rows) && Number.isSafeInteger(columns))) {
    fail(`Rows ${rows} and Columns ${columns} must be positive integers`);
  }
  if (samplesPerPixel !== 1 && samplesPerPixel !== 3) fail(`Samples per Pixel ${samplesPerPixel} is not 1 or 3`);
  if (!BITS_ALLOCATED.has(bitsAllocated)) fail(`Bits Allocated ${bitsAllocated} is not 1, 8, 16 or 32`);
  if (!(bitsStored >= 1 && bitsStored <= bitsAllocated)) {
    fail(`Bits Stored ${bitsStored} is not between 1 and Bits Allocated (${bitsAllocated})`);
  }
}

/**
 * Bits of one native frame. 1-bit frames need not start on a byte boundary (PS3.5 8.1.1), and
 * native YBR_FULL_422 keeps two samples per pixel: Y1 Y2 Cb Cr for each pair (PS3.3 C.7.6.3.1.2).
 */
export function nativeFrameBits(description: ImagePixelDescription): number {
  const samples = description.photometricInterpretation === 'YBR_FULL_422' ? 2 : description.samplesPerPixel;
  return description.rows * description.columns * samples * description.bitsAllocated;
}

/** The description of one decoded frame: pixel-interleaved, in the photometric the decoder produced. */
export function decodedDescription(
  description: ImagePixelDescription,
  photometricInterpretation = description.photometricInterpretation,
): ImagePixelDescription {
  return { ...description, photometricInterpretation, planarConfiguration: 0, numberOfFrames: 1 };
}
