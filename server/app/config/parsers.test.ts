import { duration } from './parsers.js';

describe('duration', () => {
  it.each([
    ['24h', 86_400_000],
    ['30m', 1_800_000],
    ['0s', 0],
    [' 90S ', 90_000],
    ['7d', 604_800_000],
    ['1h30m', 5_400_000],
    ['1.5h', 5_400_000],
    ['250ms', 250],
  ])('reads %s', (raw, ms) => {
    expect(duration(raw)).toEqual({ ok: true, value: ms });
  });

  it.each(['', '24', 'h', '-1h', '1w', '1h junk', '1 h'])('refuses %j', (raw) => {
    expect(duration(raw)).toEqual({ ok: false, expected: 'a duration such as 24h, 30m, 90s or 0s' });
  });
});
