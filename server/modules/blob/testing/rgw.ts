// A throwaway Ceph RADOS Gateway for tests: one monitor, one in-memory OSD and radosgw, all on
// 127.0.0.1 with ports free at start, state under one temporary directory. RGW is the S3 server
// here because it enforces what a content-addressed store relies on (conditional create,
// Content-MD5, multipart rules); lighter npm servers do not.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { systemErrorCode } from '../../errors/index.js';

const run = promisify(execFile);

export interface RgwServer {
  /** `http://127.0.0.1:<port>`. */
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Stops the daemons by PID and removes the temporary directory. */
  stop(): Promise<void>;
}

export interface RgwOptions {
  /** How long the whole start may take before it fails; 60 s by default. */
  readyTimeoutMs?: number;
}

/** The binaries used and the Debian package each comes from. */
const BINARIES: Record<string, string> = {
  'ceph-authtool': 'ceph-common',
  ceph: 'ceph-common',
  'radosgw-admin': 'ceph-common',
  monmaptool: 'ceph-base',
  'ceph-mon': 'ceph-mon',
  'ceph-osd': 'ceph-osd',
  radosgw: 'radosgw',
};

/** Starts a fresh RGW; throws with the apt packages to install if Ceph is missing. */
export async function startRgw(options: RgwOptions = {}): Promise<RgwServer> {
  await requireBinaries();
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  const dir = await mkdtemp(join(tmpdir(), 'strata-rgw-'));
  const cluster = new Cluster(dir, deadline);
  try {
    return await cluster.start();
  } catch (error) {
    const logs = await cluster.logTails();
    await cluster.stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not start a test Ceph RGW: ${reason}${logs}`, { cause: error });
  }
}

/** Whether the Ceph binaries RGW needs are on PATH (looked up, not run). */
export function rgwInstalled(): boolean {
  // eslint-disable-next-line no-restricted-properties -- test support looks the binaries up on PATH
  const dirs = (process.env['PATH'] ?? '').split(':');
  return Object.keys(BINARIES).every((bin) => dirs.some((dir) => existsSync(join(dir, bin))));
}

async function requireBinaries(): Promise<void> {
  const missing: string[] = [];
  for (const bin of Object.keys(BINARIES)) {
    await run(bin, ['--version'], { timeout: 10_000 }).catch((error: unknown) => {
      if (systemErrorCode(error) === 'ENOENT') missing.push(bin);
    });
  }
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map((bin) => BINARIES[bin]))].join(' ');
  throw new Error(
    `The S3 driver's tests need a real Ceph RGW, but ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} ` +
      `not installed: run \`apt-get install -y ceph-mon ceph-osd radosgw ceph-common\` (missing packages: ${packages}).`,
  );
}

class Cluster {
  private readonly daemons: ChildProcess[] = [];
  private readonly conf: string;
  private readonly onExit = () => this.killNow();

  constructor(
    private readonly dir: string,
    private readonly deadline: number,
  ) {
    this.conf = join(dir, 'ceph.conf');
  }

  async start(): Promise<RgwServer> {
    // Daemons must not outlive a test process that dies before calling stop().
    process.once('exit', this.onExit);
    const [monPort, rgwPort] = [await freePort(), await freePort()];
    const fsid = randomUUID();
    const keyring = join(this.dir, 'keyring');
    for (const sub of ['run', 'log', 'mon/ceph-a', 'osd/ceph-0', 'rgw']) {
      await mkdir(join(this.dir, sub), { recursive: true });
    }
    await writeFile(this.conf, cephConf(this.dir, fsid, monPort, rgwPort));
    await this.createKeyring(keyring);

    const monmap = join(this.dir, 'monmap');
    await this.tool('monmaptool', ['--create', '--fsid', fsid, '--addv', 'a', `[v2:127.0.0.1:${monPort}]`, monmap]);
    await this.tool('ceph-mon', ['-c', this.conf, '--mkfs', '-i', 'a', '--monmap', monmap, '--keyring', keyring]);
    this.daemon('ceph-mon', ['-c', this.conf, '-f', '-i', 'a']);

    const osdUuid = randomUUID();
    const osdId = (await this.tool('ceph', ['-c', this.conf, '--connect-timeout', '20', 'osd', 'new', osdUuid])).trim();
    await this.tool('ceph-osd', ['-c', this.conf, '--mkfs', '-i', osdId, '--osd-uuid', osdUuid]);
    this.daemon('ceph-osd', ['-c', this.conf, '-f', '-i', osdId]);

    const accessKeyId = `STRATA${randomBytes(7).toString('hex').toUpperCase()}`;
    const secretAccessKey = randomBytes(30).toString('base64url');
    this.daemon('radosgw', ['-c', this.conf, '-f', '-n', 'client.rgw']);
    await this.tool('radosgw-admin', [
      '-c',
      this.conf,
      '-n',
      'client.admin',
      'user',
      'create',
      '--uid',
      'strata-test',
      '--display-name',
      'Strata tests',
      '--access-key',
      accessKeyId,
      '--secret-key',
      secretAccessKey,
    ]);
    const endpoint = `http://127.0.0.1:${rgwPort}`;
    await this.waitForHttp(endpoint);
    return { endpoint, accessKeyId, secretAccessKey, stop: () => this.stop() };
  }

