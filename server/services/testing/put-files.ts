import { sha256 } from '@strata/modules/blob';
import type { DatasetRecord } from '@strata/models';
import { commitChanges, type ChangeResult } from '../versioning/commit-changes.js';
import type { VersioningDeps } from '../versioning/versioning-deps.js';

/**
 * Puts files (path → content, recorded as DICOM instances by digest; the bytes are not stored) on
 * a branch, or removes them (null), as one commit: what versioning tests need of a change.
 */
export function putFiles(
  deps: VersioningDeps,
  dataset: DatasetRecord,
  branch: string,
  changes: Record<string, string | null>,
): Promise<ChangeResult> {
  const entries = Object.entries(changes);
  return commitChanges(deps, {
    dataset,
    branch,
    message: `${branch}: ${entries.map(([path]) => path).join(', ')}`,
    author: { name: 'Ada', email: 'ada@example.org' },
    edits: entries.map(([path, content]) => ({
      path,
      file: content === null ? null : { kind: 'dicom', id: sha256(content), bytes: content.length },
    })),
    files: entries.flatMap(([, content]) =>
      content === null ? [] : [{ id: sha256(content), size: content.length, parts: [sha256(content)] }],
    ),
  });
}
