import { defineEntity, p } from '@mikro-orm/core';

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
