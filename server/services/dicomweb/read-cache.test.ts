import { LruCache } from './read-cache.js';

describe('LruCache', () => {
  it('keeps the most recently used entries up to its capacity', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
    expect(cache.size).toBe(2);
  });

  it('fetches only what it does not hold, at once, and keeps it', async () => {
    const cache = new LruCache<string, number>(10);
    cache.set('a', 1);
    const asked: string[][] = [];
    const fetch = async (missing: string[]) => {
      asked.push(missing);
      return new Map(missing.filter((key) => key !== 'absent').map((key) => [key, key.length]));
    };
    const found = await cache.getMany(['a', 'bb', 'absent', 'ccc'], fetch);
    expect([...found]).toEqual([
      ['a', 1],
      ['bb', 2],
      ['ccc', 3],
    ]);
    expect(asked).toEqual([['bb', 'absent', 'ccc']]);
    await cache.getMany(['bb', 'ccc'], fetch);
    expect(asked).toHaveLength(1);
  });
});
