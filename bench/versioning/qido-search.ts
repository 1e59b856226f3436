// QIDO from the per-version index (issue #3), one command:
//   npm run bench:qido                   (PGlite on disk)
//   DATABASE_URL=postgres://… npm run bench:qido   (also on that PostgreSQL server)
// Study-level search "PatientName=GARC* & StudyDate=20050101-20151231, limit 100" at the head of
// a branch of 100,000 instances and at a tag, p50/p95 — beside the same search on two archives
// without versions in the same database: a minimal table (one row per study with its attributes,
// B-tree indexes on name and date only), and one of the listing's shape (every typed study key
// indexed, PatientName's three groups, attributes in their own table) — and the machine's limit
// for an indexed prefix + range query (../shared/perf/limits.md).
import { parseQidoQuery } from '@strata/modules/qido';
import type { Database } from '@strata/models';
import { syntheticInstances } from '@strata/models/testing';
import { searchVersion } from '@strata/services/qido';
import { commitChanges, createDataset, createTag, type VersioningDeps } from '@strata/services/versioning';
import { forEachDatabase } from '../support/databases.js';

const author = { name: 'bench', email: 'bench@localhost' };
const RUNS = 200;
const WARMUP = 30;
const PARAMS = 'PatientName=GARC*&StudyDate=20050101-20151231&limit=100';
/** ../shared/perf/limits.md: "indexed prefix query + date range, LIMIT 100" on 1,000,000 rows, p50. */
const LIMIT_P50 = { pglite: 1.21, postgresql: 0.41 };

const SHAPES = [
  { label: '2,000 studies × 5 series × 10', perSeries: 10, seriesPerStudy: 5 },
  { label: '20,000 studies × 1 series × 5', perSeries: 5, seriesPerStudy: 1 },
];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

async function timed(work: () => Promise<number>): Promise<{ p50: number; p95: number; rows: number }> {
  let rows = 0;
  for (let i = 0; i < WARMUP; i++) rows = await work();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await work();
    ms.push(performance.now() - t);
  }
  return { p50: percentile(ms, 0.5), p95: percentile(ms, 0.95), rows };
}

