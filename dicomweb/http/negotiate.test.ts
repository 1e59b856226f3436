import { isStrataError } from '@strata/modules/errors';
import { acceptOfRequest } from './accept.js';
import { formatMediaType } from './media-type.js';
import { negotiate } from './negotiate.js';
import { acceptHeadersOf } from './testing/dicomweb-client-peer.js';

const ELE = '1.2.840.10008.1.2.1';
const FRAMES = [
  `multipart/related; type="application/octet-stream"; transfer-syntax=${ELE}`,
  'multipart/related; type="application/octet-stream"; transfer-syntax=*',
];
const JPEG_FRAMES = [...FRAMES, 'multipart/related; type="image/jpeg"; transfer-syntax=1.2.840.10008.1.2.4.50'];
const INSTANCES = [
  `multipart/related; type="application/dicom"; transfer-syntax=${ELE}`,
  'multipart/related; type="application/dicom"; transfer-syntax=*',
];
const METADATA = ['application/dicom+json', 'application/json'];
const RENDERED = ['image/jpeg', 'image/png'];

/** The choice as `offer | transfer syntax | weight`, or the error code. */
function choice(accept: Parameters<typeof negotiate>[0], offers: readonly string[]): string {
  try {
    const chosen = negotiate(accept, offers);
    return `${formatMediaType(chosen.mediaType)} | ${chosen.transferSyntax ?? '-'} | ${chosen.quality}`;
  } catch (error) {
    if (isStrataError(error)) return error.code;
    throw error;
  }
}

