export { commitChanges, type ChangeRequest, type ChangeResult } from './commit-changes.js';
export { readCommit } from './commit-store.js';
export { createDataset, datasetNotFound, findDataset, type NewDatasetOptions } from './datasets.js';
export { diffCommits, diffRefs, type RefDiff, type SeriesChanges, type StudyChanges } from './diff-refs.js';
export { fsck, type FsckProblem, type FsckReport } from './fsck.js';
export { DEFAULT_GRACE_MS, gc, type GcCount, type GcOptions, type GcReport } from './gc.js';
export { commitAt, commitsById, historyPage, log, type HistoryPage, type LogEntry } from './history.js';
export {
  merge,
  previewMerge,
  type MergeConflict,
  type MergeOptions,
  type MergePreview,
  type MergeResult,
} from './merge.js';
export { revert } from './revert.js';
export { README_NAMES, readmeAt, treeSize, type Readme, type VersionSize } from './version-facts.js';
export { mergeBase } from './merge-base.js';
export { checkRefName, parseDatasetName } from './names.js';
export {
  createBranch,
  createTag,
  createTagIn,
  deleteBranch,
  listRefs,
  resolveRef,
  type RefChangeHook,
  type ResolvedRef,
} from './refs.js';
export type { Author, VersioningDeps } from './versioning-deps.js';
