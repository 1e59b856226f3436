import type { CommentAnchor, DatasetRecord } from '@strata/models';
import { StrataError } from '@strata/modules/errors';
import { entryAt, NodeStaging } from '@strata/modules/objects';
import { readCommit } from '../versioning/commit-store.js';
import { resolveProposable } from './proposals.js';
import type { VersioningDeps } from '../versioning/versioning-deps.js';

/** What a client asks to anchor a comment to; `commit` must be a full commit id of the dataset. */
export interface AnchorRequest {
  commit: string;
  study: string;
  series?: string;
  instance?: string;
  frame?: number;
  region?: { x: number; y: number; width?: number; height?: number };
}

const UID = /^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*$/;

/**
 * Checks an anchor against the dataset: the commit is one of its own (or one an open proposal
 * into it proposes from a fork), each UID is well formed and
 * names a study, series or instance present in that commit's tree, the frame is within the
 * instance's NumberOfFrames when its metadata is indexed, and a region is a point or a rectangle
 * of non-negative pixel coordinates. `anchor.invalid` or `anchor.not_found` otherwise.
 */
export async function checkAnchor(
  deps: VersioningDeps,
  dataset: DatasetRecord,
  request: AnchorRequest,
): Promise<CommentAnchor> {
  if (!/^[0-9a-f]{64}$/.test(request.commit)) invalid('commit', 'An anchor names a full commit id (64 hex digits).');
  const uids = [request.study, request.series, request.instance];
  const depth = uids.findIndex((uid) => uid === undefined);
  const given = (depth === -1 ? uids : uids.slice(0, depth)) as string[];
  if (uids.slice(given.length).some((uid) => uid !== undefined)) {
    invalid('uid', 'An anchor names a study, then optionally its series, then optionally an instance of it.');
  }
  for (const uid of given) {
    if (uid.length > 64 || !UID.test(uid)) invalid('uid', `${JSON.stringify(uid)} is not a DICOM UID.`);
  }
  if (
    request.frame !== undefined &&
    (request.instance === undefined || !Number.isInteger(request.frame) || request.frame < 1)
  ) {
    invalid('frame', 'A frame is a whole number from 1, of an instance.');
  }
  if (request.region !== undefined) checkRegion(request);

  const resolved = await resolveProposable(deps, dataset, request.commit).catch((error: unknown) => {
    if (error instanceof StrataError && error.code === 'ref.not_found')
      notFound(`No commit ${request.commit} in ${dataset.owner}/${dataset.name}.`);
    throw error;
  });
  if (resolved.kind !== 'commit' || resolved.commit !== request.commit) {
    invalid('commit', 'An anchor names a commit by its full id, not a branch or tag.');
  }
  const read = deps.database.read();
  const commit = await readCommit(read, resolved.commit);
  const entry = await entryAt(new NodeStaging(read.objects), commit.tree, given.join('/'));
  if (entry === undefined || (given.length === 3 ? entry.kind === 'dir' : entry.kind !== 'dir')) {
    notFound(`${given.join('/')} is not in commit ${request.commit}.`);
  }
  if (request.frame !== undefined) {
    const frames = (await read.metadata.get(entry.id))?.numberOfFrames;
    if (frames !== undefined && request.frame > Math.max(frames, 1)) {
      invalid('frame', `The instance has ${Math.max(frames, 1)} frame(s).`);
    }
  }
  return {
    commit: resolved.commit,
    study: request.study,
    series: request.series ?? null,
    instance: request.instance ?? null,
    frame: request.frame ?? null,
    region: request.region ?? null,
  };
}

function checkRegion(request: AnchorRequest): void {
  const region = request.region ?? { x: -1, y: -1 };
  const { x, y, width, height } = region;
  const coordinate = (n: number | undefined) => n !== undefined && Number.isFinite(n) && n >= 0 && n <= 1e6;
  const rectangle = width !== undefined || height !== undefined;
  if (
    request.frame === undefined ||
    !coordinate(x) ||
    !coordinate(y) ||
    (rectangle && !(coordinate(width) && coordinate(height) && (width ?? 0) > 0 && (height ?? 0) > 0))
  ) {
    invalid('region', 'A region is a point {x, y} or a rectangle {x, y, width, height} in pixels of a frame.');
  }
}

function invalid(field: string, message: string): never {
  throw new StrataError('anchor.invalid', 'invalid', message, { details: { field } });
}

function notFound(message: string): never {
  throw new StrataError('anchor.not_found', 'not_found', message);
}
