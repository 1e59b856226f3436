import {
  asciiValue,
  bufferSource,
  explicitElement,
  parseInstance,
  toExplicitVrLittleEndian,
  uint32Value,
} from '../dicom/index.js';
import { notAcceptable } from './codec-errors.js';
import { decodeFrame } from './decode-frame.js';
import { type ElementSpan, elementSpans } from './element-spans.js';
import { encapsulatedPixelDataElement, nativePixelDataElement } from './encapsulation.js';
import { type EncodedFrame, encodeFrame, type EncodeOptions } from './encode-frame.js';
import { type FileMetaSpans, inflateDataSet, readFileMetaSpans } from './file-meta.js';
import { readPixelInstance } from './pixel-instance.js';
import { dataSetConvertible, REENCODED_SOURCES } from './transcode-targets.js';
import * as syntax from './transfer-syntaxes.js';

const TRANSFER_SYNTAX_UID = 0x00020010;
const META_GROUP_LENGTH = 0x00020000;
const PHOTOMETRIC_INTERPRETATION = 0x00280004;
const PLANAR_CONFIGURATION = 0x00280006;
const LOSSY_IMAGE_COMPRESSION = 0x00282110;
const LOSSY_IMAGE_COMPRESSION_RATIO = 0x00282112;
const LOSSY_IMAGE_COMPRESSION_METHOD = 0x00282114;
const PIXEL_DATA = 0x7fe00010;
// The Extended Offset Table and its lengths describe the old fragments: they go with them.
const DROPPED = new Set([0x00280000, 0x7fe00000, 0x7fe00001, 0x7fe00002]);

/**
 * Whether pixels stored in one syntax can be written in another. Explicit VR Little Endian,
 * Deflated and encapsulated sources keep every byte but the pixel elements; Implicit VR and
 * big-endian sources are first re-encoded element by element (toExplicitVrLittleEndian, which
 * checks its output value by value). transcodeTargets says it per instance, from its header.
 */
export function canTranscode(sourceTransferSyntaxUid: string, targetTransferSyntaxUid: string): boolean {
  if (sourceTransferSyntaxUid === targetTransferSyntaxUid) return true;
  return (
    dataSetConvertible(sourceTransferSyntaxUid) &&
    syntax.DECODABLE_TRANSFER_SYNTAXES.has(sourceTransferSyntaxUid) &&
    syntax.ENCODABLE_TRANSFER_SYNTAXES.has(targetTransferSyntaxUid)
  );
}

/**
 * Rewrites a Part 10 file in another transfer syntax: the File Meta Information's Transfer Syntax
 * UID and group length, the Pixel Data element (native, or encapsulated with a Basic Offset
 * Table), and the Image Pixel attributes the new encoding changes (Photometric Interpretation,
 * Planar Configuration, Lossy Image Compression). Every other byte is kept. The same syntax
 * returns the file unchanged; pairs canTranscode refuses are request.not_acceptable. An instance
 * without Pixel Data (SR, RT Plan…) comes out as Explicit VR Little Endian whatever the target:
 * there is nothing to compress (transcodeTargets maps the request so).
 */
