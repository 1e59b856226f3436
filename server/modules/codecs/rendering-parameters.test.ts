import { describe, expect, it } from '@jest/globals';
import { parseRenderingParameters } from './rendering-parameters.js';

describe('parseRenderingParameters', () => {
  it.each([
    [{}, { mediaType: 'image/png' }],
    [{ quality: '75' }, { mediaType: 'image/png', quality: 75 }],
    [{ viewport: '256,128' }, { mediaType: 'image/png', viewport: { columns: 256, rows: 128 } }],
    [{ window: '40,400,linear' }, { mediaType: 'image/png', window: { center: 40, width: 400, function: 'linear' } }],
    [
      { window: '-600,1500,LINEAR-EXACT' },
      { mediaType: 'image/png', window: { center: -600, width: 1500, function: 'linear-exact' } },
    ],
    [
      { window: '0.5,0.25,sigmoid' },
      { mediaType: 'image/png', window: { center: 0.5, width: 0.25, function: 'sigmoid' } },
    ],
  ])('given %j reads %j', (query, expected) => {
    expect(parseRenderingParameters('image/png', query)).toEqual(expected);
  });

  it.each([
    [{ quality: '0' }, 'quality'],
    [{ quality: '101' }, 'quality'],
    [{ quality: 'high' }, 'quality'],
    [{ viewport: '256' }, 'viewport'],
    [{ viewport: '0,10' }, 'viewport'],
    [{ viewport: '10,10,0,0,5,5' }, 'viewport'],
    [{ window: '40,400' }, 'window'],
    [{ window: '40,0,linear' }, 'window'],
    [{ window: '40,0.5,linear' }, 'window'],
    [{ window: 'a,400,linear' }, 'window'],
    [{ window: '40,400,gamma' }, 'window'],
  ])('refuses %j as request.invalid_rendering_parameter (400) naming %s', (query, parameter) => {
    expect(() => parseRenderingParameters('image/jpeg', query)).toThrow(
      expect.objectContaining({
        code: 'request.invalid_rendering_parameter',
        kind: 'invalid',
        details: expect.objectContaining({ parameter }),
      }),
    );
  });
});
