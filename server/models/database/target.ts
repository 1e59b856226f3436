/** Where the database lives: the embedded PGlite in a directory, or a PostgreSQL server. */
export type DatabaseTarget =
  { kind: 'pglite'; dataDir: string } | { kind: 'pglite-memory' } | { kind: 'postgresql'; url: string };

/** The target as safe to log: a PostgreSQL URL without its password. */
export function describeTarget(target: DatabaseTarget): string {
  switch (target.kind) {
    case 'pglite':
      return `PGlite at ${target.dataDir}`;
    case 'pglite-memory':
      return 'PGlite in memory';
    case 'postgresql': {
      const url = new URL(target.url);
      url.password = url.password === '' ? '' : '***';
      return `PostgreSQL at ${url.host}${url.pathname}`;
    }
  }
}
