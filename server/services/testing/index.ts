export { useVersioningFixture, type VersioningFixture } from './versioning-fixture.js';
