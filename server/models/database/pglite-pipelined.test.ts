import { PGlite, type Results } from '@electric-sql/pglite';
import { pipelineQueries } from './pglite-pipelined.js';

const SCHEMA = `
  create table item (
    id bigint primary key, name text not null, data bytea, doc jsonb, meta json, tags text[], counts int[],
    at timestamptz, day date, price numeric, ratio float8, ok boolean, uid uuid, big int8
  );
`;

/** PGlite's own `query` beside the pipelined one, each on its own database with the same schema. */
async function pair(): Promise<{ plain: PGlite; pipelined: PGlite; batches: () => number }> {
  const plain = await PGlite.create();
  const pipelined = await PGlite.create();
  await plain.exec(SCHEMA);
  await pipelined.exec(SCHEMA);
  pipelineQueries(pipelined);
  let batches = 0;
  const execProtocol = pipelined.execProtocol.bind(pipelined);
  pipelined.execProtocol = (message, options) => {
    batches++;
    return execProtocol(message, options);
  };
  return { plain, pipelined, batches: () => batches };
}

/** What a statement gave: its result, or the error's class, code and message. */
async function outcome(run: () => Promise<Results<unknown>>): Promise<unknown> {
  try {
    return await run();
  } catch (error) {
    const { code, message, query } = error as { code?: string; message: string; query?: string };
    return { error: (error as Error).constructor.name, code, message, query };
  }
}

const row = [
  1n,
  'first',
  Uint8Array.from([0, 1, 2, 254, 255]),
  { a: [1, 2, { b: 'ç' }], n: null },
  { plain: 'json' },
  ['x', 'y "quoted"', 'z,comma', null],
  [1, 2, 3],
  new Date('2026-11-25T01:02:03.456Z'),
  '2026-11-25',
  '12345.678900',
  0.25,
  true,
  '6f1c1d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f',
  9007199254740993n,
];
const insert =
  'insert into item (id, name, data, doc, meta, tags, counts, at, day, price, ratio, ok, uid, big) ' +
  'values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) returning *';

describe('pipelineQueries', () => {
  let plain: PGlite;
  let pipelined: PGlite;
  let batches: () => number;

  beforeAll(async () => {
    ({ plain, pipelined, batches } = await pair());
  });
  beforeEach(async () => {
    await plain.exec('truncate item');
    await pipelined.exec('truncate item');
  });
  afterAll(async () => {
    await plain.close();
    await pipelined.close();
  });

  /** Runs one statement on both databases and expects the same outcome from each. */
  async function same(sql: string, params?: unknown[], options?: Parameters<PGlite['query']>[2]): Promise<unknown> {
    const expected = await outcome(() => plain.query(sql, params, options));
    const actual = await outcome(() => pipelined.query(sql, params, options));
    expect(actual).toEqual(expected);
    return actual;
  }

  it('stores and reads every common type as PGlite does, in object and array row modes', async () => {
    const inserted = (await same(insert, row)) as Results<Record<string, unknown>>;
    expect(inserted.affectedRows).toBe(1);
    expect(inserted.rows[0]?.['doc']).toEqual(row[3]);
    expect(inserted.rows[0]?.['data']).toEqual(row[2]);
    await same('select * from item where id = $1', [1]);
    await same('select * from item where id = $1', [1], { rowMode: 'array' });
    await same('select id, name from item where name = any($1)', [['first', 'second']]);
    await same('select $1::text as a, $2::int as b, $3::text as c', [null, 42, undefined]);
    await same('select 1 as a, 2 as a');
    await same("update item set name = 'renamed' where id = 1");
    await same('delete from item where id = $1 returning id', [1]);
    await same('select * from item');
  });

  it('fails as PGlite does, with the same codes and messages, and names the statement', async () => {
    await same(insert, row);
    const duplicate = (await same(insert, row)) as { code: string; query: string };
    expect(duplicate.code).toBe('23505');
    expect(duplicate.query).toBe(insert);
    await same('selec 1');
    await same('select * from nowhere where id = $1', [1]);
    await same('select $1::int', ['not a number']);
    // The connection is usable after each failure.
    await same('select count(*)::int as n from item');
  });

  it('sends a statement as one batch, after one more the first time its parameters are described', async () => {
    const before = batches();
    await pipelined.query(`${insert} -- new text`, row);
    expect(batches() - before).toBe(2);
    await pipelined.query('select name from item where id = $1 -- new text', [1]);
    await pipelined.query('select name from item where id = $1 -- new text', [1]);
    await pipelined.query('select name from item where id = 1');
    expect(batches() - before).toBe(2 + 2 + 1 + 1);
  });

  it('describes a statement again after the schema changes under it', async () => {
    await pipelined.query('create table change (v int)');
    await pipelined.query('insert into change (v) values ($1)', [7]);
    await pipelined.query('alter table change alter column v type jsonb using to_jsonb(v)');
    // Were the int type remembered, the object would be sent as "[object Object]" and refused.
    await pipelined.query('insert into change (v) values ($1)', [{ kept: true }]);
    expect((await pipelined.query('select v from change order by v')).rows).toEqual([{ v: 7 }, { v: { kept: true } }]);
  });

  it('commits and rolls back transactions as PGlite does, and refuses a closed one', async () => {
    for (const database of [plain, pipelined]) {
      await database.transaction(async (tx) => {
        await tx.query(insert, row);
        await tx.query('update item set name = $1 where id = $2', ['in transaction', 1]);
      });
      await expect(
        database.transaction(async (tx) => {
          await tx.query('update item set name = $1 where id = $2', ['rolled back', 1]);
          throw new Error('undo');
        }),
      ).rejects.toThrow('undo');
      await expect(
        database.transaction(async (tx) => {
          await tx.query(insert, row);
        }),
      ).rejects.toMatchObject({ code: '23505' });
      let kept: Parameters<Parameters<PGlite['transaction']>[0]>[0] | undefined;
      await database.transaction(async (tx) => {
        kept = tx;
        await tx.rollback();
      });
      await expect(kept?.query('select 1')).rejects.toThrow('Transaction is closed');
    }
    await same('select id, name from item');
    expect((await pipelined.query('select name from item')).rows).toEqual([{ name: 'in transaction' }]);
  });

  it('keeps statements in order while a transaction is open, as PGlite does', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = pipelined.transaction(async (tx) => {
      await tx.query(insert, row);
      await held;
      await tx.query('update item set name = $1', ['last']);
    });
    // Waits for the transaction to end, and so sees its last write.
    const outside = pipelined.query<{ name: string }>('select name from item');
    release();
    await transaction;
    expect((await outside).rows).toEqual([{ name: 'last' }]);
  });
});
