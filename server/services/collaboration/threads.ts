import type { DatasetRecord } from '@strata/models';

/** How the audit log names a thread: `lab/ct#12`. */
export function subjectOf(dataset: DatasetRecord, number: number): string {
  return `${dataset.owner}/${dataset.name}#${number}`;
}
