import type { DatasetRecord, LabelRecord, ThreadRecord, VersioningRepositories } from '@strata/models';
import { StrataError } from '@strata/modules/errors';
import type { Actor } from '../access/actor.js';
import { openDataset } from '../access/require-access.js';
import { recordEvent } from '../audit/audit.js';
import type { VersioningDeps } from '../versioning/versioning-deps.js';
import { findThread } from './thread-access.js';

const LABEL_NAME = /^[^\s,](?:[^,\n\r\t]{0,48}[^\s,])?$/u;
const COLOR = /^#?([0-9a-fA-F]{6})$/;

/** Creates a label of the dataset (write role); `label.exists` if the name is taken in any case. */
export async function createLabel(
  deps: VersioningDeps,
  actor: Actor,
  fullName: string,
  label: { name: string; color: string; description?: string },
): Promise<LabelRecord> {
  const name = label.name.trim();
  if (!LABEL_NAME.test(name)) {
    throw new StrataError(
      'label.invalid_name',
      'invalid',
      'A label name has 1 to 50 characters, no commas or line breaks.',
    );
  }
  const color = COLOR.exec(label.color)?.[1]?.toLowerCase();
  if (color === undefined)
    throw new StrataError('label.invalid_color', 'invalid', 'A color is six hex digits, as #d73a4a.');
  const description = label.description ?? '';
  if (description.length > 200) {
    throw new StrataError('label.invalid_description', 'invalid', 'A label description has at most 200 characters.');
  }
  const dataset = await openDataset(deps, actor, fullName, 'write');
  return deps.database.transaction(async (repositories) => {
    const created = await repositories.labels.create({ datasetId: dataset.id, name, color, description }, deps.now());
    if (created === undefined) {
      throw new StrataError('label.exists', 'conflict', `${fullName} has a label named '${name}' already.`, {
        details: { name },
      });
    }
    await recordEvent(repositories, deps, actor, 'label.created', {
      datasetId: dataset.id,
      subject: fullName,
      data: { name },
    });
    return created;
  });
}

/** Deletes a label, taking it off every issue and proposal (write role). */
export async function deleteLabel(deps: VersioningDeps, actor: Actor, fullName: string, name: string): Promise<void> {
  const dataset = await openDataset(deps, actor, fullName, 'write');
  await deps.database.transaction(async (repositories) => {
    const label = await findLabel(repositories, dataset, name, true);
    await repositories.labels.delete(label.id);
    await recordEvent(repositories, deps, actor, 'label.deleted', {
      datasetId: dataset.id,
      subject: fullName,
      data: { name: label.name },
    });
  });
}

/** The dataset's labels, by name. */
export async function listLabels(deps: VersioningDeps, actor: Actor, fullName: string): Promise<LabelRecord[]> {
  const dataset = await openDataset(deps, actor, fullName, 'read');
  return deps.database.read().labels.list(dataset.id);
}

/** Puts a label on, or takes it off, thread `#number` (write role). Either is a no-op when already so. */
export async function setThreadLabel(
  deps: VersioningDeps,
  actor: Actor,
  fullName: string,
  number: number,
  name: string,
  on: boolean,
): Promise<ThreadRecord> {
  const dataset = await openDataset(deps, actor, fullName, 'write');
  return deps.database.transaction(async (repositories) => {
    const thread = await findThread(repositories, dataset, number, undefined, true);
    const label = await findLabel(repositories, dataset, name, true);
    const changed = on
      ? await repositories.labels.attach(thread.id, label.id)
      : await repositories.labels.detach(thread.id, label.id);
    if (changed) {
      await repositories.threads.touch(thread.id, deps.now());
      await recordEvent(repositories, deps, actor, on ? 'thread.labeled' : 'thread.unlabeled', {
        datasetId: dataset.id,
        subject: `${fullName}#${number}`,
        data: { label: label.name },
      });
    }
    return thread;
  });
}

/** The label named so (any case); `label.not_found` when `required`, else null. */
export async function findLabel(
  repositories: VersioningRepositories,
  dataset: DatasetRecord,
  name: string,
  required: true,
): Promise<LabelRecord>;
export async function findLabel(
  repositories: VersioningRepositories,
  dataset: DatasetRecord,
  name: string,
  required: false,
): Promise<LabelRecord | null>;
export async function findLabel(
  repositories: VersioningRepositories,
  dataset: DatasetRecord,
  name: string,
  required: boolean,
): Promise<LabelRecord | null> {
  const label = await repositories.labels.byName(dataset.id, name.trim());
  if (label !== undefined) return label;
  if (!required) return null;
  throw new StrataError('label.not_found', 'not_found', `No label '${name}' in ${dataset.owner}/${dataset.name}.`, {
    details: { name },
  });
}

/** The labels of each thread id, in the order asked (for a DataLoader: one query per batch). */
export async function labelsOfThreads(deps: VersioningDeps, threadIds: readonly string[]): Promise<LabelRecord[][]> {
  const rows = await deps.database.read().labels.ofThreads(threadIds);
  return threadIds.map((id) => rows.filter((row) => row.threadId === id).map((row) => row.label));
}
