import { isStrataError, StrataError } from '@strata/modules/errors';
import { splitFieldList } from './field-syntax.js';
import { parameterMap, readParameterizedType, type MediaType } from './media-type.js';

/** One range of an Accept header: a media type that may hold wildcards, and its weight (0–1). */
export interface MediaRange extends MediaType {
  readonly quality: number;
}

/** What a request accepts: its ranges, and the elements that could not be read (for logs). */
export interface Accept {
  readonly ranges: readonly MediaRange[];
  readonly ignored: readonly string[];
}

// RFC 9110 §12.4.2, plus a leading-dot form (`q=.2`) that old Java clients send.
const QUALITY = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?|\.\d{1,3})$/;

const ANYTHING: MediaRange = { type: '*', subtype: '*', parameters: new Map(), quality: 1 };

/** Parses one media range (`type/subtype; params; q=0.5`); refuses a malformed one. */
export function parseMediaRange(text: string): MediaRange {
  const read = readParameterizedType(text, { wildcards: true });
  const qAt = read.parameters.findIndex(([name]) => name === 'q');
  if (qAt < 0)
    return { type: read.type, subtype: read.subtype, parameters: parameterMap(text, read.parameters), quality: 1 };
  const weight = read.parameters[qAt]?.[1] ?? '';
  if (!QUALITY.test(weight)) {
    throw new StrataError(
      'request.malformed_accept',
      'invalid',
      `The weight "q=${weight}" is not a number from 0 to 1.`,
      {
        details: { value: text, reason: 'bad weight' },
      },
    );
  }
  // Parameters after the weight were accept-extensions (RFC 7231); RFC 9110 dropped them: ignored.
  const parameters = parameterMap(text, read.parameters.slice(0, qAt));
  return { type: read.type, subtype: read.subtype, parameters, quality: Number(weight) };
}

/**
 * Parses an Accept header. An element that cannot be read is set aside in `ignored` instead of
 * failing the request; a header that is absent, empty or entirely unreadable accepts anything
 * (RFC 9110 §12.5.1 lets a server disregard it), so a sloppy client still gets an answer.
 */
export function parseAccept(header: string | undefined): Accept {
  const ranges: MediaRange[] = [];
  const ignored: string[] = [];
  for (const element of splitFieldList(header ?? '')) {
    try {
      ranges.push(parseMediaRange(element));
    } catch (error) {
      if (!isStrataError(error)) throw error;
      ignored.push(element);
    }
  }
  return { ranges: ranges.length === 0 ? [ANYTHING] : ranges, ignored };
}

/**
 * The ranges a DICOMweb request accepts: the `accept` query parameters when there are any
 * (PS3.18 §8.3.3.1: they override the header; each may hold several ranges), else the header.
 */
export function acceptOfRequest(header: string | undefined, queryValues: readonly string[] = []): Accept {
  const query = queryValues.filter((value) => value.trim() !== '');
  if (query.length === 0) return parseAccept(header);
  return parseAccept(query.map(restorePlusSigns).join(', '));
}

/**
 * Puts back the `+` that form decoding turned into a space: `?accept=application/dicom+json`
 * typed into a browser arrives as "application/dicom json". A space between two value characters
 * outside quotes is never legal in a media range, so this changes no well-formed value.
 */
export function restorePlusSigns(value: string): string {
  let quoted = false;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const char = value[i] ?? '';
    if (char === '"') quoted = !quoted;
    if (!quoted && char === ' ' && isRangeChar(value[i - 1]) && isRangeChar(value[i + 1])) out += '+';
    else out += char;
  }
  return out;
}

function isRangeChar(char: string | undefined): boolean {
  return char !== undefined && /[A-Za-z0-9.\-*/]/.test(char);
}
