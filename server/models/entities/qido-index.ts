import { defineEntity, p } from '@mikro-orm/core';
import { DatasetSchema } from './dataset.js';

/**
 * The tree nodes as rows, so SQL can walk any version: for every node, one row per item —
 * a child node (`kind` 0, internal nodes), a directory (1), a DICOM instance (2) or another
 * file (3) — with the item's name (the greatest name under a child node). Keyed by content like
 * the nodes themselves: written once per distinct node, shared by every version holding it.
 */
export const TreeEdgeSchema = defineEntity({
  name: 'TreeEdge',
  tableName: 'tree_edge',
  properties: {
    nodeId: p.blob().columnType('bytea').primary(),
    name: p.text().primary(),
    childId: p.blob().columnType('bytea').index('tree_edge_child_id_index'),
    kind: p.smallint(),
  },
});

export class TreeEdge extends TreeEdgeSchema.class {}
TreeEdgeSchema.setClass(TreeEdge);

/**
 * QIDO attributes of one study directory, by its id (content): the study attributes of its first
 * instance in name order, ModalitiesInStudy and the related counts, in the DICOM JSON model
 * (`attrs`), with person names normalised for matching (`search`: tag → groups). `firstFile`
 * is the instance they were read from.
 */
export const StudyIndexSchema = defineEntity({
  name: 'StudyIndex',
  tableName: 'study_index',
  properties: {
    dirId: p.blob().columnType('bytea').primary(),
    firstFile: p.blob().columnType('bytea'),
    attrs: p.json<Record<string, unknown>>(),
    search: p.json<Record<string, string[]>>(),
  },
});

export class StudyIndex extends StudyIndexSchema.class {}
StudyIndexSchema.setClass(StudyIndex);

/** QIDO attributes of one series directory, by its id, as StudyIndex does for studies. */
export const SeriesIndexSchema = defineEntity({
  name: 'SeriesIndex',
  tableName: 'series_index',
  properties: {
    dirId: p.blob().columnType('bytea').primary(),
    firstFile: p.blob().columnType('bytea'),
    attrs: p.json<Record<string, unknown>>(),
    search: p.json<Record<string, string[]>>(),
  },
});

export class SeriesIndex extends SeriesIndexSchema.class {}
SeriesIndexSchema.setClass(SeriesIndex);

/**
 * Root trees whose index is complete: every node below has its edges and every study and series
 * directory its attributes. A tree not listed is indexed on its first query (materialization).
 */
export const IndexedTreeSchema = defineEntity({
  name: 'IndexedTree',
  tableName: 'indexed_tree',
  properties: {
    treeId: p.blob().columnType('bytea').primary(),
  },
});

export class IndexedTree extends IndexedTreeSchema.class {}
IndexedTreeSchema.setClass(IndexedTree);

/**
 * The matchable values of a study directory's attributes, one row per (attribute, value): the
 * normalised groups of a person name, each ModalitiesInStudy value, dates, IDs. Keyed by content
 * like `study_index`, so shared by every version holding the study; the (tag, value) index lets a
 * prefix, range or exact match find its candidate studies without reading every study of a version.
 * Code-point collation, so a prefix is a range scan and order is the same on every server.
 */
export const StudyKeySchema = defineEntity({
  name: 'StudyKey',
  tableName: 'study_key',
  indexes: [{ name: 'study_key_tag_value_index', properties: ['tag', 'value', 'dirId'] }],
  properties: {
    dirId: p.blob().columnType('bytea').primary(),
    tag: p.string().length(8).primary(),
    value: p.text().collation('C').primary(),
  },
});

export class StudyKey extends StudyKeySchema.class {}
StudyKeySchema.setClass(StudyKey);

/**
 * The study listing of one version of a dataset as of `treeId`, the tree of commit `commitId` (see
 * HeadStudy). `name` is the ref it follows — a branch, brought up to the branch's head by diffing
 * `treeId` with it under this row's lock; a tag — or `commit:<id>` for a commit asked for by id.
 * A query whose ref still points at `commitId` reads the listing without more ado.
 */
export const HeadScopeSchema = defineEntity({
  name: 'HeadScope',
  tableName: 'head_scope',
  uniques: [{ name: 'head_scope_dataset_name_unique', properties: ['dataset', 'name'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    dataset: () => p.manyToOne(DatasetSchema).deleteRule('cascade'),
    name: p.string().length(255),
    treeId: p.blob().columnType('bytea').nullable(),
    commitId: p.blob().columnType('bytea').nullable(),
  },
});

export class HeadScope extends HeadScopeSchema.class {}
HeadScopeSchema.setClass(HeadScope);

/**
 * One study directory of a listed version: name (StudyInstanceUID), directory id, and the values
 * of the study keys QIDO clients filter by most (PS3.18's required study matching keys of VM 1; up
 * to three normalised groups of PatientName) in typed, indexed columns, so a query runs the plan of
 * a plain archive: index scans combined by bitmap, then the study rows of one page. Listed are the
 * branches and a few recently asked tags and commits (KEPT_FIXED_LISTINGS), not every version.
 */
export const HeadStudySchema = defineEntity({
  name: 'HeadStudy',
  tableName: 'head_study',
  indexes: [
    { name: 'head_study_scope_dir_index', properties: ['scope', 'dirId'] },
    { name: 'head_study_pn1_index', properties: ['scope', 'patientName1'] },
    { name: 'head_study_pn2_index', properties: ['scope', 'patientName2'] },
    { name: 'head_study_pn3_index', properties: ['scope', 'patientName3'] },
    { name: 'head_study_patient_id_index', properties: ['scope', 'patientId'] },
    { name: 'head_study_study_date_index', properties: ['scope', 'studyDate'] },
    { name: 'head_study_study_time_index', properties: ['scope', 'studyTime'] },
    { name: 'head_study_accession_index', properties: ['scope', 'accessionNumber'] },
    { name: 'head_study_study_id_index', properties: ['scope', 'studyId'] },
  ],
  properties: {
    scope: () => p.manyToOne(HeadScopeSchema).primary().deleteRule('cascade'),
    name: p.text().collation('C').primary(),
    dirId: p.blob().columnType('bytea'),
    patientName1: p.text().collation('C').nullable(),
    patientName2: p.text().collation('C').nullable(),
    patientName3: p.text().collation('C').nullable(),
    patientId: p.text().collation('C').nullable(),
    studyDate: p.text().collation('C').nullable(),
    studyTime: p.text().collation('C').nullable(),
    accessionNumber: p.text().collation('C').nullable(),
    studyId: p.text().collation('C').nullable(),
  },
});

export class HeadStudy extends HeadStudySchema.class {}
HeadStudySchema.setClass(HeadStudy);
