import { bufferSource, parseDicomJsonText } from '@strata/modules/dicom';
import { StrataError } from '@strata/modules/errors';
import { jpegProcessOf } from './bulk-data-media-types.js';
import { BulkDataParts } from './bulk-data-parts.js';
import { receive, releaseReceiveBuffer, spooledSource, type Spool } from './part-body.js';
import type { StowPart } from './stow-outcome.js';

export interface MetadataAndBulkDataOptions {
  /** The request's URL, against which relative BulkDataURIs and Content-Locations are resolved. */
  requestUrl: string;
  /** The largest metadata part, in bytes (default 64 MiB): it is parsed whole, in memory. */
  maxMetadataBytes?: number;
  /** Bulk data held in memory across the request (default 256 MiB); past it, parts are spooled. */
  inMemoryBulkDataBytes?: number;
}

const METADATA_TYPES = new Set(['application/dicom+json', 'application/json']);
const DEFAULT_MAX_METADATA = 64 * 1024 * 1024;
const DEFAULT_BULK_DATA_IN_MEMORY = 256 * 1024 * 1024;
/** Enough of a JPEG codestream to reach its frame header and first scan header. */
const JPEG_HEADER_BYTES = 64 * 1024;

/**
 * The metadata and bulk data parts of a STOW-RS request (PS3.18 10.5.1.4): metadata parts are
 * DICOM JSON arrays of data sets, parsed as they arrive; bulk data parts are kept (in memory up to
 * a budget, else in the spool) until every data set has been written.
 */
export class MetadataAndBulkData {
  readonly dataSets: unknown[] = [];
  readonly bulkData: BulkDataParts;
  private metadataParts = 0;
  private held = 0;
  private readonly maxMetadata: number;
  private readonly inMemoryBudget: number;

  constructor(
    private readonly spool: Spool,
    private readonly inMemoryPart: number,
    options: MetadataAndBulkDataOptions,
  ) {
    this.bulkData = new BulkDataParts(options.requestUrl);
    this.maxMetadata = options.maxMetadataBytes ?? DEFAULT_MAX_METADATA;
    this.inMemoryBudget = options.inMemoryBulkDataBytes ?? DEFAULT_BULK_DATA_IN_MEMORY;
  }

  /** A metadata part: DICOM JSON, or a part with neither Content-Type nor Content-Location (the body's type). */
  static isMetadata(part: StowPart): boolean {
    return part.contentType === undefined ? part.contentLocation === undefined : METADATA_TYPES.has(part.contentType);
  }

  get hasMetadata(): boolean {
    return this.metadataParts > 0;
  }

  /** Reads one part: metadata is parsed now, bulk data kept for the data sets that refer to it. */
  async receive(part: StowPart, index: number): Promise<void> {
    if (MetadataAndBulkData.isMetadata(part)) {
      this.metadataParts++;
      this.dataSets.push(...parseMetadata(await readMetadata(part.body, this.maxMetadata), index));
      return;
    }
    const inMemory = Math.max(0, Math.min(this.inMemoryPart, this.inMemoryBudget - this.held));
    let size = 0;
    async function* counted(body: AsyncIterable<Uint8Array>) {
      for await (const chunk of body) {
        size += chunk.length;
        yield chunk;
      }
    }
    const received = await receive(counted(part.body), () => this.spool.path(`${index}.bulk`), inMemory);
    let source;
    if ('file' in received) {
      source = spooledSource(received.file, size);
    } else {
      // Held until every data set is written: in a buffer of its own size, the receive buffer given back.
      const bytes = Buffer.from(received.bytes);
      releaseReceiveBuffer(received.pooled);
      this.held += bytes.length;
      source = bufferSource(bytes);
    }
    const mediaType = part.contentType ?? 'application/octet-stream';
    const parameters = part.parameters ?? new Map<string, string>();
    const jpeg = mediaType === 'image/jpeg' && !parameters.has('transfer-syntax');
    this.bulkData.add({
      location: part.contentLocation ?? '',
      mediaType,
      parameters,
      source,
      jpegProcess: jpeg ? jpegProcessOf(await source.read(0, JPEG_HEADER_BYTES)) : undefined,
    });
  }
}

async function readMetadata(body: AsyncIterable<Uint8Array>, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) {
      throw new StrataError(
        'stow.metadata_too_large',
        'too_large',
        `A metadata part is larger than ${limit} bytes, the most Strata parses at once; send fewer data sets per part.`,
        { details: { limit } },
      );
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks, size);
}

/** A metadata part's data sets; a part that is not a DICOM JSON array refuses the whole request. */
function parseMetadata(bytes: Buffer, index: number): unknown[] {
  let parsed: unknown;
  try {
    parsed = parseDicomJsonText(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw invalidMetadata(index, 'not_json', `it is not JSON in UTF-8 (${(error as Error).message})`);
  }
  if (!Array.isArray(parsed))
    throw invalidMetadata(index, 'not_an_array', 'it is not an array of data sets (PS3.18 F.2)');
  return parsed as unknown[];
}

function invalidMetadata(index: number, reason: string, why: string): StrataError {
  return new StrataError(
    'stow.invalid_metadata',
    'invalid',
    `Part ${index + 1} of the request is DICOM JSON metadata, but ${why}: nothing was stored.`,
    { details: { part: index + 1, reason } },
  );
}
