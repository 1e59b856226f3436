// `strata serve` as a process: first start on an empty data directory, shutdown, the data
// directory lock, crashes at any moment of a start, and every way a start can fail.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { repositoryRoot, runStrata, startStrata, untilServing } from '../support/strata-process.js';

jest.setTimeout(180_000);

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'strata-process-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

let counter = 0;
const freshDataDir = () => join(root, `data-${++counter}`);

describe('strata serve (process)', () => {
  it('starts on an empty data directory, is ready, and stops cleanly on SIGTERM', async () => {
    const dataDir = freshDataDir();
    const server = startStrata(['serve'], { DATA_DIR: dataDir, PORT: '0' });
    const url = await untilServing(server);
    const ready = await fetch(`${url}/readyz`);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
    expect(existsSync(join(dataDir, 'strata.lock'))).toBe(true);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('"msg":"strata stopped"');
    expect(existsSync(join(dataDir, 'strata.lock'))).toBe(false);
    expect(existsSync(join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
    expect(existsSync(join(dataDir, 'blobs', 'objects'))).toBe(true);
  });

  it('refuses a second process on the same data directory, and the first keeps serving', async () => {
    const dataDir = freshDataDir();
    const first = startStrata(['serve'], { DATA_DIR: dataDir, PORT: '0' });
    const url = await untilServing(first);
    const second = await runStrata(['serve'], { DATA_DIR: dataDir, PORT: '0' });
    expect(second.code).toBe(1);
    expect(second.output).toMatch(
      new RegExp(
        `^strata: The data directory ${dataDir} is in use by another Strata process \\(pid ${first.child.pid} .*\\n$`,
      ),
    );
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
  });

  it('opens a data directory after a kill -9 at any moment of its first start', async () => {
    // How long a first start takes here, so the kills spread over all of it (initdb, the data
    // directory being written, migrations, listening).
    const timing = startStrata(['serve'], { DATA_DIR: freshDataDir(), PORT: '0' });
    const began = Date.now();
    await untilServing(timing);
    const startMs = Date.now() - began;
    timing.child.kill('SIGTERM');
    await timing.exited;

    for (const fraction of [0.3, 0.6, 0.75, 0.85, 0.95, 1.1]) {
      const dataDir = freshDataDir();
      const victim = startStrata(['serve'], { DATA_DIR: dataDir, PORT: '0' });
      await new Promise((resolve) => setTimeout(resolve, startMs * fraction));
      victim.child.kill('SIGKILL');
      await victim.exited;
      const next = startStrata(['serve'], { DATA_DIR: dataDir, PORT: '0' });
      const url = await untilServing(next);
      expect(await (await fetch(`${url}/readyz`)).json()).toMatchObject({ status: 'ready' });
      next.child.kill('SIGTERM');
      expect(await next.exited).toBe(0);
    }
    // 13 starts of the server, each opening the embedded database and starting the job queue:
    // about 90 s on a quiet machine, and more than twice that when other suites share the 2 cores.
  }, 480_000);

  it('migrates with `strata migrate`, once', async () => {
    const dataDir = freshDataDir();
    const first = await runStrata(['migrate'], { DATA_DIR: dataDir });
    expect(first.code).toBe(0);
    expect(first.output).toMatch(/"applied":\["Migration\d{14}_installation",.*\],"msg":"migrations applied"/);
    const second = await runStrata(['migrate'], { DATA_DIR: dataDir });
    expect(second.output).toContain('"applied":[],"msg":"database is up to date"');
  });

  it('starts with `npm start`, the README command, and stops on SIGTERM', async () => {
    const repository = repositoryRoot();
    const child = spawn('npm', ['start'], {
      cwd: repository,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', DATA_DIR: freshDataDir(), PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, so a failing test can end npm and the server together
    });
    let output = '';
    const exited = new Promise<string>((resolve) =>
      child.on('exit', (code, signal) => resolve(signal ?? String(code))),
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`npm start did not serve:\n${output}`)), 120_000);
        const collect = (chunk: Buffer) => {
          output += chunk.toString();
          const match = /"url":"(http:\/\/[^"]+)","msg":"strata is serving"/.exec(output);
          if (match?.[1] !== undefined) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        };
        child.stdout.on('data', collect);
        child.stderr.on('data', collect);
      });
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      // The web app, built by the same command, on the same origin.
      const home = await fetch(`${url}/`);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('<h1>Datasets</h1>');
      // A process manager signals npm alone: the server must get it too, and stop cleanly.
      child.kill('SIGTERM');
      expect(['0', 'SIGTERM']).toContain(await exited);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(output).toContain('"msg":"strata stopped"');
    } finally {
      try {
        process.kill(-(child.pid ?? 0), 'SIGKILL');
      } catch {
        // the group is already gone
      }
    }
  });

  describe('fails to start with one line saying what to do', () => {
    it('for a damaged embedded database, saying what to do', async () => {
      const dataDir = freshDataDir();
      expect((await runStrata(['migrate'], { DATA_DIR: dataDir })).code).toBe(0);
      await writeFile(join(dataDir, 'pg', 'global', 'pg_control'), randomBytes(100));
      const { code, output } = await runStrata(['serve'], { DATA_DIR: dataDir, PORT: '0' });
      expect(code).toBe(1);
      expect(output.split('\n').filter((line) => line.startsWith('strata:'))).toEqual([
        expect.stringMatching(
          new RegExp(
            `^strata: Cannot open the database \\(PGlite at ${dataDir}/pg\\): .*move it aside and restore it from a backup`,
          ),
        ),
      ]);
      expect(existsSync(join(dataDir, 'strata.lock'))).toBe(false);
    });

    it('for a bad setting, naming the variable', async () => {
      const { code, output } = await runStrata(['serve'], { DATA_DIR: freshDataDir(), PORT: 'http' });
      expect(code).toBe(1);
      expect(output).toBe('strata: Invalid configuration: PORT must be an integer from 0 to 65535, got "http".\n');
    });

    it('for a port in use, leaving the data directory unlocked and intact', async () => {
      const blocker = createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      const address = blocker.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      const dataDir = freshDataDir();
      try {
        const { code, output } = await runStrata(['serve'], { DATA_DIR: dataDir, PORT: String(port) });
        expect(code).toBe(1);
        expect(output.split('\n').filter((line) => line.startsWith('strata:'))).toEqual([
          `strata: Port ${port} on 127.0.0.1 is already in use: stop the other process or set PORT to a free port.`,
        ]);
      } finally {
        blocker.close();
      }
      expect(existsSync(join(dataDir, 'strata.lock'))).toBe(false);
      const again = startStrata(['serve'], { DATA_DIR: dataDir, PORT: '0' });
      await untilServing(again);
      again.child.kill('SIGTERM');
      expect(await again.exited).toBe(0);
    });

    it('for an unreachable DATABASE_URL', async () => {
      const { code, output } = await runStrata(['serve'], {
        DATA_DIR: freshDataDir(),
        PORT: '0',
        DATABASE_URL: 'postgres://strata:secret@127.0.0.1:1/strata',
      });
      expect(code).toBe(1);
      expect(output).toContain(
        'strata: Cannot open the database (PostgreSQL at 127.0.0.1:1/strata): connection refused: start the server or fix DATABASE_URL.\n',
      );
      expect(output).not.toContain('secret');
    });

    it('for a blob directory that cannot be written', async () => {
      const file = join(root, 'not-a-directory');
      await writeFile(file, 'x');
      const { code, output } = await runStrata(['serve'], {
        DATA_DIR: freshDataDir(),
        PORT: '0',
        BLOB_STORE: join(file, 'blobs'),
      });
      expect(code).toBe(1);
      expect(output).toContain(`strata: The blob directory ${join(file, 'blobs')} is not writable (ENOTDIR)`);
    });

    it('for a Node.js older than 22, pointing at npm', async () => {
      const systemNode = '/usr/bin/node';
      const version = existsSync(systemNode) ? execFileSync(systemNode, ['--version']).toString().trim() : 'absent';
      // This machine's system Node is 20, the case this guard exists for; elsewhere there is nothing to run it with.
      if (!/^v(1\d|2[01])\./.test(version)) return;
      const { code, output } = await runStrata(['serve'], { DATA_DIR: freshDataDir() }, systemNode);
      expect(code).toBe(1);
      expect(output).toMatch(/^strata: Node\.js 2\d\.\d+\.\d+ is too old \(Strata needs 24\)\. Run it through npm/);
    });
  });
});
