import { isStrataError } from '@strata/modules/errors';
import { formatMediaType, parseMediaType } from './media-type.js';

const read = (text: string) => {
  const parsed = parseMediaType(text);
  return [`${parsed.type}/${parsed.subtype}`, Object.fromEntries(parsed.parameters)];
};

function refusal(text: string): { code: string; kind: string; reason: unknown } {
  try {
    parseMediaType(text);
  } catch (error) {
    if (isStrataError(error)) return { code: error.code, kind: error.kind, reason: error.details?.['reason'] };
    throw error;
  }
  throw new Error(`${text} was accepted`);
}

describe('parseMediaType', () => {
  it.each([
    ['application/dicom', 'application/dicom', {}],
    ['Application/DICOM+JSON', 'application/dicom+json', {}],
    [' text/plain ', 'text/plain', {}],
    ['text/plain;charset=utf-8', 'text/plain', { charset: 'utf-8' }],
    ['text/plain ; CharSet="UTF-8"', 'text/plain', { charset: 'UTF-8' }],
    ['text/plain;\tcharset=utf-8 ;', 'text/plain', { charset: 'utf-8' }],
    ['text/plain;;charset=utf-8', 'text/plain', { charset: 'utf-8' }],
    ['text/plain; charset = utf-8', 'text/plain', { charset: 'utf-8' }],
    [
      'multipart/related; type="application/dicom"; boundary=abc',
      'multipart/related',
      { type: 'application/dicom', boundary: 'abc' },
    ],
    [
      'multipart/related; type=application/dicom; boundary=3ec3-4b5c',
      'multipart/related',
      { type: 'application/dicom', boundary: '3ec3-4b5c' },
    ],
    [
      'multipart/related; type="application/octet-stream"; transfer-syntax=*',
      'multipart/related',
      { type: 'application/octet-stream', 'transfer-syntax': '*' },
    ],
    ['a/b; x="say \\"hi\\"; c\\\\d"', 'a/b', { x: 'say "hi"; c\\d' }],
    ['a/b; x="a,b"; y=""', 'a/b', { x: 'a,b', y: '' }],
    ['a/b; x=1; X=1', 'a/b', { x: '1' }],
    ['a/b; boundary="gc0p4Jq0M2Yt08jU534c0p"', 'a/b', { boundary: 'gc0p4Jq0M2Yt08jU534c0p' }],
  ])('reads %j as %s %j', (text, essence, parameters) => {
    expect(read(text)).toEqual([essence, parameters]);
  });

  it.each([
    ['', 'it does not start with a type'],
    ['application', 'expected "/" after the type at position 11, found the end'],
    ['application/', 'the subtype is missing'],
    ['/dicom', 'it does not start with a type'],
    ['*/*', 'a media type cannot be a wildcard'],
    ['image/*', 'a media type cannot be a wildcard'],
    ['app lication/dicom', 'expected "/" after the type at position 3, found " "'],
    ['a/b c', 'expected ";" before a parameter at position 4, found "c"'],
    ['a/b; =x', 'a parameter has no name'],
    ['a/b; x', 'expected "=" after the parameter name "x" at position 6, found the end'],
    ['a/b; x=', 'expected a parameter value at position 7, found the end'],
    ['a/b; x="open', 'the quoted string at position 7 is not closed'],
    ['a/b; x="ends\\', 'the quoted string at position 7 ends inside an escape'],
    ['a/b; x="bell\x07"', 'a control character stands in the quoted string at position 12'],
    ['a/b; x=1; x=2', 'the parameter "x" is given twice with different values'],
    ['a/b; boundary=1; BOUNDARY=2', 'the parameter "boundary" is given twice with different values'],
  ])('refuses %j: %s', (text, reason) => {
    expect(refusal(text)).toEqual({ code: 'request.malformed_media_type', kind: 'invalid', reason });
  });

  it('clips a hostile value in the error it raises', () => {
    const huge = `a/b; x="${'y'.repeat(10_000)}`;
    expect(() => parseMediaType(huge)).toThrow(/^The media type "a\/b; x="y{192}…" is malformed/);
  });
});

describe('formatMediaType', () => {
  it.each([
    ['application/dicom', 'application/dicom'],
    [
      'Multipart/Related; Type=application/dicom; Boundary=abc',
      'multipart/related; type="application/dicom"; boundary=abc',
    ],
    ['a/b; x="say \\"hi\\""; y=""; z=*', 'a/b; x="say \\"hi\\""; y=""; z=*'],
    ['a/b; x="a b"; t=1.2.840.10008.1.2.1', 'a/b; x="a b"; t=1.2.840.10008.1.2.1'],
  ])('writes %j as %j, which reads back the same', (text, formatted) => {
    expect(formatMediaType(parseMediaType(text))).toBe(formatted);
    expect(parseMediaType(formatted)).toEqual(parseMediaType(text));
  });

  it('never writes a control character that would end the header line', () => {
    const injected = { type: 'a', subtype: 'b', parameters: new Map([['x', 'y\r\nSet-Cookie: z']]) };
    expect(() => formatMediaType(injected)).toThrow(expect.objectContaining({ code: 'response.invalid_header_value' }));
  });
});
