export { createTestTarget, openTestDatabase, testPostgresUrl, type TestDatabaseTarget } from './test-database.js';
export {
  syntheticInstances,
  syntheticStudy,
  syntheticStudyUid,
  type SyntheticBatch,
  type SyntheticOptions,
} from './synthetic-instances.js';
