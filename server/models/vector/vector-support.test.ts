import { openTestDatabase, testPostgresUrl } from '../testing/index.js';
import { enableVectorSupport } from './vector-support.js';

describe('enableVectorSupport', () => {
  it('enables pgvector on PGlite and answers a nearest-neighbour query, or says why not on a server without it', async () => {
    const database = await openTestDatabase();
    try {
      const support = await enableVectorSupport(database);
      const connection = database.orm.em.getConnection();
      const installable = await connection.execute("select 1 from pg_available_extensions where name = 'vector'");
      if (testPostgresUrl() === undefined) expect(support).toMatchObject({ available: true });
      if (!support.available) {
        expect(installable).toEqual([]);
        expect(support.reason).toMatch(/pgvector extension is not installed/);
        return;
      }
      expect(support.version).toMatch(/^\d+\.\d+/);
      await connection.execute('create table embedding (id int primary key, v vector(3))');
      await connection.execute("insert into embedding values (1, '[1,0,0]'), (2, '[0,1,0]'), (3, '[0.9,0.1,0]')");
      const nearest = await connection.execute<{ id: number }[]>(
        "select id from embedding order by v <-> '[1,0,0]' limit 2",
      );
      expect(nearest.map((row) => row.id)).toEqual([1, 3]);
    } finally {
      await database.drop();
    }
  });
});