export async function transcodeInstance(
  file: Uint8Array,
  targetTransferSyntaxUid: string,
  options: EncodeOptions = {},
): Promise<Uint8Array> {
  let meta = readFileMetaSpans(file);
  const stored = meta.transferSyntaxUid;
  if (stored === targetTransferSyntaxUid) return file;
  if (!canTranscode(stored, targetTransferSyntaxUid)) {
    throw notAcceptable(`An instance stored as ${stored} cannot be transcoded to ${targetTransferSyntaxUid}.`, {
      sourceTransferSyntaxUid: stored,
      targetTransferSyntaxUid,
    });
  }
  if (stored !== syntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN) {
    // Implicit VR and big endian, or a data set in implicit VR despite its syntax: re-framed first.
    const reframed = await toExplicitVrLittleEndian(file);
    if (REENCODED_SOURCES.has(stored) && targetTransferSyntaxUid === syntax.EXPLICIT_VR_LITTLE_ENDIAN) return reframed;
    if (reframed !== file) meta = readFileMetaSpans(reframed);
    file = reframed;
  }
  const source = meta.transferSyntaxUid;
  const dataSet =
    source === syntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN
      ? inflateDataSet(file, meta.dataSetStart)
      : file.subarray(meta.dataSetStart);
  const spans = elementSpans(dataSet, 0, 0xffff, PIXEL_DATA);
  if (!spans.some((span) => span.tag === PIXEL_DATA)) return withoutPixelData(file, meta, dataSet);
  const instance = await readPixelInstance(file);
  const encoded: EncodedFrame[] = [];
  for (const frame of instance.frames) {
    encoded.push(await encodeFrame(await decodeFrame(instance, frame.frameNumber), targetTransferSyntaxUid, options));
  }
  const first = encoded[0];
  if (first === undefined) throw notAcceptable('The instance has no frames to transcode.');
  const pixelData =
    targetTransferSyntaxUid === syntax.EXPLICIT_VR_LITTLE_ENDIAN
      ? nativePixelDataElement(
          encoded.map((frame) => frame.bytes),
          first.image.bitsAllocated,
        )
      : encapsulatedPixelDataElement(encoded.map((frame) => frame.bytes));
  const edits = new Map<number, Uint8Array>([[PIXEL_DATA, pixelData]]);
  const image = instance.image;
  if (first.image.photometricInterpretation !== image.photometricInterpretation) {
    edits.set(
      PHOTOMETRIC_INTERPRETATION,
      explicitElement(PHOTOMETRIC_INTERPRETATION, 'CS', asciiValue(first.image.photometricInterpretation)),
    );
  }
  if (image.planarConfiguration === 1) {
    edits.set(PLANAR_CONFIGURATION, explicitElement(PLANAR_CONFIGURATION, 'US', new Uint8Array([0, 0])));
  }
  if (targetTransferSyntaxUid === syntax.JPEG_BASELINE) {
    const original =
      (instance.frames.length * (image.rows * image.columns * image.samplesPerPixel * image.bitsAllocated)) / 8;
    const compressed = encoded.reduce((total, frame) => total + frame.bytes.length, 0);
    edits.set(LOSSY_IMAGE_COMPRESSION, explicitElement(LOSSY_IMAGE_COMPRESSION, 'CS', asciiValue('01')));
    edits.set(
      LOSSY_IMAGE_COMPRESSION_RATIO,
      explicitElement(LOSSY_IMAGE_COMPRESSION_RATIO, 'DS', asciiValue((original / compressed).toFixed(2))),
    );
    edits.set(
      LOSSY_IMAGE_COMPRESSION_METHOD,
      explicitElement(LOSSY_IMAGE_COMPRESSION_METHOD, 'CS', asciiValue('ISO_10918_1')),
    );
  }
  const lastSpan = spans[spans.length - 1];
  const tail = dataSet.subarray(lastSpan?.end ?? 0);
  const out = Buffer.concat([
    file.subarray(0, 132),
    rewriteMeta(file, meta.elements, targetTransferSyntaxUid),
    ...rewriteDataSet(dataSet, spans, edits),
    tail,
  ]);
  await checkParsesBack(out, targetTransferSyntaxUid, instance.frames.length);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** A data set without Pixel Data as Explicit VR Little Endian: as it is, or inflated. */
function withoutPixelData(file: Uint8Array, meta: FileMetaSpans, dataSet: Uint8Array): Uint8Array {
  if (meta.transferSyntaxUid === syntax.EXPLICIT_VR_LITTLE_ENDIAN) return file;
  const out = Buffer.concat([
    file.subarray(0, 132),
    rewriteMeta(file, meta.elements, syntax.EXPLICIT_VR_LITTLE_ENDIAN),
    dataSet,
  ]);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** Top-level elements in tag order, with edits replacing or joining them and dropped ones left out. */
function rewriteDataSet(
  dataSet: Uint8Array,
  spans: readonly ElementSpan[],
  edits: ReadonlyMap<number, Uint8Array>,
): Uint8Array[] {
  const parts: Uint8Array[] = [];
  const pending = [...edits.keys()].sort((a, b) => a - b);
  for (const span of spans) {
    while (pending.length > 0 && (pending[0] as number) < span.tag)
      parts.push(edits.get(pending.shift() as number) as Uint8Array);
    if (pending[0] === span.tag) {
      parts.push(edits.get(pending.shift() as number) as Uint8Array);
    } else if (!DROPPED.has(span.tag)) {
      parts.push(dataSet.subarray(span.start, span.end));
    }
  }
  for (const tag of pending) parts.push(edits.get(tag) as Uint8Array);
  return parts;
}

/** The File Meta group with the new Transfer Syntax UID and its group length recomputed. */
function rewriteMeta(file: Uint8Array, elements: readonly ElementSpan[], targetTransferSyntaxUid: string): Uint8Array {
  const body = elements
    .filter((element) => element.tag !== META_GROUP_LENGTH)
    .map((element) =>
      element.tag === TRANSFER_SYNTAX_UID
        ? explicitElement(TRANSFER_SYNTAX_UID, 'UI', asciiValue(targetTransferSyntaxUid))
        : file.subarray(element.start, element.end),
    );
  const length = body.reduce((total, element) => total + element.length, 0);
  return Buffer.concat([explicitElement(META_GROUP_LENGTH, 'UL', uint32Value(length)), ...body]);
}

/** Every output is parsed again before it leaves (shared/notes/dcmjs-gaps.md: never trust a writer). */
async function checkParsesBack(file: Uint8Array, transferSyntaxUid: string, frameCount: number): Promise<void> {
  const parsed = await parseInstance(bufferSource(file));
  if (parsed.transferSyntaxUid !== transferSyntaxUid || parsed.pixelData === undefined) {
    throw new Error(`transcoding wrote a file that does not parse back as ${transferSyntaxUid}`);
  }
  if (parsed.pixelData.encapsulated && parsed.pixelData.fragments?.length !== frameCount) {
    throw new Error(`transcoding wrote ${parsed.pixelData.fragments?.length} fragments for ${frameCount} frames`);
  }
}
