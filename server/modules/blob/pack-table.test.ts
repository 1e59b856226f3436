import { createHash } from 'node:crypto';
import { ENTRY_BYTES } from './pack-file.js';
import { PackTable } from './pack-table.js';

/** A pack index (the format's bytes) of the digests of `names`. */
function indexOf(names: string[]): Buffer {
  const index = Buffer.alloc(4 + names.length * ENTRY_BYTES);
  index.writeUInt32BE(names.length, 0);
  names.forEach((name, i) => digestOf(name).copy(index, 4 + i * ENTRY_BYTES));
  return index;
}
const digestOf = (name: string) => createHash('sha256').update(name).digest();

describe('PackTable', () => {
  it('finds every digest of many packs as it grows, the last pack added winning, and misses the rest', () => {
    const packs: Buffer[] = [];
    const table = new PackTable((pack) => packs[pack] ?? Buffer.alloc(4));
    const names = (pack: number) => Array.from({ length: 1_000 }, (_, i) => `${pack}-${i}`);
    for (let pack = 0; pack < 20; pack++) {
      packs.push(indexOf(names(pack)));
      table.addPack(pack);
    }
    // Pack 20 holds again what pack 3 holds.
    packs.push(indexOf(names(3)));
    table.addPack(20);
    expect(table.size).toBe(20_000);
    for (let pack = 0; pack < 20; pack++) {
      for (const [entry, name] of names(pack).entries()) {
        expect(table.get(digestOf(name))).toEqual({ pack: pack === 3 ? 20 : pack, entry });
      }
    }
    expect(table.get(digestOf('absent'))).toBeUndefined();
    expect([...table.all()]).toHaveLength(20_000);
  });
});
