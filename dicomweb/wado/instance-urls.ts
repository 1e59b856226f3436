import type { BulkDataLocation } from '@strata/modules/dicom';
import type { VersionInstance } from '@strata/services/dicomweb';

/** The WADO-RS URL of an instance under a version's base. */
export function instanceUrl(base: string, instance: VersionInstance): string {
  return `${base}/studies/${instance.studyUid}/series/${instance.seriesUid}/instances/${instance.sopUid}`;
}

/**
 * The BulkDataURI of a value: where its bytes are in the stored file. Stable per version (the
 * file's bytes never change), and absolute, from the URL the client used.
 */
export function bulkDataUrl(base: string, instance: VersionInstance, location: BulkDataLocation): string {
  return `${instanceUrl(base, instance)}/bulkdata/${location.offset}-${location.length}`;
}
