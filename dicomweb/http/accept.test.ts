import { isStrataError } from '@strata/modules/errors';
import { acceptOfRequest, parseAccept, parseMediaRange, restorePlusSigns } from './accept.js';
import { formatMediaType } from './media-type.js';

/** Ranges as `formatted;q` strings: compact enough for a table. */
const ranges = (header: string | undefined) =>
  parseAccept(header).ranges.map((range) => `${formatMediaType(range)} q=${range.quality}`);

describe('parseAccept', () => {
  it.each([
    [undefined, ['*/* q=1']],
    ['', ['*/* q=1']],
    [' , ,', ['*/* q=1']],
    ['*/*', ['*/* q=1']],
    ['application/dicom+json', ['application/dicom+json q=1']],
    [
      'application/dicom+json, application/json;q=0.9, */*;q=0.1',
      ['application/dicom+json q=1', 'application/json q=0.9', '*/* q=0.1'],
    ],
    ['image/*;q=0.5, image/png;Q=1.000', ['image/* q=0.5', 'image/png q=1']],
    ['text/plain; q=0', ['text/plain q=0']],
    ['text/plain;q=0.001', ['text/plain q=0.001']],
    [
      'multipart/related; type=application/octet-stream; transfer-syntax=*',
      ['multipart/related; type="application/octet-stream"; transfer-syntax=* q=1'],
    ],
    ['multipart/related; type="application/octet-stream"', ['multipart/related; type="application/octet-stream" q=1']],
    [
      'multipart/related; type="image/jpeg"; transfer-syntax=1.2.840.10008.1.2.4.50; q=0.8, multipart/related; type="application/dicom"',
      [
        'multipart/related; type="image/jpeg"; transfer-syntax=1.2.840.10008.1.2.4.50 q=0.8',
        'multipart/related; type="application/dicom" q=1',
      ],
    ],
    ['a/b; x="1,2"; q=0.5, c/d', ['a/b; x="1,2" q=0.5', 'c/d q=1']],
    // Accept-extensions after the weight (RFC 7231) are dropped, not taken as range parameters.
    ['a/b; q=0.5; level=1', ['a/b q=0.5']],
    // HttpURLConnection's default, sent by Java clients: a lone `*` and a leading-dot weight.
    [
      'text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2',
      ['text/html q=1', 'image/gif q=1', 'image/jpeg q=1', '*/* q=0.2', '*/* q=0.2'],
    ],
  ])('reads %j', (header, expected) => {
    expect(ranges(header)).toEqual(expected);
  });

  it.each([
    ['application/json;q=2, image/png', ['application/json;q=2'], ['image/png q=1']],
    ['application/json;q=0.5000, image/png', ['application/json;q=0.5000'], ['image/png q=1']],
    ['application/json;q=1.5, image/png', ['application/json;q=1.5'], ['image/png q=1']],
    ['application/json;q=high, image/png', ['application/json;q=high'], ['image/png q=1']],
    ['*/json, image/png', ['*/json'], ['image/png q=1']],
    ['a/b; x="open, image/png', ['a/b; x="open, image/png'], ['*/* q=1']],
    ['garbage', ['garbage'], ['*/* q=1']],
  ])('sets aside what it cannot read in %j', (header, ignored, expected) => {
    expect(parseAccept(header).ignored).toEqual(ignored);
    expect(ranges(header)).toEqual(expected);
  });
});

describe('parseMediaRange', () => {
  it.each([
    ['a/b;q=2', 'request.malformed_accept'],
    ['a/b;q=-0.5', 'request.malformed_accept'],
    ['*/b', 'request.malformed_media_type'],
    ['a/b;q', 'request.malformed_media_type'],
  ])('refuses %j with %s', (text, code) => {
    let caught: unknown;
    try {
      parseMediaRange(text);
    } catch (error) {
      caught = error;
    }
    expect(isStrataError(caught) && caught.code).toBe(code);
  });
});

describe('acceptOfRequest', () => {
  const header = 'application/json';
  it.each([
    [[], ['application/json q=1']],
    [[''], ['application/json q=1']],
    [['application/dicom+json'], ['application/dicom+json q=1']],
    // A form-decoded `+` arrives as a space and is put back.
    [['application/dicom json'], ['application/dicom+json q=1']],
    [['multipart/related; type="application/dicom"'], ['multipart/related; type="application/dicom" q=1']],
    [['image/jpeg,image/png;q=0.5'], ['image/jpeg q=1', 'image/png q=0.5']],
    [
      ['image/jpeg', 'image/png;q=0.5'],
      ['image/jpeg q=1', 'image/png q=0.5'],
    ],
  ])('lets the accept query parameters %j override the header', (query, expected) => {
    expect(
      acceptOfRequest(header, query).ranges.map((range) => `${formatMediaType(range)} q=${range.quality}`),
    ).toEqual(expected);
  });

  it.each([
    ['application/dicom json', 'application/dicom+json'],
    ['multipart/related; type=application/dicom xml', 'multipart/related; type=application/dicom+xml'],
    ['a/b; x="keep this"', 'a/b; x="keep this"'],
    ['image/jpeg, image/png', 'image/jpeg, image/png'],
  ])('restores the plus signs of %j', (value, restored) => {
    expect(restorePlusSigns(value)).toBe(restored);
  });
});
