import { writeFile } from 'node:fs/promises';
import { StrataError, storageFullOf } from './index.js';

/** A real ENOSPC: Linux's /dev/full refuses every write with it. */
async function noSpace(): Promise<unknown> {
  return writeFile('/dev/full', 'pixel data').then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('storageFullOf', () => {
  it('turns a write refused for want of space into storage.full (503), whatever wraps it', async () => {
    const error = await noSpace();
    expect(error).toMatchObject({ code: 'ENOSPC' });
    const full = storageFullOf(error);
    expect(full).toBeInstanceOf(StrataError);
    expect(full).toMatchObject({ code: 'storage.full', kind: 'unavailable' });
    expect(full?.cause).toBe(error);
    const wrapped = new Error('the pack could not be finished', { cause: new Error('write failed', { cause: error }) });
    expect(storageFullOf(wrapped)).toMatchObject({ code: 'storage.full' });
    // PostgreSQL's disk_full, as its drivers report the SQLSTATE.
    expect(storageFullOf(Object.assign(new Error('could not extend file'), { code: '53100' }))).toMatchObject({
      code: 'storage.full',
    });
  });

  it('leaves every other error alone', () => {
    expect(storageFullOf(Object.assign(new Error('gone'), { code: 'ENOENT' }))).toBeUndefined();
    expect(storageFullOf(new Error('plain'))).toBeUndefined();
    expect(storageFullOf('a string')).toBeUndefined();
    expect(storageFullOf(undefined)).toBeUndefined();
  });
});
