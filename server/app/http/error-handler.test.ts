import { writeFile } from 'node:fs/promises';
import { GraphQLError } from 'graphql';
import { pino } from 'pino';
import { formatError } from '@strata/graphql';
import type { VersioningDeps } from '@strata/services/versioning';
import { createHttpServer } from './http-server.js';
import { createMetricsRegistry } from './metrics.js';

/** What writing to Linux's /dev/full fails with: a real ENOSPC. */
const writeToFullDisk = () => writeFile('/dev/full', 'pixel data');

describe('a disk that filled up', () => {
  it('answers 503 storage.full over HTTP, not a 500, and logs it for the operator', async () => {
    const logged: unknown[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
    const app = await createHttpServer({
      logger,
      metrics: createMetricsRegistry(),
      readinessChecks: [],
      isShuttingDown: () => false,
      corsOrigins: false,
      bodyLimit: 1024,
      version: 'test',
      // These requests carry no credentials, so authenticating them never reads the database.
      deps: {} as VersioningDeps,
    });
    app.post('/store', async () => {
      await writeToFullDisk();
      return {};
    });
    app.post('/wrapped', async () => {
      try {
        await writeToFullDisk();
      } catch (error) {
        throw new Error('the commit could not be written', { cause: error });
      }
      return {};
    });
    for (const url of ['/store', '/wrapped']) {
      const response = await app.inject({ method: 'POST', url });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({
        error: { code: 'storage.full', message: expect.stringContaining('out of storage space') as unknown },
      });
    }
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatchObject({ msg: 'out of storage space', err: { code: 'ENOSPC' } });
    await app.close();
  });

  it('is storage.full in GraphQL too', async () => {
    const cause = await writeToFullDisk().then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    const error = new GraphQLError('resolver failed', { originalError: cause });
    expect(formatError(error.toJSON(), error)).toMatchObject({
      message: expect.stringContaining('out of storage space') as unknown,
      extensions: { code: 'storage.full' },
    });
  });
});
