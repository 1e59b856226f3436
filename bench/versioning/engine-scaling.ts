// Benchmarks of the versioning engine's scaling properties (issue #3), one command:
//   npm run bench:versioning            (PGlite on disk)
//   DATABASE_URL=postgres://… npm run bench:versioning   (also on that PostgreSQL server)
// 1. commit of 1 new instance into a branch of 100,000 instances vs of 1,000 (goal: ratio ≤ 1.5)
// 2. diff of two refs 10 instances apart at 100,000 instances vs at 1,000 (goal: ratio ≤ 1.5)
// Files are synthetic records with parsed metadata (the engine's cost does not depend on their
// bytes), so every commit also writes its QIDO index rows, as a real commit does.
import { syntheticInstances } from '@strata/models/testing';
import { commitChanges, createDataset, diffRefs, type VersioningDeps } from '@strata/services/versioning';
import { forEachDatabase } from '../support/databases.js';

const author = { name: 'bench', email: 'bench@localhost' };
const RUNS = 15;

/** 100 instances a series, 10 series a study. */
const instances = (count: number, tag: string) =>
  syntheticInstances({ count, tag, perSeries: 100, seriesPerStudy: 10 });

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
    // A new instance (a SOP Instance UID of its own) in the first series.
    const one = instances(1, `one-${size}-${run}`);
    const [first] = one.edits;
    if (first === undefined) throw new Error('no instance');
    const t = performance.now();
    await commitChanges(deps, {
      dataset,
      branch: 'main',
      message: `one ${run}`,
      author,
      ...one,
      edits: [{ ...first, path: `${first.path}.9.${run}` }],
    });
    commitMs.push(performance.now() - t);
  }
  // Ten instances spread over the dataset, replaced by other bytes (same paths, new file ids).
  const other = instances(size, `changed-${size}`);
  const picked = Array.from({ length: 10 }, (_, i) => Math.floor((i * size) / 10));
  const changed = await commitChanges(deps, {
    dataset,
    branch: 'main',
    message: 'ten',
    author,
    edits: picked.map((i) => other.edits[i] as (typeof other.edits)[number]),
    files: picked.map((i) => other.files[i] as (typeof other.files)[number]),
    metadata: picked.map((i) => other.metadata[i] as (typeof other.metadata)[number]),
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
