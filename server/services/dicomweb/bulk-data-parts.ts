import type { BulkDataTarget, ByteSource, ResolvedBulkData } from '@strata/modules/dicom';
import { StrataError } from '@strata/modules/errors';
import { pixelDataEncoding } from './bulk-data-media-types.js';
import { joinedSource } from './part-body.js';

/** A bulk data part of a STOW-RS request, as received. */
export interface BulkDataPart {
  /** Content-Location as sent. */
  readonly location: string;
  readonly mediaType: string;
  readonly parameters: ReadonlyMap<string, string>;
  readonly source: ByteSource;
  /** The JPEG process the codestream's frame header shows (image/jpeg parts only). */
  readonly jpegProcess: string | undefined;
}

const FRAMES = /^(.*)\/frames\/([1-9][0-9]*)$/;

/**
 * The bulk data parts of one request, found by the BulkDataURIs of its metadata. A URI matches a
 * part whose Content-Location is the same URI, literally or once both are resolved against the
 * request URL (PS3.18 allows relative URIs). Pixel Data may come as one part, as several parts
 * with its URI (one frame each, in order), or as parts named `{URI}/frames/{n}` (PS3.18 8.6.1).
 */
export class BulkDataParts {
  private readonly parts: { part: BulkDataPart; key: string; frame?: { key: string; number: number } }[] = [];
  private readonly used = new Set<BulkDataPart>();

  constructor(private readonly requestUrl: string) {}

  add(part: BulkDataPart): void {
    const framed = FRAMES.exec(part.location);
    this.parts.push({
      part,
      key: this.absolute(part.location),
      ...(framed !== null && { frame: { key: this.absolute(framed[1] ?? ''), number: Number(framed[2]) } }),
    });
  }

  /** The bytes behind `uri` for `target`; `hint` is the data set's AvailableTransferSyntaxUID. */
  resolve(uri: string, target: BulkDataTarget, hint: string | undefined): ResolvedBulkData {
    const key = this.absolute(uri);
    const whole = this.parts.filter((entry) => entry.key === key).map((entry) => entry.part);
    const framed = this.parts.filter((entry) => entry.frame?.key === key);
    if (whole.length === 0 && framed.length === 0) {
      throw bulkError('stow.missing_bulk_data', `No part of the request has Content-Location ${uri}.`, uri);
    }
    if (whole.length > 0 && framed.length > 0) {
      throw bulkError('stow.ambiguous_bulk_data', `Parts supply ${uri} both whole and as frames.`, uri);
    }
    let parts = whole;
    if (framed.length > 0) {
      parts = framed.sort((a, b) => (a.frame?.number ?? 0) - (b.frame?.number ?? 0)).map((entry) => entry.part);
      if (framed.some((entry, i) => entry.frame?.number !== i + 1)) {
        throw bulkError(
          'stow.ambiguous_bulk_data',
          `The frames of ${uri} are not numbered 1 to ${framed.length}, once each.`,
          uri,
        );
      }
    }
    for (const part of parts) this.used.add(part);
    // Values other than Pixel Data are the bytes as sent, whatever their type (an Encapsulated
    // Document comes as application/pdf, PS3.18 10.5.1.4).
    if (!target.pixelData) {
      if (parts.length > 1)
        throw bulkError('stow.ambiguous_bulk_data', `${parts.length} parts supply ${uri}, a value of one part.`, uri);
      return { encapsulated: false, value: (parts[0] as BulkDataPart).source };
    }
    const encodings = parts.map((part) => pixelDataEncoding(part.mediaType, part.parameters, hint, part.jpegProcess));
    const first = encodings[0];
    if (first === undefined || encodings.some((encoding) => encoding === undefined)) {
      const part = parts[encodings.indexOf(undefined)] ?? parts[0];
      throw bulkError(
        'stow.unsupported_bulk_data_type',
        `Pixel Data of type ${part?.mediaType ?? '?'}${part?.parameters.has('transfer-syntax') ? `; transfer-syntax=${part.parameters.get('transfer-syntax')}` : ''} cannot be stored: see the conformance statement for the types taken.`,
        uri,
      );
    }
    if (encodings.some((encoding) => JSON.stringify(encoding) !== JSON.stringify(first))) {
      throw bulkError('stow.ambiguous_bulk_data', `The parts of ${uri} are in different encodings.`, uri);
    }
    const sources = parts.map((part) => part.source);
    if (!first.encapsulated)
      return { encapsulated: false, value: sources.length === 1 ? (sources[0] as ByteSource) : joinedSource(sources) };
    return { encapsulated: true, transferSyntaxUid: first.transferSyntaxUid, frames: sources };
  }

  /** Content-Locations of the parts no data set referred to. */
  unreferenced(): string[] {
    return this.parts.filter((entry) => !this.used.has(entry.part)).map((entry) => entry.part.location);
  }

  private absolute(uri: string): string {
    try {
      return new URL(uri, this.requestUrl).href;
    } catch {
      return uri;
    }
  }
}

function bulkError(code: string, message: string, uri: string): StrataError {
  return new StrataError(code, 'invalid', message, { details: { bulkDataUri: uri } });
}
