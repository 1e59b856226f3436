export { useVersioningFixture, type VersioningFixture } from './versioning-fixture.js';
export { putFiles } from './put-files.js';
