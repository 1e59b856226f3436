import type { DicomJsonDataSet } from '../dicom/index.js';
import { imagePixelDescriptionOf, type ImagePixelDescription } from './image-pixel.js';
import { afterInverseTransform } from './jpeg-2000.js';
import * as syntax from './transfer-syntaxes.js';

/** What an instance can be sent as: each transfer syntax a client may ask for, and the one then sent. */
export type TranscodeTargets = ReadonlyMap<string, string>;

/** Sources whose data set is Explicit VR Little Endian, or inflates to it: every byte but the pixels is kept. */
const KEEPS_DATA_SET: ReadonlySet<string> = new Set([
  syntax.EXPLICIT_VR_LITTLE_ENDIAN,
  syntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
  ...[...syntax.DECODABLE_TRANSFER_SYNTAXES].filter((uid) => !syntax.NATIVE_TRANSFER_SYNTAXES.has(uid)),
]);

/** Sources whose data set is re-encoded element by element as Explicit VR Little Endian (explicit-vr.ts). */
export const REENCODED_SOURCES: ReadonlySet<string> = new Set([
  syntax.IMPLICIT_VR_LITTLE_ENDIAN,
  syntax.EXPLICIT_VR_BIG_ENDIAN,
]);

const JPEG_FAMILY = new Set([syntax.JPEG_BASELINE, syntax.JPEG_EXTENDED]);
const J2K_FAMILY = new Set([
  syntax.JPEG_2000_LOSSLESS,
  syntax.JPEG_2000,
  syntax.HTJ2K_LOSSLESS,
  syntax.HTJ2K_LOSSLESS_RPCL,
  syntax.HTJ2K,
]);

/** Whether the data set of a file stored in `source` can be written as Explicit VR Little Endian. */
export function dataSetConvertible(source: string): boolean {
  return KEEPS_DATA_SET.has(source) || REENCODED_SOURCES.has(source);
}

/**
 * The transfer syntaxes an instance stored in `source` can be sent in, from what its header
 * says, without touching its pixels. `dataSet` is its top-level data set (DICOM JSON); undefined
 * when it is not known yet, which admits every target the source syntax allows (the caller then
 * asks again with the data set before promising a conversion). An instance without Pixel Data
 * (SR, RT Plan…) is sent as Explicit VR Little Endian whatever compressed syntax is asked, as
 * dcm4chee-arc-light does: there is nothing to compress. The stored syntax is always there.
 */
export function transcodeTargets(source: string, dataSet?: DicomJsonDataSet): TranscodeTargets {
  const targets = new Map<string, string>([[source, source]]);
  if (!dataSetConvertible(source)) return targets;
  if (dataSet !== undefined && dataSet['7FE00010'] === undefined) {
    const sent = source === syntax.EXPLICIT_VR_LITTLE_ENDIAN ? source : syntax.EXPLICIT_VR_LITTLE_ENDIAN;
    for (const target of syntax.ENCODABLE_TRANSFER_SYNTAXES) if (target !== source) targets.set(target, sent);
    return targets;
  }
  if (!syntax.DECODABLE_TRANSFER_SYNTAXES.has(source)) return targets;
  let image: ImagePixelDescription | undefined;
  if (dataSet !== undefined) {
    try {
      image = imagePixelDescriptionOf(dataSet);
    } catch {
      return targets; // a pixel description the codecs refuse: only the stored bytes can be sent
    }
    if (!decodable(source, image)) return targets;
  }
  for (const target of syntax.ENCODABLE_TRANSFER_SYNTAXES) {
    if (target === source) continue;
    if (image === undefined || encodable(target, decodedImage(source, image))) targets.set(target, target);
  }
  return targets;
}

/** What decodeFrame refuses before it looks at a frame (codecs README, support matrix). */
function decodable(source: string, image: ImagePixelDescription): boolean {
  if (JPEG_FAMILY.has(source)) return image.bitsAllocated === 8 && image.bitsStored <= 8;
  if (source === syntax.JPEG_LOSSLESS || source === syntax.JPEG_LOSSLESS_SV1) {
    return !(image.samplesPerPixel > 1 && image.bitsAllocated > 8);
  }
  return true;
}

/** The pixel description decodeFrame gives: colour JPEG comes out RGB, JPEG 2000's transforms are undone. */
function decodedImage(source: string, image: ImagePixelDescription): ImagePixelDescription {
  let photometricInterpretation = image.photometricInterpretation;
  if (JPEG_FAMILY.has(source) && image.samplesPerPixel === 3) photometricInterpretation = 'RGB';
  else if (J2K_FAMILY.has(source)) photometricInterpretation = afterInverseTransform(photometricInterpretation);
  else if (photometricInterpretation === 'YBR_FULL_422' && syntax.NATIVE_TRANSFER_SYNTAXES.has(source)) {
    photometricInterpretation = 'YBR_FULL';
  }
  return { ...image, photometricInterpretation, planarConfiguration: 0 };
}

const HTJ2K_PHOTOMETRICS = new Set(['MONOCHROME1', 'MONOCHROME2', 'PALETTE COLOR', 'RGB']);

/** What encodeFrame refuses, by the description of the decoded frame. */
function encodable(target: string, image: ImagePixelDescription): boolean {
  const { bitsAllocated, bitsStored, samplesPerPixel, photometricInterpretation } = image;
  switch (target) {
    case syntax.EXPLICIT_VR_LITTLE_ENDIAN:
      return true;
    case syntax.RLE_LOSSLESS:
      return bitsAllocated !== 1;
    case syntax.JPEG_LS_LOSSLESS:
      return (bitsAllocated === 8 || bitsAllocated === 16) && bitsStored >= 2;
    case syntax.HTJ2K_LOSSLESS:
    case syntax.HTJ2K_LOSSLESS_RPCL:
      return (
        HTJ2K_PHOTOMETRICS.has(photometricInterpretation) &&
        (bitsAllocated === 8 || bitsAllocated === 16) &&
        !(samplesPerPixel > 1 && bitsAllocated === 16)
      );
    case syntax.JPEG_BASELINE:
      return (
        bitsAllocated === 8 &&
        image.pixelRepresentation === 0 &&
        photometricInterpretation !== 'PALETTE COLOR' &&
        (samplesPerPixel === 1 || photometricInterpretation === 'RGB')
      );
    default:
      return false;
  }
}
