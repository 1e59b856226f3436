import type { Digest } from '@strata/modules/blob';
import {
  diffDirectories,
  emptyTree,
  entriesOf,
  treeTotals,
  type ChildRef,
  NodeStaging,
  type TreeEntry,
  type TreeNode,
} from '@strata/modules/objects';
import { QIDO_KEYS, personNameSearchValues, type QueryLevel } from '@strata/modules/qido';
import type { DirectoryAttributes, VersioningRepositories } from '@strata/models';

const READ_FROM_INSTANCE = (level: QueryLevel) =>
  QIDO_KEYS.filter((key) => key.level === level && key.derived !== true);
const STUDY_KEYS = READ_FROM_INSTANCE('study');
const SERIES_KEYS = READ_FROM_INSTANCE('series');
const MODALITY = '00080060';
const MODALITIES_IN_STUDY = '00080061';
const STUDY_RELATED_SERIES = '00201206';
const STUDY_RELATED_INSTANCES = '00201208';
const SERIES_RELATED_INSTANCES = '00201209';

/**
 * Brings the QIDO index up to a commit's tree, in the commit's transaction, when its base tree
 * (the parent, or `ours` of a merge) is indexed: the new tree's nodes already have their edges
 * (written with the nodes), so only the study and series directories the change touched need
 * attribute rows — found by diffing the two trees, which skips everything unchanged. Cost
 * follows the change, not the dataset. Returns false (and leaves the tree to be materialised on
 * its first query) when the base is not indexed.
 */
export async function indexCommitTree(
  repositories: VersioningRepositories,
  outer: NodeStaging,
  tree: Digest,
  base: Digest | undefined,
): Promise<boolean> {
  if (base !== undefined && !(await repositories.index.isIndexed(base))) return false;
  const staging = outer.through(repositories.objects);
  const before = base ?? (await emptyTree(staging));
  const studies: Digest[] = [];
  const series: Digest[] = [];
  for await (const change of diffDirectories(staging, before, tree)) {
    if (change.after?.kind !== 'dir') continue;
    studies.push(change.after.id);
    const previous = change.before?.kind === 'dir' ? change.before.id : await emptyTree(staging);
    for await (const inner of diffDirectories(staging, previous, change.after.id)) {
      if (inner.after?.kind === 'dir') series.push(inner.after.id);
    }
  }
  await indexDirectories(repositories, staging, studies, series);
  await repositories.index.markIndexed(tree);
  return true;
}

/**
 * Indexes a whole tree whose index is missing (written before the index existed, or arrived
 * from elsewhere): every node gets its edges and every study and series directory its
 * attributes, skipping directories already indexed (their rows are written only once everything
 * below them is). One-time work per tree; afterwards commits on top of it index incrementally.
 */
export async function materializeIndex(repositories: VersioningRepositories, tree: Digest): Promise<void> {
  if (await repositories.index.isIndexed(tree)) return;
  const staging = new NodeStaging(repositories.objects);
  const nodes = new Map<Digest, TreeNode>();
  const rootEntries = await walkDirectory(staging, tree, nodes);
  const studyDirs = rootEntries.filter((entry) => entry.kind === 'dir').map((entry) => entry.id);
  const indexedStudies = await repositories.index.attributes('study', studyDirs);
  const candidates: Digest[] = [];
  for (const study of studyDirs) {
    if (indexedStudies.has(study)) continue;
    for (const entry of await walkDirectory(staging, study, nodes)) if (entry.kind === 'dir') candidates.push(entry.id);
  }
  const indexedSeries = await repositories.index.attributes('series', candidates);
  const seriesDirs = [...new Set(candidates)].filter((id) => !indexedSeries.has(id));
  for (const series of seriesDirs) await walkAll(staging, series, nodes);
  await repositories.index.putEdges(nodes);
  await indexDirectories(repositories, staging, studyDirs, seriesDirs);
  await repositories.index.markIndexed(tree);
}

/** Collects a directory's nodes; returns its entries. */
async function walkDirectory(staging: NodeStaging, dir: Digest, nodes: Map<Digest, TreeNode>): Promise<TreeEntry[]> {
  const node = await staging.get(dir);
  nodes.set(dir, node);
  if (node.level === 0) return node.items as TreeEntry[];
  const entries: TreeEntry[] = [];
  for (const child of node.items as ChildRef[]) entries.push(...(await walkDirectory(staging, child.id, nodes)));
  return entries;
}

/** Collects every node of a directory and of the directories below it. */
async function walkAll(staging: NodeStaging, dir: Digest, nodes: Map<Digest, TreeNode>): Promise<void> {
  for (const entry of await walkDirectory(staging, dir, nodes)) {
    if (entry.kind === 'dir') await walkAll(staging, entry.id, nodes);
  }
}

