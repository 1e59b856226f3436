// Accounts, tokens and grants as an operator sets them up: the real binary on a data directory,
// then `strata serve` on it, answering DICOMweb by those tokens.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStrata, startStrata, untilServing } from '../support/strata-process.js';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'strata-access-cli-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

const env = () => ({ DATA_DIR: dataDir, AUTHOR: 'Ada Lovelace <ada@example.org>' });
const strata = (...args: string[]) => runStrata(args, env());
const tokenIn = (output: string) => /strata_[A-Za-z0-9_-]{40}/.exec(output)?.[0] ?? '';

describe('strata user, token, org, team, dataset visibility and grant', () => {
  it('sets up users, an organization, a team and grants, and the server answers by their tokens', async () => {
    expect(await strata('user', 'add', 'root', '--email', 'root@example.org', '--admin')).toEqual({
      code: 0,
      output: 'Created user root (site admin).\n',
    });
    expect((await strata('user', 'add', 'alice', '--email', 'alice@example.org')).code).toBe(0);
    expect((await strata('user', 'add', 'bob', '--email', 'bob@example.org')).code).toBe(0);
    expect(await strata('user', 'add', 'ALICE', '--email', 'other@example.org')).toMatchObject({ code: 1 });
    expect((await strata('user', 'list')).output).toBe(
      'alice  alice@example.org\nbob  bob@example.org\nroot  root@example.org  (site admin)\n',
    );
    expect(await strata('org', 'add', 'radiology')).toEqual({ code: 0, output: 'Created organization radiology.\n' });
    expect((await strata('team', 'add', 'radiology/readers')).code).toBe(0);
    expect((await strata('team', 'member', 'radiology/readers', 'bob')).code).toBe(0);
    expect(await strata('dataset', 'create', 'radiology/ct', '--visibility', 'private')).toEqual({
      code: 0,
      output: 'Created radiology/ct (default branch main, private).\n',
    });
    expect(await strata('dataset', 'grant', 'radiology/ct', 'alice', 'write')).toEqual({
      code: 0,
      output: 'Granted write on radiology/ct to alice.\n',
    });
    expect((await strata('dataset', 'grant', 'radiology/ct', 'radiology/readers', 'read')).code).toBe(0);
    expect((await strata('dataset', 'create', 'radiology/open')).code).toBe(0);
    expect(await strata('dataset', 'visibility', 'radiology/open', 'public')).toEqual({
      code: 0,
      output: 'radiology/open is now public.\n',
    });
    expect((await strata('dataset', 'visibility', 'radiology/open', 'secret')).code).toBe(2);
    expect(await strata('dataset', 'fork', 'radiology/ct', 'alice/ct')).toEqual({
      code: 0,
      output: 'Forked radiology/ct into alice/ct (private).\n',
    });

    const alice = await strata('token', 'add', 'alice', 'pacs', '--scope', 'write');
    expect(alice.code).toBe(0);
    expect(alice.output).toMatch(/^Created write token pacs \(strata_.{5}…\) for alice; it is shown once:\nstrata_/);
    const bob = tokenIn((await strata('token', 'add', 'bob', 'viewer')).output);
    const revoked = tokenIn((await strata('token', 'add', 'alice', 'old', '--scope', 'read')).output);
    const listed = (await strata('token', 'list', 'alice')).output;
    expect(listed).toMatch(/ strata_.{5}… {2}write {2}pacs {2}\(last used never\)\n/);
    const oldId = /^(\S+) .* old /m.exec(listed)?.[1] ?? '';
    expect(await strata('token', 'revoke', 'alice', oldId)).toEqual({
      code: 0,
      output: `Revoked token ${oldId} of alice.\n`,
    });

    const server = startStrata(['serve'], { ...env(), PORT: '0' });
    try {
      const url = await untilServing(server);
      const studies = `${url}/dicomweb/radiology/ct/@main/studies`;
      const status = async (headers: Record<string, string>, init: RequestInit = {}) => {
        const response = await fetch(studies, { ...init, headers: { ...headers, ...(init.headers as object) } });
        const body = response.status >= 400 ? ((await response.json()) as { error: { code: string } }) : undefined;
        return [response.status, body?.error.code];
      };
      const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
      expect(await status({})).toEqual([401, 'auth.required']);
      // An empty dataset: 204 to QIDO.
      expect(await status(bearer(tokenIn(alice.output)))).toEqual([204, undefined]);
      expect(await status(bearer(bob))).toEqual([204, undefined]);
      expect(await status(bearer(revoked))).toEqual([401, 'auth.invalid_credentials']);
      const stow = {
        method: 'POST',
        headers: { 'content-type': 'multipart/related; type="application/dicom"; boundary=x' },
        body: '--x--\r\n',
      };
      expect(await status(bearer(bob), stow)).toEqual([403, 'auth.forbidden']);
      expect((await fetch(`${url}/dicomweb/radiology/open/@main/studies`)).status).toBe(204);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }

    expect(await strata('user', 'disable', 'alice')).toEqual({ code: 0, output: 'Disabled user alice.\n' });
    expect((await strata('user', 'list')).output).toContain('alice  alice@example.org  (disabled)\n');
    // Taking people out again: from the team, the team itself, then the organization.
    expect((await strata('org', 'member', 'radiology', 'bob')).code).toBe(0);
    expect(await strata('team', 'remove', 'radiology/readers', 'bob')).toEqual({
      code: 0,
      output: 'Removed bob from team radiology/readers.\n',
    });
    expect(await strata('team', 'delete', 'radiology/readers')).toEqual({
      code: 0,
      output: 'Deleted team radiology/readers; the roles granted to it have ended.\n',
    });
    expect(await strata('org', 'remove', 'radiology', 'bob')).toEqual({
      code: 0,
      output: 'Removed bob from radiology and its teams.\n',
    });
    expect(await strata('org', 'remove', 'radiology', 'bob')).toMatchObject({
      code: 1,
      output: expect.stringContaining('bob is not a member of radiology') as unknown,
    });
    // 28 processes, each opening the embedded database: about 75 s on a quiet machine, and three
    // times that with other suites on the same 2 cores.
  }, 400_000);
});
