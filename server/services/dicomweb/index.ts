export {
  FAILURE,
  storeInstances,
  type FailedInstance,
  type StoreRequest,
  type StoredInstance,
  type StowPart,
  type StowResult,
} from './store-instances.js';
