import { describe, expect, it } from '@jest/globals';
import { formatBytes, formatDicomDate } from './format';

describe('formatDicomDate', () => {
  it('shows DA (YYYYMMDD) and the ACR-NEMA form (YYYY.MM.DD) alike, anything else as it is', () => {
    expect(formatDicomDate('20260130')).toBe('2026-01-30');
    expect(formatDicomDate('1994.01.30')).toBe('1994-01-30');
    expect(formatDicomDate(' 19940130 ')).toBe('1994-01-30');
    for (const other of ['', '1994', '1994.0130', '2026-01-30', '20260130-20260131', 'unknown']) {
      expect(formatDicomDate(other)).toBe(other);
    }
    expect(formatDicomDate(undefined)).toBe('');
  });
});

describe('formatBytes', () => {
  it('counts in thousands, with one decimal past a kilobyte', () => {
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(999)).toBe('999 bytes');
    expect(formatBytes(1_500)).toBe('1.5 KB');
    expect(formatBytes(262_000_000)).toBe('262.0 MB');
  });
});
