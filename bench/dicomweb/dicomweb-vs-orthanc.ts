// DICOMweb side by side with Orthanc (issue #4), one command:
//   npm run bench:dicomweb              (Strata on PGlite; DATABASE_URL=… for PostgreSQL)
// Both servers run on this machine with the same files, each in its own process beside this
// client: `strata serve` (the built CLI) and Debian's Orthanc 1.10 with its DICOMweb plugin. Rows: STOW-RS of 1,000 real-size CT
// slices (1 and 8 concurrent clients), QIDO-RS study search at 10,000 studies, series metadata of
// a 500-instance series, WADO-RS retrieve of that series, frames of that series 6 at a time, and
// rendered 128² thumbnails. Each row prints both figures and the ratio (goal: Strata ahead on every row);
// the STOW rows also print the CPU time per instance of each server and of this client.
// The series retrieve is read by curl: Node's fetch, counting bytes and keeping none, took 1.3–1.6
// cores and capped both servers at 600–800 MB/s, where curl reads 1.6–1.9 GB/s from them. STOW-RS
// bodies go out through node:http for the same reason (see `stow`).
import { execFile } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestTarget } from '@strata/models/testing';
import { runStrata, startOrthanc, startStrata, syntheticSlice, untilServing } from '@strata/tests/support';
import { withCpu } from '../support/process-cpu.js';

const CT_COUNT = 1000;
const STUDIES = 10_000;
const QUERY_RUNS = 100;
/** Series retrieves per server (about 0.15 s each). */
const RETRIEVE_RUNS = 10;
const root = await mkdtemp(join(tmpdir(), 'strata-bench-dicomweb-'));
const usePostgres = process.env['DATABASE_URL'] !== undefined;
const target = usePostgres ? await createTestTarget() : undefined;
const env: Record<string, string> = {
  DATA_DIR: join(root, 'data'),
  PORT: '0',
  SHUTDOWN_TIMEOUT: '1',
  ...(target?.target.kind === 'postgresql' && { DATABASE_URL: target.target.url }),
};
// Reads are anonymous on both sides (a public dataset); Strata's writes carry a write token.
const strataCli = async (...args: string[]) => {
  const run = await runStrata(args, env);
  if (run.code !== 0) throw new Error(`strata ${args.join(' ')}: ${run.output}`);
  return run.output;
};
await strataCli('dataset', 'create', 'bench/ct', '--visibility', 'public');
// Not `bench`: creating bench/ct made `bench` an organization, and logins are one namespace.
await strataCli('user', 'add', 'bench-writer', '--email', 'bench-writer@example.org');
await strataCli('dataset', 'grant', 'bench/ct', 'bench-writer', 'write');
const writeToken = /strata_[A-Za-z0-9_-]{40}/.exec(
  await strataCli('token', 'add', 'bench-writer', 'stow', '--scope', 'write'),
)?.[0];
const strataWriter = { authorization: `Bearer ${writeToken ?? ''}` };
const server = startStrata(['serve'], env);
const strataUrl = await untilServing(server);
const orthanc = await startOrthanc();
const strataBase = `${strataUrl}/dicomweb/bench/ct/@main`;

/** `count` CT slices of one study in two series, `size`² 16-bit pixels, UIDs under `root`. */
function slices(uidRoot: string, count: number, size: number, seed: number): Buffer[] {
  return Array.from({ length: count }, (_, i) => {
    const series = i < count / 2 ? 1 : 2;
    return syntheticSlice({
      studyUid: uidRoot,
      seriesUid: `${uidRoot}.${series}`,
      sopUid: `${uidRoot}.${series}.${i + 1}`,
      patientName: 'BENCH^PATIENT',
      patientId: 'B001',
      studyDate: '20260101',
      instanceNumber: i + 1,
      size,
      seed: seed + i,
    });
  });
}

