// Who may do what over DICOMweb and GraphQL (docs/design/access.md): every kind of actor against a
// public, an internal and a private dataset, for QIDO-RS, WADO-RS and STOW-RS, and a GraphQL read
// and write, through a real server (the CLI acts as the operator: tests/process/access-cli).
// The exact status and code of each answer; a private dataset's existence is never disclosed.
import { createDataset } from '@strata/services/versioning';
import { createToken, createUser, grantRole, OPERATOR, revokeToken, setUserDisabled } from '@strata/services/access';
import type { Role, Visibility } from '@strata/models';
import { startDicomwebFixture, type DicomwebFixture } from '../support/dicomweb-fixture.js';
import { syntheticSlice } from '../support/synthetic-dicom.js';

type Operation = 'QIDO' | 'WADO' | 'STOW';
type Answer = [number, string | undefined];

const VISIBILITIES: Visibility[] = ['public', 'internal', 'private'];
const STUDY = '1.2.826.0.1.3680043.10.88.1';
const SERIES = `${STUDY}.1`;
const SOP = `${SERIES}.1`;
const CHALLENGE = 'Bearer realm="strata", Basic realm="strata"';

let fixture: DicomwebFixture;
/** The Authorization header each actor sends (none: anonymous). */
const headers = new Map<string, Record<string, string>>();
let stows = 0;

const OK: Answer = [200, undefined];
const CREATED: Answer = [200, undefined];
const REQUIRED: Answer = [401, 'auth.required'];
const INVALID: Answer = [401, 'auth.invalid_credentials'];
const FORBIDDEN: Answer = [403, 'auth.forbidden'];
const HIDDEN: Answer = [404, 'dataset.not_found'];

/** Expected answers: actor → visibility → [QIDO, WADO, STOW]. */
const EXPECTED: Record<string, Record<Visibility, [Answer, Answer, Answer]>> = {
  anonymous: {
    public: [OK, OK, FORBIDDEN],
    internal: [REQUIRED, REQUIRED, REQUIRED],
    private: [REQUIRED, REQUIRED, REQUIRED],
  },
  'signed-in non-member': {
    public: [OK, OK, FORBIDDEN],
    internal: [OK, OK, FORBIDDEN],
    private: [HIDDEN, HIDDEN, HIDDEN],
  },
  'read collaborator': {
    public: [OK, OK, FORBIDDEN],
    internal: [OK, OK, FORBIDDEN],
    private: [OK, OK, FORBIDDEN],
  },
  'write collaborator': {
    public: [OK, OK, CREATED],
    internal: [OK, OK, CREATED],
    private: [OK, OK, CREATED],
  },
  'write collaborator over HTTP Basic (a PACS)': {
    public: [OK, OK, CREATED],
    internal: [OK, OK, CREATED],
    private: [OK, OK, CREATED],
  },
  admin: {
    public: [OK, OK, CREATED],
    internal: [OK, OK, CREATED],
    private: [OK, OK, CREATED],
  },
  'read-scoped token of a write collaborator': {
    public: [OK, OK, FORBIDDEN],
    internal: [OK, OK, FORBIDDEN],
    private: [OK, OK, FORBIDDEN],
  },
  'token for another dataset': {
    public: [HIDDEN, HIDDEN, HIDDEN],
    internal: [HIDDEN, HIDDEN, HIDDEN],
    private: [HIDDEN, HIDDEN, HIDDEN],
  },
  'revoked token': {
    public: [INVALID, INVALID, INVALID],
    internal: [INVALID, INVALID, INVALID],
    private: [INVALID, INVALID, INVALID],
  },
};

const base = (visibility: Visibility) => `${fixture.server.url}/dicomweb/matrix/${visibility}/@main`;

function stowBody(): Buffer {
  const n = ++stows;
  const file = syntheticSlice({
    studyUid: STUDY,
    seriesUid: SERIES,
    sopUid: `${SERIES}.${n + 1}`,
    patientName: 'MATRIX^STOW',
    patientId: 'M1',
    studyDate: '20260101',
    instanceNumber: n + 1,
    size: 4,
    seed: n,
  });
  return Buffer.concat([
    Buffer.from('--m\r\nContent-Type: application/dicom\r\n\r\n'),
    file,
    Buffer.from('\r\n--m--\r\n'),
  ]);
}

async function request(operation: Operation, visibility: Visibility, auth: Record<string, string>) {
  switch (operation) {
    case 'QIDO':
      return fetch(`${base(visibility)}/studies`, { headers: { ...auth, accept: 'application/dicom+json' } });
    case 'WADO':
      return fetch(`${base(visibility)}/studies/${STUDY}/series/${SERIES}/instances/${SOP}`, {
        headers: { ...auth, accept: 'multipart/related; type="application/dicom"' },
      });
    case 'STOW':
      return fetch(`${base(visibility)}/studies`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'multipart/related; type="application/dicom"; boundary=m' },
        body: stowBody(),
      });
  }
}

