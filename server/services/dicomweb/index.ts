export {
  FAILURE,
  WARNING,
  storeInstances,
  type FailedInstance,
  type StoreRequest,
  type StoredInstance,
  type StowPart,
  type StowResult,
} from './store-instances.js';
export {
  fileBytes,
  withFileBytes,
  fileContent,
  fileSource,
  instancesOf,
  openVersion,
  type OpenVersion,
  type StoredFileSource,
  type VersionInstance,
} from './retrieve.js';
export { removeInstances, requireBranch } from './remove-instances.js';
export { bulkDataOf, metadataOf } from './instance-metadata.js';
export { storedFileSource } from './stored-file-source.js';
export { BASE_MARKER, seriesMetadataText } from './series-metadata.js';
export { headerAttributesOf, type HeaderTarget } from './header-attributes.js';
export { headerTargetOf, searchWithSequences, SEQUENCE_CANDIDATES } from './sequence-search.js';
export {
  instancesInSyntax,
  transcodingHeaders,
  type DeliveredInstance,
  type InstanceDelivery,
  type TranscodingHeader,
} from './instances-in-syntax.js';
export { storedFrames } from './stored-frames.js';