/** Writes the missing attribute rows of these series, then of these studies (which read the series rows). */
async function indexDirectories(
  repositories: VersioningRepositories,
  staging: NodeStaging,
  studies: readonly Digest[],
  series: readonly Digest[],
): Promise<void> {
  const { index, metadata } = repositories;
  const seriesKnown = await index.attributes('series', series);
  const seriesNew: { dirId: Digest; firstFile: Digest; count: number }[] = [];
  for (const dirId of new Set(series)) {
    if (seriesKnown.has(dirId)) continue;
    const first = await firstInstance(staging, dirId);
    if (first !== undefined)
      seriesNew.push({ dirId, firstFile: first, count: (await treeTotals(staging, dirId)).files });
  }
  const seriesSource = await metadata.attributesOf(seriesNew.map((s) => s.firstFile));
  const seriesRows: DirectoryAttributes[] = [];
  for (const s of seriesNew) {
    const instance = seriesSource.get(s.firstFile);
    if (instance === undefined) continue; // a DICOM entry without metadata is not searchable
    seriesRows.push(row(s.dirId, s.firstFile, SERIES_KEYS, instance, { [SERIES_RELATED_INSTANCES]: is(s.count) }));
  }
  await index.putAttributes('series', seriesRows);

  const studyKnown = await index.attributes('study', studies);
  const pending = [...new Set(studies)].filter((dirId) => !studyKnown.has(dirId));
  const seriesOf = new Map<Digest, Digest[]>();
  for (const dirId of pending) {
    const seriesIds: Digest[] = [];
    for await (const entry of entriesOf(staging, dirId)) if (entry.kind === 'dir') seriesIds.push(entry.id);
    seriesOf.set(dirId, seriesIds);
  }
  // Every series row the studies need, in one batched read: those just written are at hand.
  const seriesRowsById = new Map(seriesRows.map((r) => [r.dirId, r]));
  for (const [id, r] of seriesKnown) seriesRowsById.set(id, r);
  const unread = [...new Set([...seriesOf.values()].flat())].filter((id) => !seriesRowsById.has(id));
  for (const [id, r] of await index.attributes('series', unread)) seriesRowsById.set(id, r);
  const studyInputs: { dirId: Digest; series: DirectoryAttributes[] }[] = [];
  for (const [dirId, seriesIds] of seriesOf) {
    const present = seriesIds.flatMap((id) => seriesRowsById.get(id) ?? []);
    if (present.length > 0) studyInputs.push({ dirId, series: present });
  }
  const studySource = await metadata.attributesOf(studyInputs.map((s) => s.series[0]?.firstFile as Digest));
  const studyRows: DirectoryAttributes[] = [];
  for (const { dirId, series: present } of studyInputs) {
    const firstFile = present[0]?.firstFile as Digest;
    const instance = studySource.get(firstFile);
    if (instance === undefined) continue;
    const modalities = [...new Set(present.flatMap((s) => values(s.attrs[MODALITY])))].sort();
    const instances = present.reduce((sum, s) => sum + Number(values(s.attrs[SERIES_RELATED_INSTANCES])[0] ?? 0), 0);
    studyRows.push(
      row(dirId, firstFile, STUDY_KEYS, instance, {
        ...(modalities.length > 0 ? { [MODALITIES_IN_STUDY]: { vr: 'CS', Value: modalities } } : {}),
        [STUDY_RELATED_SERIES]: is(present.length),
        [STUDY_RELATED_INSTANCES]: is(instances),
      }),
    );
  }
  await index.putAttributes('study', studyRows);
}

/** The first DICOM instance of a series directory in name order, the one its attributes are read from. */
async function firstInstance(staging: NodeStaging, dirId: Digest): Promise<Digest | undefined> {
  for await (const entry of entriesOf(staging, dirId)) if (entry.kind === 'dicom') return entry.id;
  return undefined;
}

function row(
  dirId: Digest,
  firstFile: Digest,
  keys: typeof STUDY_KEYS,
  instance: Record<string, unknown>,
  derived: Record<string, unknown>,
): DirectoryAttributes {
  const attrs: Record<string, unknown> = {};
  const search: Record<string, string[]> = {};
  for (const key of keys) {
    const attribute = instance[key.tag];
    if (attribute === undefined) continue;
    attrs[key.tag] = attribute;
    if (key.vr === 'PN') search[key.tag] = personNameSearchValues(values(attribute));
  }
  return { dirId, firstFile, attrs: { ...attrs, ...derived }, search };
}

function values(attribute: unknown): unknown[] {
  const value = (attribute as { Value?: unknown } | undefined)?.Value;
  return Array.isArray(value) ? value : [];
}

function is(count: number) {
  return { vr: 'IS', Value: [count] };
}
