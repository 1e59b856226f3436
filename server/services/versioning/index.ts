export { commitChanges, type ChangeRequest, type ChangeResult } from './commit-changes.js';
export { readCommit } from './commit-store.js';
export { createDataset, findDataset } from './datasets.js';
export { diffRefs, type RefDiff, type SeriesChanges, type StudyChanges } from './diff-refs.js';
export { log, type LogEntry } from './history.js';
export { checkRefName, parseDatasetName } from './names.js';
export { createBranch, createTag, listRefs, resolveRef, type ResolvedRef } from './refs.js';
export type { Actor, VersioningDeps } from './versioning-deps.js';
