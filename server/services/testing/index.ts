export { useVersioningFixture, type VersioningFixture } from './versioning-fixture.js';
export { putFiles } from './put-files.js';
export { errorCode, signedInUser } from './test-actors.js';
