// Whether the suites that need Debian's Orthanc run: always in CI (`.ci/run` installs it, and a
// missing Orthanc must fail there), elsewhere only when it is installed.
import { orthancInstalled } from '../support/orthanc.js';

export const withOrthanc = orthancInstalled() || process.env['CI'] === 'true';

/** `describe`, or outside CI without Orthanc `describe.skip` with the reason in the suite's name. */
export function describeWithOrthanc(name: string, suite: () => void): void {
  if (withOrthanc) describe(name, suite);
  else describe.skip(`${name} (skipped: Orthanc is not installed; apt-get install orthanc orthanc-dicomweb)`, suite);
}