async function measure(deps: VersioningDeps, database: Database, shape: (typeof SHAPES)[number], n: number) {
  const dataset = await createDataset(deps, `bench/qido-${n}-${Date.now()}`, author);
  const started = performance.now();
  await commitChanges(deps, {
    dataset,
    branch: 'main',
    message: 'load',
    author,
    ...syntheticInstances({ count: 100_000, tag: `qido-${n}`, ...shape }),
  });
  const loadSeconds = (performance.now() - started) / 1000;
  const query = parseQidoQuery('study', new URLSearchParams(PARAMS), { maxLimit: 1000, defaultLimit: 100 });
  const branch = await timed(async () => (await searchVersion(deps, dataset, 'main', query)).matches.length);
  for (let i = 0; i < 20; i++) await createTag(deps, dataset, `v${i}`, 'main');
  const tag = await timed(async () => (await searchVersion(deps, dataset, 'v7', query)).matches.length);

  // The plain archive: one row per study of this version, indexed for exactly this query.
  const em = database.fork();
  const table = `bench_plain_${n}`;
  await em.execute(
    `create table ${table} (study_uid text primary key, patient_name text, study_date text, attrs jsonb)`,
  );
  const studies = await searchVersion(
    deps,
    dataset,
    'main',
    parseQidoQuery('study', new URLSearchParams('limit=100000'), { maxLimit: 100_000, defaultLimit: 100_000 }),
  );
  for (let i = 0; i < studies.matches.length; i += 500) {
    const batch = studies.matches.slice(i, i + 500);
    await em.execute(
      `insert into ${table} values ${batch.map(() => '(?, ?, ?, ?)').join(', ')}`,
      batch.flatMap((m) => {
        const attrs = m.study.attrs as Record<string, { Value?: unknown[] }>;
        const name = (attrs['00100010']?.Value?.[0] as { Alphabetic?: string } | undefined)?.Alphabetic ?? '';
        return [
          m.study.uid,
          name.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase(),
          attrs['00080020']?.Value?.[0],
          JSON.stringify(attrs),
        ];
      }),
    );
  }
  await em.execute(`create index ${table}_name on ${table} (patient_name text_pattern_ops)`);
  await em.execute(`create index ${table}_date on ${table} (study_date)`);
  await em.execute(`analyze ${table}`);
  await em.execute('analyze');
  const plain = await timed(async () => {
    const rows = await em.execute<unknown[]>(
      `select study_uid, attrs from ${table} where patient_name like ? and study_date between ? and ? order by study_uid limit 100`,
      ['GARC%', '20050101', '20151231'],
    );
    return rows.length;
  });
  // The same archive with the listing's shape and no versions: every study key in a typed,
  // indexed column, PatientName's three groups, the attributes in their own table.
  const shaped = `bench_shaped_${n}`;
  await em.execute(
    `create table ${shaped} as select h.name, h.dir_id, h.patient_name1, h.patient_name2, h.patient_name3, ` +
      `h.patient_id, h.study_date, h.study_time, h.accession_number, h.study_id from head_study h ` +
      `join head_scope sc on sc.id = h.scope_id where sc.dataset_id = ? and sc.name = 'main'`,
    [dataset.id],
  );
  await em.execute(`alter table ${shaped} add primary key (name)`);
  for (const column of [
    'dir_id',
    'patient_name1',
    'patient_name2',
    'patient_name3',
    'patient_id',
    'study_date',
    'study_time',
    'accession_number',
    'study_id',
  ])
    await em.execute(`create index on ${shaped} (${column})`);
  await em.execute(`analyze ${shaped}`);
  const sameShape = await timed(async () => {
    const rows = await em.execute<unknown[]>(
      `select p.name, (select st.attrs from study_index st where st.dir_id = p.dir_id) as attrs from ${shaped} p ` +
        `where (p.patient_name1 like ? or p.patient_name2 like ? or p.patient_name3 like ?) ` +
        `and p.study_date >= ? and p.study_date <= ? order by p.name limit 100`,
      ['GARC%', 'GARC%', 'GARC%', '20050101', '20151231\u{10FFFF}'],
    );
    return rows.length;
  });
  if (plain.rows !== branch.rows || tag.rows !== branch.rows || sameShape.rows !== branch.rows) {
    throw new Error(
      `results differ: index ${branch.rows}, tag ${tag.rows}, plain ${plain.rows}, same shape ${sameShape.rows}`,
    );
  }

  // One-time materialisation of a version with no index at all (as after a pull).
  for (const t of ['indexed_tree', 'study_index', 'study_key', 'series_index', 'tree_edge', 'head_scope'])
    await em.execute(`delete from ${t}`);
  const t = performance.now();
  await searchVersion(deps, dataset, 'v3', query);
  const materializeSeconds = (performance.now() - t) / 1000;
  const edges = await em.execute<{ n: string | number }[]>('select count(*) as n from tree_edge');
  return {
    loadSeconds,
    branch,
    tag,
    plain,
    sameShape,
    materializeSeconds,
    edges: Number(edges[0]?.n),
    studies: studies.matches.length,
  };
}

await forEachDatabase(async ({ label, kind, database, deps }) => {
  console.log(`\n${label}: ${PARAMS}, ${RUNS} runs after ${WARMUP} warm-up`);
  for (const [n, shape] of SHAPES.entries()) {
    const r = await measure(deps, database, shape, n);
    const fmt = (x: { p50: number; p95: number }) => `p50 ${x.p50.toFixed(2)} ms  p95 ${x.p95.toFixed(2)} ms`;
    console.log(
      `  100,000 instances as ${shape.label} (${r.studies} studies; load in one commit ${r.loadSeconds.toFixed(1)} s)`,
    );
    console.log(`    branch head:    ${fmt(r.branch)}   (${r.branch.rows} results)`);
    console.log(`    tag (1 of 20):  ${fmt(r.tag)}`);
    console.log(
      `    plain archive:  ${fmt(r.plain)}   → index/plain ratio p50 ${(r.branch.p50 / r.plain.p50).toFixed(2)}, p95 ${(r.branch.p95 / r.plain.p95).toFixed(2)}`,
    );
    console.log(
      `    plain, same shape: ${fmt(r.sameShape)}   → index/same-shape ratio p50 ${(r.branch.p50 / r.sameShape.p50).toFixed(2)}, p95 ${(r.branch.p95 / r.sameShape.p95).toFixed(2)}`,
    );
    console.log(
      `    machine limit for an indexed prefix+range query (limits.md, 1M rows): p50 ${LIMIT_P50[kind]} ms → index at ${(r.branch.p50 / LIMIT_P50[kind]).toFixed(1)}× it`,
    );
    console.log(
      `    one-time materialisation of a version with no index: ${r.materializeSeconds.toFixed(2)} s (${r.edges.toLocaleString('en')} edge rows, shared by all 21 versions)`,
    );
  }
});
