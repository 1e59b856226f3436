// The database half of gc's protocol: writers touch the rows they find, gc deletes only rows
// untouched since its cutoff, and the row lock orders the two.
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Digest } from '@strata/modules/blob';
import { openTestDatabase, testPostgresUrl } from '../testing/index.js';
import type { FileRecord } from './file-repository.js';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.drop());

const digest = (text: string) => createHash('sha256').update(text).digest('hex') as Digest;
const file = (text: string): FileRecord => ({ id: digest(text), size: 10, parts: [digest(`${text}-part`)] });
const HOUR = 3_600_000;

/** Makes rows look untouched for two hours. */
async function age(table: 'file' | 'object', ids: Digest[]): Promise<void> {
  await database
    .fork()
    .execute(`update ${table} set touched_at = now() - interval '2 hours' where id in (?)`, [
      ids.map((id) => Buffer.from(id, 'hex')),
    ]);
}

async function touchedAt(table: 'file' | 'object', id: Digest): Promise<Date | undefined> {
  const rows = await database
    .fork()
    .execute<{ touched_at: Date | string }[]>(`select touched_at from ${table} where id = ?`, [Buffer.from(id, 'hex')]);
  return rows[0] === undefined ? undefined : new Date(rows[0].touched_at);
}

describe('touching rows', () => {
  it('counts only new rows, once each, and touches the rows already there', async () => {
    const [a, b] = [file('a'), file('b')];
    expect(await database.transaction((r) => r.files.put([a, a]))).toBe(1);
    await age('file', [a.id]);
    const old = await touchedAt('file', a.id);
    expect(await database.transaction((r) => r.files.put([a, b]))).toBe(1);
    expect((await touchedAt('file', a.id))?.getTime()).toBeGreaterThan((old?.getTime() ?? 0) + HOUR);

    const commit = digest('commit');
    await database.transaction((r) => r.objects.putCommit(commit, Buffer.from('{}')));
    await age('object', [commit]);
    expect(await database.transaction((r) => r.objects.touchCommit(commit))).toBe(true);
    expect((await touchedAt('object', commit))?.getTime()).toBeGreaterThan(Date.now() - HOUR);
    expect(await database.transaction((r) => r.objects.touchCommit(digest('absent')))).toBe(false);
  });

  it('deletes rows untouched since the cutoff with what derives from them, and keeps a touched row', async () => {
    const [kept, swept] = [file('kept'), file('swept')];
    await database.transaction(async (r) => {
      await r.files.put([kept, swept]);
      await r.metadata.put(
        [kept, swept].map((f) => ({
          fileId: f.id,
          studyInstanceUid: '1.2',
          seriesInstanceUid: '1.2.3',
          sopInstanceUid: `1.2.3.${f.id.slice(0, 4)}`,
          sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
          transferSyntaxUid: '1.2.840.10008.1.2.1',
          numberOfFrames: 1,
          headerEnd: 5,
          attributes: {},
        })),
      );
    });
    await age('file', [kept.id, swept.id]);
    await database.transaction((r) => r.files.put([kept]));
    const cutoff = new Date((await database.read().gc.now()).getTime() - HOUR);
    expect(await database.read().gc.countUnmarked('file', cutoff)).toMatchObject({
      count: 1,
      bytes: 10,
      derived: { instance_metadata: 1 },
    });
    const deleted = await database.transaction((r) => r.gc.deleteUntouched('file', [kept.id, swept.id], cutoff));
    expect(deleted).toEqual({ count: 1, bytes: 10, derived: { instance_metadata: 1 } });
    expect(await database.read().files.existing([kept.id, swept.id])).toEqual(new Set([kept.id]));
    expect(await database.read().metadata.get(kept.id)).toBeDefined();
    expect(await database.read().metadata.get(swept.id)).toBeUndefined();
  });

  // Two transactions at once need a server: PGlite is one connection.
  (testPostgresUrl() === undefined ? it.skip : it)(
    'makes a delete wait for a writer that touched the row first, then keep it',
    async () => {
      const racing = file('racing');
      await database.transaction((r) => r.files.put([racing]));
      await age('file', [racing.id]);
      const cutoff = new Date((await database.read().gc.now()).getTime() - HOUR);
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      let touched = () => {};
      const hasTouched = new Promise<void>((resolve) => (touched = resolve));
      const writer = database.transaction(async (r) => {
        await r.files.put([racing]);
        touched();
        await held;
      });
      await hasTouched;
      let deleteDone = false;
      const deleting = database
        .transaction((r) => r.gc.deleteUntouched('file', [racing.id], cutoff))
        .finally(() => (deleteDone = true));
      await sleep(300);
      expect(deleteDone).toBe(false);
      release();
      await writer;
      expect(await deleting).toMatchObject({ count: 0 });
      expect(await database.read().files.existing([racing.id])).toEqual(new Set([racing.id]));
    },
  );

  // A lock held across connections needs a server: PGlite is one connection in one process.
  (testPostgresUrl() === undefined ? it.skip : it)(
    'holds a named lock across connections while the work commits its own transactions',
    async () => {
      const committed = file('committed');
      const outcome = await database.exclusive('gc', async () => {
        await database.transaction((r) => r.files.put([committed]));
        return {
          second: await database.exclusive('gc', () => Promise.resolve('ran')),
          // Seen from another connection: the work's transaction is not nested in the lock's.
          visible: await database.read().files.existing([committed.id]),
        };
      });
      expect(outcome).toEqual({ ran: true, value: { second: { ran: false }, visible: new Set([committed.id]) } });
      expect(await database.exclusive('gc', () => Promise.resolve(1))).toEqual({ ran: true, value: 1 });
    },
  );
});
