// A throwaway Orthanc (Debian's 1.10 with its DICOMweb plugin): the reference server and the
// peer that benchmarks run beside Strata. Everything under one temporary directory; it listens
// on free ports and accepts requests from this machine only.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

const BINARY = '/usr/sbin/Orthanc';
const DICOMWEB_PLUGIN = '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';

export interface OrthancServer {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Its DICOMweb root, e.g. `http://127.0.0.1:<port>/dicom-web`. */
  dicomWeb: string;
  dicomPort: number;
  aeTitle: string;
  /** Its process id (a benchmark reads its CPU time from /proc). */
  pid: number | undefined;
  /** The end of what Orthanc has written to stderr (its errors and warnings). */
  log(): string;
  stop(): Promise<void>;
}

/** Whether Debian's Orthanc and its DICOMweb plugin are installed. */
export function orthancInstalled(): boolean {
  return existsSync(BINARY) && existsSync(DICOMWEB_PLUGIN);
}

export interface OrthancOptions {
  readyTimeoutMs?: number;
  /**
   * DICOMweb servers Orthanc may send to (`DicomWeb.Servers`): name → base URL (ending in `/`),
   * or the URL with the HTTP Basic user name and password Orthanc sends (a Strata token as password).
   */
  dicomWebServers?: Record<string, string | { url: string; username: string; password: string }>;
}

/** Starts Orthanc; throws naming the apt packages if it is not installed. */
export async function startOrthanc(options: OrthancOptions = {}): Promise<OrthancServer> {
  if (!orthancInstalled()) {
    throw new Error('Orthanc is not installed: apt-get install orthanc orthanc-dicomweb');
  }
  const dir = await mkdtemp(join(tmpdir(), 'strata-orthanc-'));
  const [httpPort, dicomPort] = [await freePort(), await freePort()];
  const aeTitle = 'ORTHANCPEER';
  const config = {
    Name: 'strata-peer',
    StorageDirectory: join(dir, 'storage'),
    IndexDirectory: join(dir, 'index'),
    HttpPort: httpPort,
    DicomPort: dicomPort,
    DicomAet: aeTitle,
    RemoteAccessAllowed: false,
    AuthenticationEnabled: false,
    StorageCompression: false,
    Plugins: [DICOMWEB_PLUGIN],
    DicomWeb: {
      Enable: true,
      Root: '/dicom-web/',
      EnableWado: true,
      Ssl: false,
      Servers: Object.fromEntries(
        Object.entries(options.dicomWebServers ?? {}).map(([name, server]) => [
          name,
          typeof server === 'string' ? [server] : [server.url, server.username, server.password],
        ]),
      ),
    },
    DicomModalities: {},
  };
  await writeFile(join(dir, 'orthanc.json'), JSON.stringify(config, null, 2));
  const child: ChildProcess = spawn(BINARY, [join(dir, 'orthanc.json')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = `http://127.0.0.1:${httpPort}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 10_000)))]);
    // A pending timer would keep Jest from exiting for ten seconds after the suite.
    clearTimeout(timer);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  for (;;) {
    try {
      const response = await fetch(`${url}/system`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`Orthanc did not start:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, dicomWeb: `${url}/dicom-web`, dicomPort, aeTitle, pid: child.pid, log: () => log, stop };
}

/** What Orthanc answers to `POST /instances`: its ids of the instance and of its parents. */
export interface OrthancStored {
  ID: string;
  ParentSeries: string;
  ParentStudy: string;
  ParentPatient: string;
  Status: string;
}

/** Stores a DICOM file in Orthanc over its REST API (`POST /instances`). */
export async function storeInOrthanc(orthanc: OrthancServer, bytes: Uint8Array): Promise<OrthancStored> {
  const response = await fetch(`${orthanc.url}/instances`, { method: 'POST', body: bytes });
  if (!response.ok) throw new Error(`Orthanc refused the file: ${response.status} ${await response.text()}`);
  return (await response.json()) as OrthancStored;
}
