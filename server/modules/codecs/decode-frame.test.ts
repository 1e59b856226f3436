import { describe, expect, it } from '@jest/globals';
import { testDataAvailable } from '../dicom/testing/test-data.js';
import { decodeFrame } from './decode-frame.js';
import { readPixelInstance } from './pixel-instance.js';
import { sampleValues } from './sample-values.js';
import { describeValues, PIXEL_REFERENCES, readTestFile } from './testing/pixel-reference.js';
import { LOSSY_TRANSFER_SYNTAXES } from './transfer-syntaxes.js';

const onCi = process.env['CI'] === 'true';
const available = testDataAvailable('pydicom', onCi);

// 12-bit JPEG needs a 12-bit DCT decoder; none of the codecs has one.
const NOT_DECODABLE = new Set(['pydicom/JPEG-lossy.dcm', 'pydicom/JPGExtended.dcm']);
// Written for parsers: a Sequence Delimitation tag sits inside the codestream's SIZ marker, so the
// image size it declares is garbage. OpenJPEG refuses it; pydicom returns what Pillow makes of it.
const CORRUPT = 'pydicom/JPEG2000-embedded-sequence-delimiter.dcm';
// Largest difference from pydicom's decode allowed for a lossy syntax: two IDCTs may round apart.
const LOSSY_TOLERANCE = 4;

const cases = Object.entries(PIXEL_REFERENCES).filter(
  ([name, reference]) => reference.error === undefined && !NOT_DECODABLE.has(name) && name !== CORRUPT,
);

describe.each(cases)('decodeFrame of %s', (name, reference) => {
  (available ? it : it.skip)('decodes every frame to the pixels pydicom decodes', async () => {
    const instance = await readPixelInstance(readTestFile(name));
    expect(instance.frames).toHaveLength(reference.frames.length);
    const lossy = LOSSY_TRANSFER_SYNTAXES.has(instance.transferSyntaxUid);
    for (const [index, expected] of reference.frames.entries()) {
      const frame = await decodeFrame(instance, index + 1);
      const actual = describeValues(sampleValues(frame));
      if (!lossy) {
        expect({ frame: index + 1, sha256: actual.sha256, samples: actual.samples }).toEqual({
          frame: index + 1,
          sha256: expected.sha256,
          samples: expected.samples,
        });
        continue;
      }
      const worst = Math.max(...actual.samples.map((value, at) => Math.abs(value - (expected.samples[at] as number))));
      expect(worst).toBeLessThanOrEqual(LOSSY_TOLERANCE);
      expect(Math.abs(actual.mean - expected.mean)).toBeLessThan(0.5);
    }
  });
});

describe('decodeFrame of a corrupt codestream', () => {
  (available ? it : it.skip)('is codecs.corrupt_frame, not a crash', async () => {
    const instance = await readPixelInstance(readTestFile(CORRUPT));
    await expect(decodeFrame(instance, 1)).rejects.toMatchObject({ code: 'codecs.corrupt_frame' });
  });
});

describe('decodeFrame of 12-bit JPEG', () => {
  it.each([...NOT_DECODABLE])('refuses %s as not acceptable', async (name) => {
    if (!available) return;
    const instance = await readPixelInstance(readTestFile(name));
    await expect(decodeFrame(instance, 1)).rejects.toMatchObject({
      code: 'request.not_acceptable',
      kind: 'not_acceptable',
    });
  });
});
