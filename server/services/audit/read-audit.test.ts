import { createUser, authenticate, createToken, OPERATOR, type Actor } from '../access/index.js';
import { useVersioningFixture } from '../testing/versioning-fixture.js';
import { createDataset } from '../versioning/index.js';
import { latestEvents, verifyAudit } from './audit.js';
import { ReadAuditor, type DataRead } from './read-audit.js';

const fixture = useVersioningFixture('read-audit');
const ANONYMOUS: Actor = { kind: 'anonymous' };

describe('ReadAuditor', () => {
  it('appends one data.read event per reader, dataset, commit, address and purpose, chained like every event', async () => {
    const dataset = await createDataset(fixture.deps, 'lab/reads', { name: 'Ada', email: 'ada@example.org' });
    await createUser(fixture.deps, OPERATOR, { login: 'reader', email: 'reader@example.org' });
    const { token } = await createToken(fixture.deps, OPERATOR, { login: 'reader', name: 't', scope: 'read' });
    const reader = await authenticate(fixture.deps, { kind: 'token', token });
    const errors: unknown[] = [];
    const auditor = new ReadAuditor(fixture.deps, { flushMs: 60_000, onError: (error) => errors.push(error) });
    const read = (actor: Actor, resource: string, study?: string, purpose?: string): DataRead => ({
      actor,
      dataset: 'lab/reads',
      commit: 'c0ffee',
      resource,
      ...(study !== undefined && { study }),
      ip: '127.0.0.1',
      ...(purpose !== undefined && { purpose }),
      at: new Date(),
    });
    auditor.record(read(reader, 'qido'));
    for (let frame = 0; frame < 40; frame++) auditor.record(read(reader, 'frames', '1.2.3'));
    auditor.record(read(reader, 'metadata', '1.2.4'));
    auditor.record(read(reader, 'qido', undefined, 'IRB-2026-17'));
    auditor.record(read(ANONYMOUS, 'thumbnail', '1.2.3'));
    for (let study = 0; study < 105; study++) auditor.record(read(ANONYMOUS, 'instances', `9.${study}`));
    await auditor.close();
    expect(errors).toEqual([]);

    const events = (await latestEvents(fixture.deps, OPERATOR, 10, 'lab/reads')).filter(
      (e) => e.action === 'data.read',
    );
    expect(events).toHaveLength(3);
    const byKey = (login: string | null, purpose: string | null) =>
      events.find(
        (e) => e.actorLogin === login && (JSON.parse(e.data) as { purpose: string | null }).purpose === purpose,
      );
    const plain = JSON.parse(byKey('reader', null)?.data ?? '{}') as Record<string, unknown>;
    expect(plain).toMatchObject({
      commit: 'c0ffee',
      ip: '127.0.0.1',
      requests: 42,
      resources: { qido: 1, frames: 40, metadata: 1 },
      studies: ['1.2.3', '1.2.4'],
    });
    expect(byKey('reader', null)).toMatchObject({ datasetId: dataset.id, subject: 'lab/reads@c0ffee' });
    expect(JSON.parse(byKey('reader', 'IRB-2026-17')?.data ?? '{}')).toMatchObject({ requests: 1 });
    const anonymous = JSON.parse(byKey(null, null)?.data ?? '{}') as { studies: string[]; moreStudies: number };
    expect(anonymous.studies).toHaveLength(100);
    expect(anonymous.moreStudies).toBe(6);
    expect((await verifyAudit(fixture.deps)).broken).toBeUndefined();
    // Nothing left: a second flush writes nothing.
    const before = (await latestEvents(fixture.deps, OPERATOR, 1))[0]?.seq;
    await auditor.flush();
    expect((await latestEvents(fixture.deps, OPERATOR, 1))[0]?.seq).toBe(before);
  });
});