describe('negotiate', () => {
  it.each([
    // What OHIF v3 sends for frames (cornerstone's wadors loader, unquoted) gets the stored bytes.
    ['multipart/related; type=application/octet-stream; transfer-syntax=*', FRAMES, '* | 1'],
    ['multipart/related; type="application/octet-stream"; transfer-syntax=*', FRAMES, '* | 1'],
    ['multipart/related; type="application/octet-stream"; transfer-syntax="*"', FRAMES, '* | 1'],
    // No transfer syntax: the server's first offer (PS3.18's default, Explicit VR Little Endian).
    ['multipart/related; type="application/octet-stream"', FRAMES, `${ELE} | 1`],
    ['multipart/related', FRAMES, `${ELE} | 1`],
    ['*/*', FRAMES, `${ELE} | 1`],
    [undefined, FRAMES, `${ELE} | 1`],
    [`multipart/related; type=application/octet-stream; transfer-syntax=${ELE}`, FRAMES, `${ELE} | 1`],
    // An OHIF configuration listing several ranges of equal weight: the server's order decides.
    [
      `multipart/related; type=application/octet-stream; transfer-syntax=${ELE}, multipart/related; type=application/octet-stream; transfer-syntax=*, multipart/related; type=application/octet-stream`,
      FRAMES,
      `${ELE} | 1`,
    ],
    // Weights beat the server's order; a range naming one syntax outweighs `*` for that syntax.
    [
      `multipart/related; type="application/octet-stream"; transfer-syntax=${ELE}; q=0.5, multipart/related; type="application/octet-stream"; transfer-syntax=*`,
      FRAMES,
      '* | 1',
    ],
    [`multipart/related; type="application/octet-stream"; transfer-syntax=${ELE}; q=0, */*; q=0.5`, FRAMES, '* | 0.5'],
    [
      'multipart/related; type="application/octet-stream"; transfer-syntax=*; q=0, */*',
      FRAMES,
      'request.not_acceptable',
    ],
    ['multipart/related; type="image/jpeg"', JPEG_FRAMES, '1.2.840.10008.1.2.4.50 | 1'],
    ['multipart/related; type="image/*"', JPEG_FRAMES, '1.2.840.10008.1.2.4.50 | 1'],
    [
      'multipart/related; type="image/jpeg"; q=0.9, multipart/related; type=*/*; q=0.1',
      JPEG_FRAMES,
      '1.2.840.10008.1.2.4.50 | 0.9',
    ],
    // A syntax the server cannot produce, or another root type, is not acceptable.
    [
      'multipart/related; type="application/octet-stream"; transfer-syntax=1.2.840.10008.1.2.4.50',
      FRAMES,
      'request.not_acceptable',
    ],
    ['multipart/related; type="application/dicom"', FRAMES, 'request.not_acceptable'],
    ['application/octet-stream', FRAMES, 'request.not_acceptable'],
    ['multipart/related; type="application/dicom"', INSTANCES, `${ELE} | 1`],
    ['multipart/related; type="application/dicom"; transfer-syntax=*', INSTANCES, '* | 1'],
    ['multipart/related; type=application/dicom; transfer-syntax=*', INSTANCES, '* | 1'],
    ['MULTIPART/Related; Type="Application/DICOM"; transfer-syntax=*', INSTANCES, '* | 1'],
    ['application/dicom', INSTANCES, 'request.not_acceptable'],
  ])('for %j among %j chooses transfer syntax | weight %s', (accept, offers, expected) => {
    const chosen = choice(accept, offers);
    expect(chosen.startsWith('request.') ? chosen : chosen.split(' | ').slice(1).join(' | ')).toBe(expected);
  });

  it.each([
    ['application/dicom+json', METADATA, 'application/dicom+json | - | 1'],
    ['application/dicom+json; charset=utf-8', METADATA, 'application/dicom+json | - | 1'],
    ['application/json', METADATA, 'application/json | - | 1'],
    ['application/dicom+json, application/json;q=0.9, */*;q=0.1', METADATA, 'application/dicom+json | - | 1'],
    ['application/dicom+json, application/json;q=0.9, */*;q=0.1', ['application/json'], 'application/json | - | 0.9'],
    [
      'application/json;q=0.9, application/dicom+json',
      ['application/json', 'application/dicom+json'],
      'application/dicom+json | - | 1',
    ],
    ['application/dicom+json, application/json;q=0.9, */*;q=0.1', FRAMES, `${FRAMES[0]} | ${ELE} | 0.1`],
    ['*/*;q=0.1, application/json;q=0', ['application/json'], 'request.not_acceptable'],
    ['*/*;q=0.1, application/json;q=0', METADATA, 'application/dicom+json | - | 0.1'],
    ['application/*', METADATA, 'application/dicom+json | - | 1'],
    ['text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2', METADATA, 'application/dicom+json | - | 0.2'],
    ['text/html', METADATA, 'request.not_acceptable'],
    ['garbage', METADATA, 'application/dicom+json | - | 1'],
    ['image/png, image/jpeg;q=0.9', RENDERED, 'image/png | - | 1'],
    ['image/*', RENDERED, 'image/jpeg | - | 1'],
    ['image/jpeg;q=0.5, image/*', RENDERED, 'image/png | - | 1'],
    ['image/jpeg;q=0.5, image/*;q=0.5', RENDERED, 'image/jpeg | - | 0.5'],
    ['image/gif', RENDERED, 'request.not_acceptable'],
  ])('for %j among %j chooses %s', (accept, offers, expected) => {
    expect(choice(accept, offers)).toBe(expected);
  });

  it('lets the accept query parameter override the header', () => {
    expect(choice(acceptOfRequest('application/json', ['application/dicom json']), METADATA)).toBe(
      'application/dicom+json | - | 1',
    );
    expect(choice(acceptOfRequest('application/dicom+json', ['image/gif']), METADATA)).toBe('request.not_acceptable');
  });

  it('refuses with 406, listing what can be produced', () => {
    expect(() => negotiate('multipart/related; type="application/dicom"', FRAMES)).toThrow(
      expect.objectContaining({
        code: 'request.not_acceptable',
        kind: 'not_acceptable',
        details: {
          requested: ['multipart/related; type="application/dicom"'],
          available: FRAMES,
        },
      }),
    );
  });

  it('understands the Accept headers dicomweb-client sends for each OHIF retrieve', async () => {
    const headers = await acceptHeadersOf();
    expect(headers).toEqual({
      seriesMetadata: 'application/dicom+json',
      instance: 'multipart/related; type="application/dicom"',
      frames: 'multipart/related; type="application/octet-stream"',
      framesAsStored: 'multipart/related; type="application/octet-stream"; transfer-syntax=*',
    });
    expect(choice(headers['seriesMetadata'], METADATA)).toBe('application/dicom+json | - | 1');
    expect(choice(headers['instance'], INSTANCES)).toBe(`${INSTANCES[0]} | ${ELE} | 1`);
    expect(choice(headers['frames'], FRAMES)).toBe(`${FRAMES[0]} | ${ELE} | 1`);
    expect(choice(headers['framesAsStored'], FRAMES)).toBe(`${FRAMES[1]} | * | 1`);
  });
});
