export { openDatabase, ormOptions, type Database, type OpenDatabaseOptions } from './database/database.js';
export { describeTarget, type DatabaseTarget } from './database/target.js';
export { generateMigration } from './database/migration-generator.js';
export { Installation } from './entities/index.js';
export { enableVectorSupport, type VectorSupport } from './vector/vector-support.js';
