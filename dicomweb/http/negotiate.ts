import { StrataError } from '@strata/modules/errors';
import { parseAccept, type Accept, type MediaRange } from './accept.js';
import { formatMediaType, parseMediaType, type MediaType } from './media-type.js';

/** The representation chosen for a response. */
export interface Negotiated {
  /** The offer chosen, as the caller wrote it. */
  readonly mediaType: MediaType;
  /** The weight the client gave it. */
  readonly quality: number;
  /**
   * The transfer syntax to send: the offer's own (a UID, or `*` for "as stored"), or undefined
   * when the offer names none (JSON, rendered images).
   */
  readonly transferSyntax: string | undefined;
}

/** How well one range admits one offer; compared field by field, larger is more specific. */
interface Match {
  readonly range: MediaRange;
  /** 0 for `*∕*`, 1 for `type/*`, 2 for `type/subtype`. */
  readonly level: number;
  /** Range parameters the offer declares and satisfies. */
  readonly parameters: number;
  /** Of those, how many matched exactly rather than through a wildcard. */
  readonly exact: number;
}

/**
 * Chooses what to send (RFC 9110 §12.5.1). Each offer takes the weight of the most specific range
 * that admits it (so `*∕*;q=0.1, application/json;q=0` excludes JSON); the heaviest offer wins,
 * then the one admitted by the more specific range, then the earlier offer: list offers in the
 * server's order of preference. DICOMweb parameters: `type` (multipart/related's root type) must
 * match, wildcards allowed in the range; a range's `transfer-syntax=*` admits any syntax and
 * prefers an offer of `*` (as stored); a range naming a UID admits only an offer of that UID.
 * A range without a transfer syntax admits every offer, the first listed winning. Nothing
 * acceptable is `request.not_acceptable` (406) listing what can be produced.
 */
export function negotiate(accept: Accept | string | undefined, offers: readonly (MediaType | string)[]): Negotiated {
  const ranges = (typeof accept === 'object' ? accept : parseAccept(accept)).ranges;
  const types = offers.map((offer) => (typeof offer === 'string' ? parseMediaType(offer) : offer));
  let best: { offer: MediaType; match: Match } | undefined;
  for (const offer of types) {
    const match = mostSpecificMatch(ranges, offer);
    if (match === undefined || match.range.quality === 0) continue;
    if (best === undefined || isBetter(match, best.match)) best = { offer, match };
  }
  if (best === undefined) throw notAcceptable(ranges, types);
  return {
    mediaType: best.offer,
    quality: best.match.range.quality,
    transferSyntax: best.offer.parameters.get('transfer-syntax'),
  };
}

function isBetter(candidate: Match, incumbent: Match): boolean {
  if (candidate.range.quality !== incumbent.range.quality) return candidate.range.quality > incumbent.range.quality;
  return compareSpecificity(candidate, incumbent) > 0;
}

function compareSpecificity(a: Match, b: Match): number {
  return a.level - b.level || a.parameters - b.parameters || a.exact - b.exact;
}

/** The range that decides an offer's weight; among equally specific ones, the heaviest. */
function mostSpecificMatch(ranges: readonly MediaRange[], offer: MediaType): Match | undefined {
  let best: Match | undefined;
  for (const range of ranges) {
    const match = matchOf(range, offer);
    if (match === undefined) continue;
    const order = best === undefined ? 1 : compareSpecificity(match, best);
    if (best === undefined || order > 0 || (order === 0 && match.range.quality > best.range.quality)) best = match;
  }
  return best;
}

function matchOf(range: MediaRange, offer: MediaType): Match | undefined {
  const level = typeLevel(range, offer);
  if (level === undefined) return undefined;
  let parameters = 0;
  let exact = 0;
  for (const [name, wanted] of range.parameters) {
    const offered = offer.parameters.get(name);
    if (offered === undefined) {
      // An offer that does not vary by a parameter satisfies any value of it (a charset on
      // JSON, say); only the root type of a multipart body must be stated to match.
      if (name === 'type') return undefined;
      continue;
    }
    const fit = parameterFit(name, wanted, offered);
    if (fit === 'none') return undefined;
    parameters++;
    if (fit === 'exact') exact++;
  }
  return { range, level, parameters, exact };
}

function typeLevel(range: Pick<MediaType, 'type' | 'subtype'>, offer: Pick<MediaType, 'type' | 'subtype'>) {
  if (range.type === '*') return 0;
  if (range.type !== offer.type) return undefined;
  if (range.subtype === '*') return 1;
  return range.subtype === offer.subtype ? 2 : undefined;
}

function parameterFit(name: string, wanted: string, offered: string): 'exact' | 'wildcard' | 'none' {
  if (name === 'type') {
    const [wantedRange, offeredType] = [essence(wanted), essence(offered)];
    const level = typeLevel(wantedRange, offeredType);
    if (level === undefined) return 'none';
    return level === 2 ? 'exact' : 'wildcard';
  }
  if (name === 'transfer-syntax') {
    if (wanted === offered) return 'exact';
    return wanted === '*' ? 'wildcard' : 'none';
  }
  return wanted.toLowerCase() === offered.toLowerCase() ? 'exact' : 'none';
}

/** `application/dicom` of a `type` parameter, lower case; `*` alone reads as `*∕*`. */
function essence(value: string): { type: string; subtype: string } {
  const [type = '', subtype = '*'] = value.trim().toLowerCase().split('/');
  return { type, subtype };
}

function notAcceptable(ranges: readonly MediaRange[], offers: readonly MediaType[]): StrataError {
  // Ranges are echoed back; a bounded number keeps a hostile header from swelling the reply.
  const requested = ranges.slice(0, 20).map((range) => formatRange(range));
  const available = offers.map(formatMediaType);
  return new StrataError(
    'request.not_acceptable',
    'not_acceptable',
    `None of the media types accepted (${requested.join(', ')}) can be produced for this resource; it is available as ${available.join(', ')}.`,
    { details: { requested, available } },
  );
}

function formatRange(range: MediaRange): string {
  const text = formatMediaType(range);
  return range.quality === 1 ? text : `${text}; q=${range.quality}`;
}
