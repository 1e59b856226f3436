import { bufferSource, type ByteSource } from './byte-source.js';
import { detectSyntax } from './dataset-scanner.js';
import { readDataSet } from './dataset-reader.js';
import { inflateDataSet } from './deflate.js';
import { encodeDataSet } from './dicom-json-encoder.js';
import type { BulkDataLocation, DicomJsonDataSet } from './dicom-json-model.js';
import { readFileMeta } from './meta-header.js';
import { SourceReader } from './source-reader.js';
import { requireTransferSyntax } from './transfer-syntax.js';

export interface InstanceMetadataOptions {
  /** The BulkDataURI of a value the metadata leaves out, from where that value's bytes are. */
  bulkDataUri: (location: BulkDataLocation) => string;
  /**
   * Values longer than this many bytes, of the VRs PS3.18 F.2.2 allows a BulkDataURI for (DS, FL,
   * FD, IS, LT, SL, SS, ST, SV, UC, UL, US, UT, UV), become BulkDataURIs too. Default: none do.
   */
  bulkDataThreshold?: number;
  /**
   * OB, OD, OF, OL, OV, OW and UN values up to this many bytes are sent as InlineBinary instead of
   * a BulkDataURI. Default 0: never. Pixel Data (and Float and Double Float Pixel Data) never is.
   */
  inlineBinaryThreshold?: number;
  /**
   * Adds AvailableTransferSyntaxUID (0008,3002) with the stored transfer syntax, which viewers read
   * to know how frames are encoded (see the README). Default true.
   */
  availableTransferSyntax?: boolean;
  /** The most bytes read before giving up with dicom.header_too_large (default 64 MiB); bulk data is not read. */
  maxHeaderBytes?: number;
}

const DEFAULT_MAX_HEADER_BYTES = 64 * 1024 * 1024;
const AVAILABLE_TRANSFER_SYNTAX_UID = '00083002';

/**
 * The top-level data set of a Part 10 file in the DICOM JSON model (PS3.18 F.2), as WADO-RS
 * Retrieve Metadata returns it: every attribute but the File Meta Information and Group Lengths,
 * sequences included, with bulk data as BulkDataURIs whose bytes are never read.
 */
export async function readInstanceMetadata(
  source: ByteSource,
  options: InstanceMetadataOptions,
): Promise<DicomJsonDataSet> {
  const maxHeaderBytes = options.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES;
  const policy = {
    bulkDataThreshold: options.bulkDataThreshold ?? Infinity,
    inlineBinaryThreshold: options.inlineBinaryThreshold ?? 0,
  };
  let reader = new SourceReader(source, maxHeaderBytes);
  const meta = await readFileMeta(reader);
  const transferSyntax = requireTransferSyntax(meta.transferSyntaxUid);
  let start = meta.dataSetStart;
  if (transferSyntax.deflated) {
    const inflated = await inflateDataSet(reader, start, maxHeaderBytes);
    reader = new SourceReader(bufferSource(inflated), Infinity);
    start = 0;
  }
  const syntax = await detectSyntax(reader, start, transferSyntax);
  const elements = await readDataSet(reader, start, syntax, policy);
  const dataSet = encodeDataSet(elements, { bulkDataUri: options.bulkDataUri, deflated: transferSyntax.deflated });
  if (options.availableTransferSyntax ?? true) {
    dataSet[AVAILABLE_TRANSFER_SYNTAX_UID] = { vr: 'UI', Value: [meta.transferSyntaxUid] };
  }
  return dataSet;
}