async function userWithToken(login: string, role: 'read' | 'write' | 'admin' | undefined, scope: Role = 'write') {
  await createUser(fixture.deps, OPERATOR, { login, email: `${login}@example.org` });
  for (const visibility of VISIBILITIES) {
    if (role !== undefined) await grantRole(fixture.deps, OPERATOR, `matrix/${visibility}`, login, role);
  }
  return createToken(fixture.deps, OPERATOR, { login, name: 'matrix', scope });
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  fixture = await startDicomwebFixture();
  const author = { name: 'Ada', email: 'ada@example.org' };
  for (const visibility of VISIBILITIES) {
    await createDataset(fixture.deps, `matrix/${visibility}`, author, { visibility });
  }
  await createDataset(fixture.deps, 'matrix/other', author, { visibility: 'private' });
  const writer = await userWithToken('matrix-seeder', 'write');
  for (const visibility of VISIBILITIES) {
    const seed = syntheticSlice({
      studyUid: STUDY,
      seriesUid: SERIES,
      sopUid: SOP,
      patientName: 'MATRIX^SEED',
      patientId: 'M1',
      studyDate: '20260101',
      instanceNumber: 1,
      size: 4,
      seed: 0,
    });
    const seeded = await fetch(`${base(visibility)}/studies`, {
      method: 'POST',
      headers: { ...bearer(writer.token), 'content-type': 'multipart/related; type="application/dicom"; boundary=m' },
      body: Buffer.concat([
        Buffer.from('--m\r\nContent-Type: application/dicom\r\n\r\n'),
        seed,
        Buffer.from('\r\n--m--\r\n'),
      ]),
    });
    expect(seeded.status).toBe(200);
  }
  headers.set('anonymous', {});
  headers.set('signed-in non-member', bearer((await userWithToken('matrix-outsider', undefined)).token));
  headers.set('read collaborator', bearer((await userWithToken('matrix-reader', 'read')).token));
  headers.set('write collaborator', bearer((await userWithToken('matrix-writer', 'write')).token));
  const pacs = await userWithToken('matrix-pacs', 'write');
  headers.set('write collaborator over HTTP Basic (a PACS)', {
    authorization: `Basic ${Buffer.from(`any-user:${pacs.token}`).toString('base64')}`,
  });
  headers.set('admin', bearer((await userWithToken('matrix-admin', 'admin', 'admin')).token));
  await createUser(fixture.deps, OPERATOR, { login: 'matrix-scoped', email: 'matrix-scoped@example.org' });
  for (const visibility of VISIBILITIES) {
    await grantRole(fixture.deps, OPERATOR, `matrix/${visibility}`, 'matrix-scoped', 'write');
  }
  const scoped = await createToken(fixture.deps, OPERATOR, { login: 'matrix-scoped', name: 'ro', scope: 'read' });
  headers.set('read-scoped token of a write collaborator', bearer(scoped.token));
  const elsewhere = await createToken(fixture.deps, OPERATOR, {
    login: 'matrix-scoped',
    name: 'other',
    scope: 'write',
    dataset: 'matrix/other',
  });
  headers.set('token for another dataset', bearer(elsewhere.token));
  const revoked = await userWithToken('matrix-revoked', 'admin');
  await revokeToken(fixture.deps, OPERATOR, revoked.record.id, 'matrix-revoked');
  headers.set('revoked token', bearer(revoked.token));
}, 120_000);

afterAll(() => fixture.stop());

const rows = Object.entries(EXPECTED).flatMap(([actor, byVisibility]) =>
  VISIBILITIES.flatMap((visibility) =>
    (['QIDO', 'WADO', 'STOW'] as const).map(
      (operation, i) => [actor, visibility, operation, byVisibility[visibility][i] as Answer] as const,
    ),
  ),
);

describe('the permission matrix over DICOMweb', () => {
  it.each(rows)('%s, %s dataset, %s', async (actor, visibility, operation, [status, code]) => {
    const response = await request(operation, visibility, headers.get(actor) ?? {});
    const body = status >= 400 ? ((await response.json()) as { error: { code: string } }) : undefined;
    if (body === undefined) await response.arrayBuffer();
    expect({ status: response.status, code: body?.error.code }).toEqual({ status, code });
    expect(response.headers.get('www-authenticate')).toBe(status === 401 ? CHALLENGE : null);
  });
});

let branches = 0;

