import { isValidUid } from './index.js';

describe('isValidUid (PS3.5 9.1)', () => {
  it.each([
    '1.2.840.10008.1.2.1',
    '0',
    '0.0.0.0.2.8811.20010413115754.12432',
    '2.25.329800735698586629295641978511506172918',
    '1.2.' + '3'.repeat(60),
  ])('accepts %s', (uid) => {
    expect(isValidUid(uid)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['a leading zero', '1.2.03'],
    ['an empty component', '1..2'],
    ['a trailing dot', '1.2.'],
    ['a leading dot', '.1.2'],
    ['a letter', '1.2.a'],
    ['a space', '1.2 '],
    ['a NUL', '1.2\0'],
    ['65 characters', '1.2.' + '3'.repeat(61)],
    ['a sign', '1.-2'],
  ])('rejects %s', (_why, uid) => {
    expect(isValidUid(uid)).toBe(false);
  });
});
