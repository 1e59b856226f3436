import type { Database } from '../database/database.js';

export type VectorSupport = { available: true; version: string } | { available: false; reason: string };

/**
 * Whether pgvector can be used on this database, enabling it if it is installed but not yet
 * created. PGlite always has it; a PostgreSQL server has it only where the extension is installed.
 */
export async function enableVectorSupport(database: Database): Promise<VectorSupport> {
  const connection = database.orm.em.getConnection();
  const rows = await connection.execute<{ default_version: string }[]>(
    "select default_version from pg_available_extensions where name = 'vector'",
  );
  if (rows.length === 0) {
    return {
      available: false,
      reason: 'the pgvector extension is not installed on this PostgreSQL server; similarity search is off',
    };
  }
  await connection.execute('create extension if not exists vector');
  const installed = await connection.execute<{ extversion: string }[]>(
    "select extversion from pg_extension where extname = 'vector'",
  );
  return { available: true, version: installed[0]?.extversion ?? 'unknown' };
}