/** GraphQL: a read of the dataset, or a write (creating a branch), with the answer as [status, code]. */
async function graphqlAnswer(kind: 'read' | 'write', visibility: Visibility, auth: Record<string, string>) {
  const query =
    kind === 'read'
      ? `{ dataset(owner: "matrix", name: "${visibility}") { fullName history(first: 1) { nodes { id } } } }`
      : `mutation { createBranch(dataset: "matrix/${visibility}", name: "matrix-${++branches}") { name } }`;
  const response = await fetch(`${fixture.server.url}/graphql`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as {
    data?: unknown;
    errors?: { extensions?: { code?: string } }[];
    error?: { code: string };
  };
  // Credentials are refused before GraphQL runs (HTTP 401, as everywhere); decisions about the
  // dataset are GraphQL errors with the same codes.
  if (response.status !== 200) return { status: response.status, code: body.error?.code };
  const code = body.errors?.[0]?.extensions?.code;
  return { status: code === undefined ? 200 : STATUS_OF[code], code };
}

const STATUS_OF: Record<string, number> = {
  'auth.required': 401,
  'auth.forbidden': 403,
  'dataset.not_found': 404,
};

describe('the same matrix over GraphQL (reads as QIDO, writes as STOW)', () => {
  const graphqlRows = Object.entries(EXPECTED).flatMap(([actor, byVisibility]) =>
    VISIBILITIES.flatMap((visibility) => [
      [actor, visibility, 'read', byVisibility[visibility][0]] as const,
      [actor, visibility, 'write', byVisibility[visibility][2]] as const,
    ]),
  );
  it.each(graphqlRows)('%s, %s dataset, %s', async (actor, visibility, kind, [status, code]) => {
    expect(await graphqlAnswer(kind, visibility, headers.get(actor) ?? {})).toEqual({ status, code });
  });
});

describe('commits made over DICOMweb', () => {
  it('are authored by the signed-in user who made them', async () => {
    const response = await fetch(`${fixture.server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ dataset(owner: "matrix", name: "public") { commit(rev: "main") { author { name email } } } }',
      }),
    });
    const body = (await response.json()) as { data: { dataset: { commit: { author: unknown } } } };
    // The last commit on main is the last STOW of the matrix above, by one of its writers.
    expect(body.data.dataset.commit.author).toEqual({
      name: expect.stringMatching(/^matrix-(pacs|writer|admin|seeder)$/),
      email: expect.stringMatching(/^matrix-(pacs|writer|admin|seeder)@example\.org$/),
    });
  });
});

describe('credentials on DICOMweb', () => {
  it('answers a dataset that does not exist exactly as a private one', async () => {
    const anonymous = await fetch(`${fixture.server.url}/dicomweb/matrix/nothing/@main/studies`);
    expect([anonymous.status, ((await anonymous.json()) as { error: { code: string } }).error.code]).toEqual([
      401,
      'auth.required',
    ]);
    const outsider = await fetch(`${fixture.server.url}/dicomweb/matrix/nothing/@main/studies`, {
      headers: headers.get('signed-in non-member') ?? {},
    });
    const body = (await outsider.json()) as { error: { code: string; message: string } };
    const hidden = await fetch(`${base('private')}/studies`, { headers: headers.get('signed-in non-member') ?? {} });
    const hiddenBody = (await hidden.json()) as { error: { code: string; message: string } };
    expect([outsider.status, body.error.code]).toEqual([hidden.status, hiddenBody.error.code]);
  });

  it('refuses malformed credentials, unknown schemes and disabled users with 401, never as anonymous', async () => {
    const user = await userWithToken('matrix-disabled', 'read');
    for (const authorization of [
      'Bearer not-a-token',
      'Bearer strata_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      'Basic !!!',
      `Basic ${Buffer.from('no-colon').toString('base64')}`,
      'Digest username="x"',
    ]) {
      const response = await fetch(`${base('public')}/studies`, { headers: { authorization } });
      expect({ authorization, status: response.status }).toEqual({ authorization, status: 401 });
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('auth.invalid_credentials');
    }
    expect((await fetch(`${base('private')}/studies`, { headers: bearer(user.token) })).status).toBe(200);
    await setUserDisabled(fixture.deps, OPERATOR, 'matrix-disabled', true);
    expect((await fetch(`${base('private')}/studies`, { headers: bearer(user.token) })).status).toBe(401);
  });

  it("does not serve another dataset's commit under this dataset's URL", async () => {
    // fixture.head is a commit of lab/ct (public); under matrix/public it is no version at all.
    const response = await fetch(`${fixture.server.url}/dicomweb/matrix/public/@${fixture.head}/studies`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('ref.not_found');
    expect((await fetch(`${fixture.server.url}/dicomweb/lab/ct/@${fixture.head}/studies`)).status).toBe(200);
  });

  it('authenticates the web session cookie, and refuses an unknown one', async () => {
    const response = await fetch(`${base('private')}/studies`, { headers: { cookie: 'strata_session=forged' } });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('auth.invalid_credentials');
  });

  it('lets a CORS preflight through without credentials, on a private dataset too', async () => {
    const response = await fetch(`${base('private')}/studies`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://viewer.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toMatch(/authorization/);
  });
});
