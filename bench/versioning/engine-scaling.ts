// Benchmarks of the versioning engine's scaling properties (issue #3), one command:
//   npm run bench:versioning            (PGlite on disk)
//   DATABASE_URL=postgres://… npm run bench:versioning   (also on that PostgreSQL server)
// 1. commit of 1 new instance into a branch of 100,000 instances vs of 1,000 (goal: ratio ≤ 1.5)
// 2. diff of two refs 10 instances apart at 100,000 instances vs at 1,000 (goal: ratio ≤ 1.5)
// Files are synthetic records (the engine's cost does not depend on their bytes).
import { sha256 } from '@strata/modules/blob';
import type { FileRecord } from '@strata/models';
import { commitChanges, createDataset, diffRefs, type VersioningDeps } from '@strata/services/versioning';
import type { PathEdit } from '@strata/modules/objects';
import { forEachDatabase } from '../support/databases.js';

const author = { name: 'bench', email: 'bench@localhost' };
const RUNS = 15;

function instances(count: number, tag: string): { edits: PathEdit[]; files: FileRecord[] } {
  const edits: PathEdit[] = [];
  const files: FileRecord[] = [];
  const perSeries = 100;
  const seriesPerStudy = 10;
  for (let i = 0; i < count; i++) {
    const series = Math.floor(i / perSeries);
    const study = Math.floor(series / seriesPerStudy);
    const id = sha256(`${tag}:${i}`);
    edits.push({
      path: `1.2.826.0.1.${study}/1.2.826.0.1.${study}.${series}/1.2.826.0.1.${study}.${series}.${i}`,
      file: { kind: 'dicom', id, bytes: 9_000 },
    });
    files.push({ id, size: 9_000, parts: [id] });
  }
  return { edits, files };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function measure(deps: VersioningDeps, size: number) {
  const dataset = await createDataset(deps, `bench/scale-${size}-${Date.now()}`, author);
  const started = performance.now();
  const base = await commitChanges(deps, {
    dataset,
    branch: 'main',
    message: 'base',
    author,
    ...instances(size, `base-${size}`),
  });
  const loadSeconds = (performance.now() - started) / 1000;
  const commitMs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const one = instances(1, `one-${size}-${run}`);
    const edit = { path: `1.2.826.0.1.0/1.2.826.0.1.0.0/9.9.${run}`, file: one.edits[0]?.file ?? null };
    const t = performance.now();
    await commitChanges(deps, {
      dataset,
      branch: 'main',
      message: `one ${run}`,
      author,
      edits: [edit],
      files: one.files,
    });
    commitMs.push(performance.now() - t);
  }
  const ten = Array.from({ length: 10 }, (_, i) => ({
    path: instances(size, `base-${size}`).edits[Math.floor((i * size) / 10)]?.path ?? '',
    file: { kind: 'dicom' as const, id: sha256(`changed-${i}`), bytes: 9_001 },
  }));
  const changed = await commitChanges(deps, {
    dataset,
    branch: 'main',
    message: 'ten',
    author,
    edits: ten,
    files: ten.map((e) => ({ id: e.file.id, size: 9_001, parts: [e.file.id] })),
  });
  const diffMs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const t = performance.now();
    const diff = await diffRefs(deps, dataset, base.commit, changed.commit);
    diffMs.push(performance.now() - t);
    if (diff.counts.changed !== 10 || diff.counts.added !== RUNS)
      throw new Error(`unexpected diff ${JSON.stringify(diff.counts)}`);
  }
  return { loadSeconds, commit: median(commitMs), diff: median(diffMs) };
}

await forEachDatabase(async ({ label, deps }) => {
  const small = await measure(deps, 1_000);
  const large = await measure(deps, 100_000);
  console.log(`\n${label}`);
  console.log(
    `  load 1,000 / 100,000 instances in one commit: ${small.loadSeconds.toFixed(2)} s / ${large.loadSeconds.toFixed(2)} s`,
  );
  console.log(
    `  commit 1 instance, p50:  ${small.commit.toFixed(2)} ms at 1,000   ${large.commit.toFixed(2)} ms at 100,000   ratio ${(large.commit / small.commit).toFixed(2)} (goal ≤ 1.5)`,
  );
  console.log(
    `  diff 10 changes, p50:    ${small.diff.toFixed(2)} ms at 1,000   ${large.diff.toFixed(2)} ms at 100,000   ratio ${(large.diff / small.diff).toFixed(2)} (goal ≤ 1.5)`,
  );
});
