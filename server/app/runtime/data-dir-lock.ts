import { readFileSync } from 'node:fs';
import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { StrataError, systemErrorCode } from '@strata/modules/errors';

interface LockOwner {
  pid: number;
  host: string;
  bootId: string;
  startedAt: string;
}

export interface DataDirLock {
  readonly path: string;
  release(): Promise<void>;
}

/**
 * Takes the lock that gives one process the embedded database in `dataDir` (PGlite allows one
 * opener; a second would corrupt it). A lock left by a dead process, or by a process before the
 * machine rebooted, is taken over.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, 'strata.lock');
  const me: LockOwner = { pid: process.pid, host: hostname(), bootId: bootId(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const file = await open(path, 'wx');
      await file.writeFile(JSON.stringify(me));
      await file.sync();
      await file.close();
      return { path, release: () => releaseIfOurs(path, me.pid) };
    } catch (error) {
      if (systemErrorCode(error) !== 'EEXIST') throw error;
      const owner = await readOwner(path);
      if (owner !== undefined && isAlive(owner, me)) {
        throw new StrataError(
          'data_dir.locked',
          'conflict',
          `The data directory ${dataDir} is in use by another Strata process (pid ${owner.pid} on ${owner.host}, ` +
            `since ${owner.startedAt}): stop it first, or point DATA_DIR elsewhere.`,
        );
      }
      await unlink(path).catch(() => undefined);
    }
  }
  throw new StrataError(
    'data_dir.locked',
    'conflict',
    `Could not take the lock ${path}: another process keeps taking it.`,
  );
}

async function readOwner(path: string): Promise<LockOwner | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as LockOwner;
  } catch {
    return undefined; // empty or half-written by a process that died while taking it
  }
}

function isAlive(owner: LockOwner, me: LockOwner): boolean {
  if (owner.host !== me.host) return true; // cannot tell: be safe
  if (owner.bootId !== me.bootId) return false;
  if (owner.pid === me.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return systemErrorCode(error) === 'EPERM';
  }
}

async function releaseIfOurs(path: string, pid: number): Promise<void> {
  const owner = await readOwner(path);
  if (owner?.pid === pid) await unlink(path).catch(() => undefined);
}

function bootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return 'unknown';
  }
}
