export { createTestTarget, openTestDatabase, testPostgresUrl, type TestDatabaseTarget } from './test-database.js';
