import type { ReadElement } from './dataset-reader.js';

/** A data set and the ones enclosing it, for the attributes that settle another element's VR. */
export interface VrScope {
  readonly elements: readonly ReadElement[];
  readonly parent: VrScope | undefined;
}

const BITS_ALLOCATED = 0x00280100;
const PIXEL_REPRESENTATION = 0x00280103;
const LUT_DESCRIPTOR = 0x00283002;
const WAVEFORM_BITS_ALLOCATED = 0x54001004;
const PIXEL_DATA = 0x7fe00010;

/**
 * Settles PS3.6's choices of VR, which only implicit VR (or a value written as UN) leaves open, as
 * pydicom does: US or SS by the Pixel Representation in force, OB or OW by the bits allocated
 * (PS3.5 A.1: always OW in implicit VR), LUT Data US only for a one-entry LUT. The DICOM JSON
 * encoder and the Explicit VR re-encoder use this one rule, so both write the same VR.
 */
export function settledVr(element: ReadElement, scope: VrScope): string {
  switch (element.vr) {
    case 'US/SS':
      return firstNumber(scope, PIXEL_REPRESENTATION, true) === 1 ? 'SS' : 'US';
    case 'US/OW':
      return firstNumber(scope, LUT_DESCRIPTOR, false) === 1 ? 'US' : 'OW';
    case 'US/SS/OW':
      return 'OW';
    case 'OB/OW': {
      if (element.undefinedLength) return 'OB';
      if (element.writtenVr === undefined) return 'OW';
      const bitsTag = element.tag === PIXEL_DATA ? BITS_ALLOCATED : WAVEFORM_BITS_ALLOCATED;
      const bits =
        element.tag === PIXEL_DATA || element.tag >>> 16 === 0x5400 ? firstNumber(scope, bitsTag, false) : undefined;
      return bits !== undefined && bits <= 8 ? 'OB' : 'OW';
    }
    default:
      return element.vr;
  }
}

/** The first 16-bit value of an element of the data set (or, with `inherited`, of the nearest enclosing one). */
function firstNumber(scope: VrScope | undefined, tag: number, inherited: boolean): number | undefined {
  for (let at = scope; at !== undefined; at = inherited ? at.parent : undefined) {
    const element = at.elements.find((candidate) => candidate.tag === tag);
    if (element?.bytes !== undefined && element.bytes.length >= 2) {
      return new DataView(element.bytes.buffer, element.bytes.byteOffset, 2).getUint16(0, element.littleEndian);
    }
  }
  return undefined;
}
