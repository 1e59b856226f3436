import { type ByteSource, bufferSource } from './byte-source.js';
import { characterSetOf } from './charset.js';
import { type RawAttribute, scanDataSet, type ScannedDataSet } from './dataset-scanner.js';
import { inflateDataSet } from './deflate.js';
import { dicomError } from './dicom-errors.js';
import { readFileMeta } from './meta-header.js';
import { locatePixelData, type PixelDataLocation } from './pixel-data.js';
import { SourceReader } from './source-reader.js';
import { requireTransferSyntax } from './transfer-syntax.js';
import { requireValidUid } from './uid.js';
import { type JsonAttribute, textValues, toJsonAttribute } from './value-decoder.js';

export interface ParsedInstance {
  transferSyntaxUid: string;
  sopClassUid: string;
  sopInstanceUid: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  /**
   * The attributes of QIDO_ATTRIBUTES present in the top-level data set, in the DICOM JSON model
   * (PS3.18 F.2), keyed by tag in tag order; text decoded with Specific Character Set (0008,0005).
   */
  attributes: Record<string, JsonAttribute>;
  /** NumberOfFrames if it is a positive integer, else 1 with Pixel Data and 0 without. */
  numberOfFrames: number;
  /** Absent without Pixel Data, and for deflated files (which are stored whole). */
  pixelData?: PixelDataLocation;
  /** Where the header ends: the bytes before the Pixel Data element's value (the whole file if there is none). */
  headerEnd: number;
}

export interface ParseOptions {
  /**
   * The most bytes the parser reads before giving up with dicom.header_too_large (default 64 MiB).
   * Values it does not need are skipped, not read, so this bounds the data set up to Pixel Data.
   */
  maxHeaderBytes?: number;
}

const DEFAULT_MAX_HEADER_BYTES = 64 * 1024 * 1024;

/**
 * Parses a DICOM Part 10 file's header once at ingest: what QIDO needs and where the pixel data
 * is, reading lazily and never into the Pixel Data value (only its item headers, when encapsulated).
 */
export async function parseInstance(source: ByteSource, options: ParseOptions = {}): Promise<ParsedInstance> {
  const maxHeaderBytes = options.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES;
  const reader = new SourceReader(source, maxHeaderBytes);
  const meta = await readFileMeta(reader);
  const syntax = requireTransferSyntax(meta.transferSyntaxUid);
  let scanned: ScannedDataSet;
  let pixelData: PixelDataLocation | undefined;
  if (syntax.deflated) {
    const inflated = await inflateDataSet(reader, meta.dataSetStart, maxHeaderBytes);
    scanned = await scanDataSet(new SourceReader(bufferSource(inflated), Infinity), 0, syntax);
  } else {
    scanned = await scanDataSet(reader, meta.dataSetStart, syntax);
    if (scanned.pixelData !== undefined) {
      pixelData = await locatePixelData(reader, scanned.pixelData, scanned.syntax.littleEndian);
    }
  }
  const attributes = decodeAttributes(scanned.attributes);
  // Checked top down, so a file missing several is reported by its highest level.
  const studyInstanceUid = requiredUid(attributes, '0020000D', 'StudyInstanceUID');
  const seriesInstanceUid = requiredUid(attributes, '0020000E', 'SeriesInstanceUID');
  const sopInstanceUid = requiredUid(attributes, '00080018', 'SOPInstanceUID');
  const sopClassUid = requiredUid(attributes, '00080016', 'SOPClassUID');
  const instance: ParsedInstance = {
    transferSyntaxUid: meta.transferSyntaxUid,
    sopClassUid,
    sopInstanceUid,
    studyInstanceUid,
    seriesInstanceUid,
    attributes,
    numberOfFrames: numberOfFrames(attributes, scanned.pixelData !== undefined),
    headerEnd: pixelData?.valueStart ?? source.size,
  };
  if (pixelData !== undefined) instance.pixelData = pixelData;
  return instance;
}

function decodeAttributes(raw: ReadonlyMap<number, RawAttribute>): Record<string, JsonAttribute> {
  const specificCharacterSet = raw.get(0x00080005);
  const characterSet = characterSetOf(
    specificCharacterSet === undefined ? undefined : textValues(specificCharacterSet.bytes, 'CS', []),
  );
  const attributes: Record<string, JsonAttribute> = {};
  for (const tag of [...raw.keys()].sort((a, b) => a - b)) {
    const attribute = raw.get(tag);
    if (attribute !== undefined) attributes[attribute.spec.tag] = toJsonAttribute(attribute, characterSet);
  }
  return attributes;
}

function requiredUid(attributes: Record<string, JsonAttribute>, tag: string, keyword: string): string {
  const values = attributes[tag]?.Value;
  const first = values?.[0];
  if (typeof first !== 'string') {
    throw dicomError(
      'dicom.missing_attribute',
      `The data set has no ${keyword} (${tag.slice(0, 4)},${tag.slice(4)}), which every stored instance needs.`,
      { attribute: keyword, tag },
    );
  }
  return requireValidUid(keyword, values !== undefined && values.length > 1 ? values.join('\\') : first);
}

function numberOfFrames(attributes: Record<string, JsonAttribute>, hasPixelData: boolean): number {
  const frames = attributes['00280008']?.Value?.[0];
  if (typeof frames === 'number' && Number.isSafeInteger(frames) && frames > 0) return frames;
  return hasPixelData ? 1 : 0;
}
