import { useVersioningFixture } from '../testing/versioning-fixture.js';
import {
  OPERATOR,
  authenticate,
  createToken,
  createUser,
  grantRole,
  revokeToken,
  setUserDisabled,
  setVisibility,
} from '../access/index.js';
import { createDataset } from '../versioning/index.js';
import { latestEvents, verifyAudit } from './audit.js';

const fixture = useVersioningFixture('audit');
const ada = { name: 'Ada', email: 'ada@example.org' };

async function sql(text: string, values: unknown[] = []) {
  return fixture.database.orm.em.getConnection().execute(text, values, 'run');
}

describe('the audit log', () => {
  it('records access changes in the transaction that makes them, chained, and names who made them', async () => {
    await createDataset(fixture.deps, 'lab/ct', ada);
    await createUser(fixture.deps, OPERATOR, { login: 'ada', email: 'ada@example.org', siteAdmin: true });
    const { token, record } = await createToken(fixture.deps, OPERATOR, { login: 'ada', name: 'cli', scope: 'admin' });
    const asAda = await authenticate(fixture.deps, { kind: 'token', token });
    await createUser(fixture.deps, asAda, { login: 'bob', email: 'bob@example.org' });
    await grantRole(fixture.deps, asAda, 'lab/ct', 'bob', 'read');
    await setVisibility(fixture.deps, asAda, 'lab/ct', 'internal');
    await setUserDisabled(fixture.deps, asAda, 'bob', true);
    await revokeToken(fixture.deps, OPERATOR, record.id, 'ada');
    // A refused change leaves no event.
    await expect(createUser(fixture.deps, asAda, { login: 'bob', email: 'other@example.org' })).rejects.toThrow();
    const events = (await latestEvents(fixture.deps, OPERATOR, 100)).reverse();
    expect(
      events.map((event) => [event.seq, event.actorLogin ?? event.actorKind, event.action, event.subject]),
    ).toEqual([
      [1, 'operator', 'user.created', 'user:ada'],
      [2, 'operator', 'token.created', `token:${record.prefix}`],
      [3, 'ada', 'user.created', 'user:bob'],
      [4, 'ada', 'dataset.role_granted', 'lab/ct'],
      [5, 'ada', 'dataset.visibility_set', 'lab/ct'],
      [6, 'ada', 'user.disabled', 'user:bob'],
      [7, 'operator', 'token.revoked', `token:${record.id}`],
    ]);
    expect(events[2]?.tokenId).toBe(record.id);
    expect(JSON.parse(events[4]?.data ?? '')).toEqual({ from: 'private', to: 'internal' });
    expect(events.some((event) => event.data.includes(token))).toBe(false);
    expect(await verifyAudit(fixture.deps)).toEqual({
      events: 7,
      head: Buffer.from(events[6]?.hash ?? []).toString('hex'),
    });
    expect((await latestEvents(fixture.deps, OPERATOR, 10, 'lab/ct')).map((event) => event.seq)).toEqual([5, 4]);
    await expect(latestEvents(fixture.deps, asAda, 10)).resolves.toHaveLength(7);
  });

  it('finds an event edited, removed or appended behind its back', async () => {
    const before = await verifyAudit(fixture.deps);
    expect(before.broken).toBeUndefined();
    await sql(`update audit_event set data = '{"role":"admin"}' where seq = 4`);
    expect((await verifyAudit(fixture.deps)).broken).toEqual({ seq: 4, reason: 'hash does not match the event' });
    const [row] = await fixture.database.orm.em
      .getConnection()
      .execute<{ data: string }[]>('select data from audit_event where seq = 4');
    expect(row?.data).toBe('{"role":"admin"}');
    await sql(`update audit_event set data = ? where seq = 4`, [JSON.stringify({ grantee: 'bob', role: 'read' })]);
    expect((await verifyAudit(fixture.deps)).broken).toBeUndefined();
    await sql('delete from audit_event where seq = 7');
    expect((await verifyAudit(fixture.deps)).broken).toEqual({
      seq: 7,
      reason: 'the head does not match the last event',
    });
    await sql('delete from audit_event where seq = 3');
    expect((await verifyAudit(fixture.deps)).broken).toEqual({ seq: 3, reason: 'missing event' });
  });

  it('keeps one chain when writers append at the same time', async () => {
    await sql('delete from audit_event');
    await sql(`update audit_head set seq = 0, hash = decode(repeat('00', 32), 'hex')`);
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        createUser(fixture.deps, OPERATOR, { login: `user${i}`, email: `user${i}@example.org` }),
      ),
    );
    const result = await verifyAudit(fixture.deps);
    expect(result).toMatchObject({ events: 12 });
    expect(result.broken).toBeUndefined();
  });
});
