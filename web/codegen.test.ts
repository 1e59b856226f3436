import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';

const run = promisify(execFile);

describe('GraphQL code generation', () => {
  it('is up to date with graphql/schema.graphql and the queries in the pages', async () => {
    // `--check` exits 1 and names the stale files when regenerating would change web/gql/.
    const result = await run(
      process.execPath,
      ['../node_modules/@graphql-codegen/cli/cjs/bin.js', '--config', 'codegen.json', '--check'],
      { cwd: import.meta.dirname },
    ).then(
      (done) => ({ ...done, code: 0 }),
      (error: { stdout: string; stderr: string; code: number }) => error,
    );
    expect(`${result.stdout}${result.stderr}`).not.toContain('stale');
    expect(result.code).toBe(0);
  }, 60_000);
});
