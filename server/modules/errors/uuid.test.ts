import { isUuid } from './uuid.js';

describe('isUuid', () => {
  it('takes UUIDs in either case and nothing merely of their length', () => {
    expect(isUuid('0b9f6a2e-3c4d-4e5f-8a9b-0c1d2e3f4a5b')).toBe(true);
    expect(isUuid('0B9F6A2E-3C4D-4E5F-8A9B-0C1D2E3F4A5B')).toBe(true);
    expect(isUuid('-'.repeat(36))).toBe(false);
    expect(isUuid('0b9f6a2e3c4d4e5f8a9b0c1d2e3f4a5b')).toBe(false);
    expect(isUuid('0b9f6a2e-3c4d-4e5f-8a9b-0c1d2e3f4a5b ')).toBe(false);
  });
});
