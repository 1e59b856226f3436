import { dictionaryEntry } from './data-dictionary.js';
import { isKnownVr } from './vr-dictionary.js';

/** VRs whose value is bytes to the DICOM JSON model (PS3.18 F.2.7), and PS3.6 choices that include one. */
const BINARY_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'UN', 'OB/OW', 'US/OW', 'US/SS/OW']);

/** VRs whose value PS3.18 F.2.2 lets a BulkDataURI stand for, besides the binary ones. */
const BULK_DATA_VRS = new Set(['DS', 'FL', 'FD', 'IS', 'LT', 'SL', 'SS', 'ST', 'SV', 'UC', 'UL', 'US', 'UT', 'UV']);

/** Pixel Data, Float Pixel Data and Double Float Pixel Data: always bulk data. */
const PIXEL_DATA_TAGS = new Set([0x7fe00010, 0x7fe00008, 0x7fe00009]);

export const isBinaryVr = (vr: string): boolean => BINARY_VRS.has(vr);
export const mayBeBulkData = (vr: string): boolean => BULK_DATA_VRS.has(vr) || vr === 'US/SS';
export const isPixelData = (tag: number): boolean => PIXEL_DATA_TAGS.has(tag);

/** Odd groups are private (PS3.5 7.8); groups 0001, 0003, 0005 and 0007 are not to be used at all. */
export const isPrivateTag = (tag: number): boolean => ((tag >>> 16) & 1) === 1;

/** (gggg,0010-00FF) in a private group reserves a block for a Private Creator (PS3.5 7.8.1). */
export const isPrivateCreator = (tag: number): boolean =>
  isPrivateTag(tag) && (tag & 0xffff) >= 0x10 && (tag & 0xffff) <= 0xff;

/**
 * The VR of an element as its header and PS3.6 tell it, before the data set around it can settle
 * a choice such as "US/SS". The written VR wins unless it is UN or unknown; then, as pydicom and
 * PS3.5 6.2.2 have it, PS3.6's VR; an undefined length that is not encapsulated data is a sequence
 * (of implicit VR items, for UN). Private elements have no VR to look up: their creators are LO,
 * the rest UN (pydicom guesses from a private dictionary of its own, which no standard defines).
 */
export function vrOfElement(tag: number, writtenVr: string | undefined, undefinedLength: boolean): string {
  if (writtenVr !== undefined && writtenVr !== 'UN' && isKnownVr(writtenVr)) return writtenVr;
  const known = knownVr(tag);
  if (undefinedLength) return known !== undefined && isBinaryVr(known) ? 'OB' : 'SQ';
  return known ?? 'UN';
}

function knownVr(tag: number): string | undefined {
  if ((tag & 0xffff) === 0) return 'UL'; // Group Length: retired, but its VR is fixed.
  if (isPrivateTag(tag)) return isPrivateCreator(tag) ? 'LO' : undefined;
  return dictionaryEntry(tag)?.vr;
}