function multipartBody(files: Buffer[], boundary: string): Buffer {
  const chunks: Buffer[] = [];
  for (const file of files)
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`), file, Buffer.from('\r\n'));
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/**
 * The boundary of every STOW-RS body, for both servers: a 36-character GUID, as dicomweb-client
 * (OHIF's STOW-RS client) makes them. A 5-character one, used until 2026-11-24, made finding the
 * delimiter in 512 KiB of pixel data take about 4 times as long (0.21 against 0.05 ms on this
 * machine), which no real client asks of a server.
 */
const BOUNDARY = 'b3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

/** POSTs `body` on a keep-alive connection of `agent`; resolves with the response once read, rejects unless 200. */
function post(agent: Agent, url: URL, body: Buffer, headers: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': String(body.length) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () =>
          response.statusCode === 200
            ? resolve()
            : reject(new Error(`STOW to ${url.href}: ${response.statusCode} ${Buffer.concat(chunks).toString()}`)),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** The STOW-RS request bodies of `files`, `perRequest` instances each. */
function requestBodies(files: Buffer[], perRequest: number): Buffer[] {
  const bodies: Buffer[] = [];
  for (let i = 0; i < files.length; i += perRequest)
    bodies.push(multipartBody(files.slice(i, i + perRequest), BOUNDARY));
  return bodies;
}

/**
 * This client's own garbage (the slices it made, the bodies) collected now, before a row's clock
 * and CPU count start, not during the row: whichever server went first paid for it otherwise
 * (npm run bench:dicomweb exposes gc).
 */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * STOW-RS of prebuilt `bodies` from `clients` clients at once; seconds. The bodies are sent by
 * node:http, each written to its socket as it is: Node's fetch copied every 13 MB body twice on
 * the way out, and this client then spent 1.0–3.0 ms of CPU per instance (half of it collecting
 * that garbage) on the same two cores as the server it measured (2026-11-25).
 */
async function stow(
  url: string,
  bodies: Buffer[],
  clients: number,
  auth: Record<string, string> = {},
): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const target = new URL(`${url}/studies`);
  const headers = {
    ...auth,
    'content-type': `multipart/related; type="application/dicom"; boundary=${BOUNDARY}`,
    accept: 'application/dicom+json',
  };
  let next = 0;
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < bodies.length) await post(agent, target, bodies[next++] ?? Buffer.alloc(0), headers);
      }),
    );
    return (performance.now() - started) / 1000;
  } finally {
    agent.destroy();
  }
}

/** What `work` returns, with the CPU time (ms) spent meanwhile by the server `pid` and by this client. */
async function cpuOfRow<T>(
  pid: number | undefined,
  work: () => Promise<T>,
): Promise<{ result: T; serverMs: number; clientMs: number }> {
  if (pid === undefined) throw new Error('The server has no process id: it did not start.');
  const client = process.cpuUsage();
  const { result, cpuMs } = await withCpu(pid, work);
  const { user, system } = process.cpuUsage(client);
  return { result, serverMs: cpuMs, clientMs: (user + system) / 1000 };
}

async function timedRuns(runs: number, work: () => Promise<void>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 5; i++) await work();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(runs / 2)] ?? NaN, p95: ms[Math.floor(runs * 0.95)] ?? NaN };
}

/**
 * GETs `url` and counts the body's bytes as they arrive, keeping none: gathering a 262 MB series
 * into one ArrayBuffer made the client, not the server, the limit (30–80 MB/s for a body curl
 * reads at 200–320 MB/s from the same server), on both sides alike.
 */
async function get(url: string, accept: string): Promise<number> {
  const response = await fetch(url, { headers: { accept } });
  if (!response.ok || response.body === null) throw new Error(`GET ${url}: ${response.status}`);
  let bytes = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
  return bytes;
}

/** GETs `url` with curl, discarding the body; its byte count (a failed status rejects). */
function curlGet(url: string, accept: string): Promise<number> {
  return new Promise((resolve, reject) =>
    execFile(
      'curl',
      [
        '--silent',
        '--show-error',
        '--fail',
        '--output',
        '/dev/null',
        '--write-out',
        '%{size_download}',
        '-H',
        `accept: ${accept}`,
        url,
      ],
      (error, stdout) => (error ? reject(new Error(`curl ${url}: ${error.message}`)) : resolve(Number(stdout))),
    ),
  );
}

const line = (label: string, strataValue: string, orthancValue: string, ratio: number, better: string) =>
  console.log(
    `  ${label.padEnd(44)} strata ${strataValue.padEnd(16)} Orthanc ${orthancValue.padEnd(16)} ratio ${ratio.toFixed(2)} (${better})`,
  );

try {
  console.log(`DICOMweb beside Orthanc 1.10 — Strata on ${usePostgres ? 'PostgreSQL' : 'PGlite'}`);
  const megabytes = (CT_COUNT * (512 * 512 * 2 + 700)) / 1e6;
  for (const clients of [1, 8]) {
    const files = slices(`1.2.826.0.1.3680043.10.4242.${clients}`, CT_COUNT, 512, clients * 10_000);
    // The same bodies for both servers, built before either row: a row's CPU counts only sending.
    const bodies = requestBodies(files, 25);
    collectGarbage();
    const strata = await cpuOfRow(server.child.pid, () => stow(strataBase, bodies, clients, strataWriter));
    collectGarbage();
    const orthancRow = await cpuOfRow(orthanc.pid, () => stow(orthanc.dicomWeb, bodies, clients));
    const strataSeconds = strata.result;
    const orthancSeconds = orthancRow.result;
    line(
      `STOW-RS ${CT_COUNT} CT 512² (${megabytes.toFixed(0)} MB), ${clients} client${clients > 1 ? 's' : ''}, 25/request`,
      `${(CT_COUNT / strataSeconds).toFixed(0)} inst/s`,
      `${(CT_COUNT / orthancSeconds).toFixed(0)} inst/s`,
      orthancSeconds / strataSeconds,
      'higher is better for strata',
    );
    const perInstance = (ms: number) => `${(ms / CT_COUNT).toFixed(1)} ms`;
    console.log(
      `    CPU per instance: strata's server ${perInstance(strata.serverMs)}, Orthanc ${perInstance(orthancRow.serverMs)}; ` +
        `this client ${perInstance(strata.clientMs)} while sending to strata, ${perInstance(orthancRow.clientMs)} to Orthanc`,
    );
  }

  // Series metadata and retrieve: series 1 of the 1-client study (500 instances).
  const series = `studies/1.2.826.0.1.3680043.10.4242.1/series/1.2.826.0.1.3680043.10.4242.1.1`;
  let t = performance.now();
  await get(`${strataBase}/${series}/metadata`, 'application/dicom+json');
  const cold = performance.now() - t;
  const strataMeta = await timedRuns(
    20,
    async () => void (await get(`${strataBase}/${series}/metadata`, 'application/dicom+json')),
  );
  const orthancMeta = await timedRuns(
    20,
    async () => void (await get(`${orthanc.dicomWeb}/${series}/metadata`, 'application/dicom+json')),
  );
  line(
    'series metadata, 500 instances, p50',
    `${strataMeta.p50.toFixed(1)} ms`,
    `${orthancMeta.p50.toFixed(1)} ms`,
    orthancMeta.p50 / strataMeta.p50,
    `strata's first request, building the cache: ${cold.toFixed(0)} ms`,
  );
  const accept = 'multipart/related; type="application/dicom"; transfer-syntax=*';
  let bytes = 0;
  t = performance.now();
  for (let i = 0; i < RETRIEVE_RUNS; i++) bytes += await curlGet(`${strataBase}/${series}`, accept);
  const strataMbs = bytes / 1e6 / ((performance.now() - t) / 1000);
  bytes = 0;
  t = performance.now();
  for (let i = 0; i < RETRIEVE_RUNS; i++) bytes += await curlGet(`${orthanc.dicomWeb}/${series}`, accept);
  const orthancMbs = bytes / 1e6 / ((performance.now() - t) / 1000);
  line(
    'WADO-RS series retrieve (262 MB), as stored, curl',
    `${strataMbs.toFixed(0)} MB/s`,
    `${orthancMbs.toFixed(0)} MB/s`,
    strataMbs / orthancMbs,
    'higher is better for strata',
  );

  // Frames as a viewer loads a series: frame 1 of every instance, 6 requests at a time (a
  // browser's connections per host), uncompressed little endian from uncompressed CT.
  const sops = Array.from({ length: CT_COUNT / 2 }, (_, i) => `1.2.826.0.1.3680043.10.4242.1.1.${i + 1}`);
  const frameAccept = 'multipart/related; type=application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1';
  async function framesPerSecond(baseUrl: string): Promise<number> {
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (next < sops.length) {
          const bytes = await get(`${baseUrl}/${series}/instances/${sops[next++] ?? ''}/frames/1`, frameAccept);
          if (bytes < 512 * 512 * 2) throw new Error(`a frame of ${bytes} bytes from ${baseUrl}`);
        }
      }),
    );
    return sops.length / ((performance.now() - started) / 1000);
  }
  await framesPerSecond(strataBase);
  await framesPerSecond(orthanc.dicomWeb);
  const strataFrames = await framesPerSecond(strataBase);
  const orthancFrames = await framesPerSecond(orthanc.dicomWeb);
  line(
    'frames, 500 CT 512² one by one, 6 at a time',
    `${strataFrames.toFixed(0)} frames/s`,
    `${orthancFrames.toFixed(0)} frames/s`,
    strataFrames / orthancFrames,
    'higher is better for strata',
  );

  // Thumbnails: a 128×128 JPEG of one CT slice, one request at a time, a different slice each.
  // Orthanc 1.10's DICOMweb plugin has no /thumbnail: both answer /rendered?viewport=128,128.
  let slice = 0;
  const thumbnailOf = (baseUrl: string) => async () => {
    const bytes = await get(
      `${baseUrl}/${series}/instances/${sops[slice++ % sops.length] ?? ''}/rendered?viewport=128,128`,
      'image/jpeg',
    );
    if (bytes < 100) throw new Error(`a thumbnail of ${bytes} bytes from ${baseUrl}`);
  };
  const strataThumb = await timedRuns(100, thumbnailOf(strataBase));
  slice = 0;
  const orthancThumb = await timedRuns(100, thumbnailOf(orthanc.dicomWeb));
  line(
    'rendered thumbnail 128² of a CT slice, p50',
    `${strataThumb.p50.toFixed(1)} ms`,
    `${orthancThumb.p50.toFixed(1)} ms`,
    orthancThumb.p50 / strataThumb.p50,
    `p95 ${strataThumb.p95.toFixed(1)} vs ${orthancThumb.p95.toFixed(1)} ms`,
  );

  // QIDO at 10,000 studies of one small instance each.
  const names = [
    'GARCIA^ANA',
    'GARCIA^LUIS',
    'DOE^JANE',
    'SMITH^JOHN',
    'MULLER^HANS',
    'ROSSI^MARIA',
    'DUBOIS^LEA',
    'NOVAK^PETR',
  ];
  const small: Buffer[] = Array.from({ length: STUDIES }, (_, i) =>
    syntheticSlice({
      studyUid: `1.2.826.0.1.3680043.10.5151.${i + 1}`,
      seriesUid: `1.2.826.0.1.3680043.10.5151.${i + 1}.1`,
      sopUid: `1.2.826.0.1.3680043.10.5151.${i + 1}.1.1`,
      patientName: `${names[i % names.length]}${Math.floor(i / names.length)}`,
      patientId: `Q${i}`,
      studyDate: `20${String(5 + (i % 20)).padStart(2, '0')}0101`,
      instanceNumber: 1,
      size: 8,
      seed: i,
    }),
  );
  const smallBodies = requestBodies(small, 500);
  collectGarbage();
  t = performance.now();
  await stow(strataBase, smallBodies, 2, strataWriter);
  const strataLoad = (performance.now() - t) / 1000;
  t = performance.now();
  await stow(orthanc.dicomWeb, smallBodies, 2);
  const orthancLoad = (performance.now() - t) / 1000;
  const query = 'studies?PatientName=GARC*&StudyDate=20100101-20201231&limit=100';
  const strataQido = await timedRuns(
    QUERY_RUNS,
    async () => void (await get(`${strataBase}/${query}`, 'application/dicom+json')),
  );
  const orthancQido = await timedRuns(
    QUERY_RUNS,
    async () => void (await get(`${orthanc.dicomWeb}/${query}`, 'application/dicom+json')),
  );
  line(
    `QIDO ${query.split('?')[1]}, p50`,
    `${strataQido.p50.toFixed(1)} ms`,
    `${orthancQido.p50.toFixed(1)} ms`,
    orthancQido.p50 / strataQido.p50,
    `p95 ${strataQido.p95.toFixed(1)} vs ${orthancQido.p95.toFixed(1)} ms`,
  );
  console.log(
    `  (loading ${STUDIES} one-instance studies by STOW-RS: strata ${strataLoad.toFixed(1)} s, Orthanc ${orthancLoad.toFixed(1)} s)`,
  );
  console.log('  ratios: Orthanc time ÷ Strata time (or Strata rate ÷ Orthanc rate); above 1 means Strata is ahead.');
  console.log(
    "  machine limits (../shared/perf/limits.md): read the STOW rows beside its fsync'd-write and loopback rows; on 2 cores the CPU per instance printed under each STOW row is what bounds it (docs/design/dicomweb.md).",
  );
} finally {
  await orthanc.stop();
  server.child.kill('SIGTERM');
  await server.exited;
  await target?.drop();
  await rm(root, { recursive: true, force: true });
}
