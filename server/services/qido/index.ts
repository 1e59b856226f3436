export { indexCommitTree, materializeIndex } from './index-tree.js';
export { searchVersion, type SearchResult } from './search.js';
