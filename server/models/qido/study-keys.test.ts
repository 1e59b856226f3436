import { migrationsList } from '@strata/migrations';
import type { Digest } from '@strata/modules/blob';
import type { AbstractSqlDriver } from '@mikro-orm/sql';
import { openTestDatabase } from '../testing/index.js';
import { versioningRepositories } from '../versioning/repositories.js';
import type { DirectoryAttributes } from './index-repository.js';

const dir = (n: number) => n.toString(16).padStart(64, '0') as Digest;
const long = 'Ä'.repeat(300);

/** Study rows of every kind of value the key table must hold, cut, or leave out. */
const ROWS: DirectoryAttributes[] = [
  {
    dirId: dir(1),
    firstFile: dir(101),
    attrs: {
      '00100010': { vr: 'PN', Value: [{ Alphabetic: 'García^Ana' }] },
      '00100020': { vr: 'LO', Value: ['P-1'] },
      '00080020': { vr: 'DA', Value: ['20070315', '20080101'] },
      '00080061': { vr: 'CS', Value: ['CT', 'MR'] },
      '00200010': { vr: 'SH', Value: [long] },
      '00081030': { vr: 'LO' },
      '00201206': { vr: 'IS', Value: [2] },
      '00201208': { vr: 'IS', Value: [6] },
    },
    search: { '00100010': ['GARCIA^ANA'] },
  },
  {
    dirId: dir(2),
    firstFile: dir(102),
    attrs: { '00080090': { vr: 'PN', Value: [{ Alphabetic: 'Doe^J' }] }, '00200010': { vr: 'SH', Value: [12] } },
    search: { '00080090': ['DOE^J'] },
  },
];

type KeyRow = { dir_id: Uint8Array; tag: string; value: string };

describe('study_key', () => {
  it('holds person-name groups and other values as text, cut long values, left out the counts — and the migration backfills the same rows', async () => {
    const database = await openTestDatabase();
    try {
      const em = database.fork();
      await versioningRepositories(em).index.putAttributes('study', ROWS);
      const read = async () =>
        (await em.execute<KeyRow[]>('select dir_id, tag, value from study_key order by dir_id, tag, value')).map(
          (row) => `${Buffer.from(row.dir_id).toString('hex').slice(-2)} ${row.tag} ${row.value}`,
        );
      const written = await read();
      expect(written).toEqual([
        '01 00080020 20070315',
        '01 00080061 CT',
        '01 00080061 MR',
        '01 00100010 GARCIA^ANA',
        '01 00100020 P-1',
        `01 00200010 ${'Ä'.repeat(256)}`,
        '02 00080090 DOE^J',
        '02 00200010 12',
      ]);

      await em.execute('delete from study_key');
      const entry = migrationsList.find((m) => m.name.endsWith('_qido_fast_path'));
      if (entry === undefined) throw new Error('the qido_fast_path migration is missing');
      const migration = new (
        entry.class as new (
          driver: AbstractSqlDriver,
          config: unknown,
        ) => {
          up(): void | Promise<void>;
          getQueries(): unknown[];
        }
      )(database.orm.em.getDriver(), database.orm.config);
      await migration.up();
      const backfill = migration.getQueries().find((q) => String(q).includes('insert into "study_key"'));
      expect(backfill).toBeDefined();
      await em.execute(String(backfill));
      expect(await read()).toEqual(written);
    } finally {
      await database.drop();
    }
  });
});