  /** Stops each daemon by its PID, clients before servers, then removes the directory. */
  async stop(): Promise<void> {
    process.removeListener('exit', this.onExit);
    // In reverse start order: an OSD or radosgw whose monitor is gone hangs in shutdown.
    for (const child of [...this.daemons].reverse()) await terminate(child);
    await rm(this.dir, { recursive: true, force: true });
  }

  /** The end of each daemon's log, to explain a failed start. */
  async logTails(): Promise<string> {
    const tails: string[] = [];
    for (const name of ['mon.a', 'osd.0', 'client.rgw']) {
      const log = await readFile(join(this.dir, 'log', `${name}.log`), 'utf8').catch(() => '');
      if (log !== '') tails.push(`\n--- ${name}.log (end) ---\n${log.split('\n').slice(-15).join('\n')}`);
    }
    return tails.join('');
  }

  private killNow(): void {
    for (const child of this.daemons) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }

  private async createKeyring(keyring: string): Promise<void> {
    const entities: [string, string[]][] = [
      ['mon.', ['mon', 'allow *']],
      ['client.admin', ['mon', 'allow *', 'osd', 'allow *', 'mgr', 'allow *']],
      ['osd.0', ['mon', 'allow profile osd', 'osd', 'allow *']],
      ['client.rgw', ['mon', 'allow rw', 'osd', 'allow rwx']],
    ];
    for (const [index, [name, caps]] of entities.entries()) {
      const capArgs = [];
      for (let i = 0; i < caps.length; i += 2) capArgs.push('--cap', caps[i] ?? '', caps[i + 1] ?? '');
      await this.tool('ceph-authtool', [
        ...(index === 0 ? ['--create-keyring'] : []),
        keyring,
        '--gen-key',
        '-n',
        name,
        ...capArgs,
      ]);
    }
  }

  /** Runs a one-shot command, bounded by what is left of the start deadline. */
  private async tool(command: string, args: string[]): Promise<string> {
    const timeout = this.remaining(`${command} ${args.slice(0, 4).join(' ')}`);
    try {
      return (await run(command, args, { timeout, killSignal: 'SIGKILL' })).stdout;
    } catch (error) {
      const { stderr, killed } = error as { stderr?: string; killed?: boolean };
      // Killed by the timeout: the start deadline ran out during this command.
      if (killed === true) throw notReady(command);
      throw new Error(`${command} failed: ${(stderr ?? String(error)).trim().split('\n').slice(-3).join(' | ')}`, {
        cause: error,
      });
    }
  }

  private daemon(command: string, args: string[]): void {
    const child = spawn(command, args, { stdio: 'ignore' });
    child.on('error', () => {});
    this.daemons.push(child);
  }

  private async waitForHttp(endpoint: string): Promise<void> {
    for (;;) {
      this.remaining('waiting for RGW to answer HTTP');
      const dead = this.daemons.find((child) => child.exitCode !== null || child.signalCode !== null);
      if (dead !== undefined)
        throw new Error(`${dead.spawnfile} exited (${dead.exitCode ?? dead.signalCode}) during start`);
      const answered = await fetch(endpoint, { signal: AbortSignal.timeout(2_000) }).then(
        (response) => response.status < 500,
        () => false,
      );
      if (answered) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** Milliseconds left before the deadline; throws a timeout error naming the step once none are. */
  private remaining(step: string): number {
    const left = this.deadline - Date.now();
    if (left <= 0) throw notReady(step);
    return left;
  }
}

function notReady(step: string): Error {
  return new Error(`RGW was not ready in time (stuck at: ${step}); the daemons' logs follow`);
}

function cephConf(dir: string, fsid: string, monPort: number, rgwPort: number): string {
  return `[global]
fsid = ${fsid}
mon host = v2:127.0.0.1:${monPort}
public addr = 127.0.0.1
cluster addr = 127.0.0.1
ms bind ipv6 = false
auth cluster required = cephx
auth service required = cephx
auth client required = cephx
keyring = ${dir}/keyring
run dir = ${dir}/run
pid file = ${dir}/run/$name.pid
admin socket = ${dir}/run/$name.asok
log file = ${dir}/log/$name.log
mon cluster log file = ${dir}/log/cluster.log
crash dir = ${dir}/crash
mon data = ${dir}/mon/$cluster-$id
osd data = ${dir}/osd/$cluster-$id
osd objectstore = memstore
memstore device bytes = 1073741824
osd pool default size = 1
osd pool default min size = 1
mon allow pool size one = true
mon warn on pool no redundancy = false
osd crush chooseleaf type = 0
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
mon max pg per osd = 1000

[client.rgw]
rgw frontends = beast endpoint=127.0.0.1:${rgwPort}
rgw data = ${dir}/rgw
`;
}

/** A TCP port nothing listens on now, as the kernel hands out for port 0. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** SIGTERM, then SIGKILL after a short grace: the cluster is throwaway, a kill loses nothing. */
async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signal(child.pid, 'SIGTERM');
  const timer = setTimeout(() => signal(child.pid, 'SIGKILL'), 2_000);
  await exited;
  clearTimeout(timer);
}

function signal(pid: number | undefined, name: NodeJS.Signals): void {
  try {
    if (pid !== undefined) process.kill(pid, name);
  } catch {
    // Already gone.
  }
}
