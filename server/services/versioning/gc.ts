import type { BlobStore, Digest, StoredBlob } from '@strata/modules/blob';
import { StrataError } from '@strata/modules/errors';
import type { DerivedTable, SweptKind, SweptRows, VersioningRepositories } from '@strata/models';
import { GcMarker, incomplete } from './gc-mark.js';
import { gcRoots } from './gc-roots.js';
import type { VersioningDeps } from './versioning-deps.js';

/** The default grace period: 24 hours. */
export const DEFAULT_GRACE_MS = 24 * 60 * 60 * 1000;

/** Blobs looked at per batch of the part sweep. */
const PAGE = 500;

export interface GcOptions {
  /** Nothing written or touched more recently than this is removed (default 24 h). */
  graceMs?: number;
  /** Report what a run would remove, and change nothing. */
  dryRun?: boolean;
}

export interface GcCount {
  count: number;
  bytes: number;
}

export interface GcReport {
  dryRun: boolean;
  /** Rows and parts not written or touched since this instant were candidates. */
  cutoff: Date;
  /** What the roots reach (and so was kept). */
  reachable: { commits: number; nodes: number; files: number };
  /** Removed (or, in a dry run, to be removed). Bytes: of the objects' data, of the files' contents, of the parts. */
  removed: { commits: GcCount; nodes: GcCount; files: GcCount };
  /** Rows derived from removed objects and files, by table. */
  derived: Partial<Record<DerivedTable, number>>;
  /** Unreferenced parts moved to the trash (packed ones with their pack); the next run deletes them. */
  trashed: GcCount;
  /**
   * Packs (docs/design/blob-packs.md) moved to the trash, their unreferenced parts counted in
   * `trashed`: `rewritten` of them had parts still needed, `copied` bytes of which went first into
   * a new pack; `duplicates` were referenced parts a newer pack also holds, dropped with them.
   */
  packs: { trashed: number; rewritten: number; copied: number; duplicates: number };
  /** Parts a put refreshed while this run moved them to the trash: put back. */
  restored: number;
  /**
   * The previous run's trash: deleted, put back because a file now refers to the part, or
   * waiting (modified within the grace period) for a later run.
   */
  trash: { deleted: GcCount; restored: number; waiting: number };
}

/**
 * Garbage collection: removes the commits, tree nodes, files and blob parts that no root reaches
 * (see gc-roots.ts) and nobody has written or touched for the grace period. Writers touch what
 * they reuse (rows by `touched_at`, parts by their modification time), so a write that
 * deduplicates against something old keeps it; the order of the steps below, and the trash
 * parts pass through, close the remaining races (docs/design/versioning.md, gc). One run at a
 * time per database (`gc.running` otherwise).
 */
export async function gc(deps: VersioningDeps, options: GcOptions = {}): Promise<GcReport> {
  const outcome = await deps.database.exclusive('gc', () => collect(deps, options));
  if (!outcome.ran) {
    throw new StrataError('gc.running', 'conflict', 'Another gc is running on this database: try again once it ends.');
  }
  return outcome.value;
}

async function collect(deps: VersioningDeps, options: GcOptions): Promise<GcReport> {
  const read = deps.database.read();
  const dryRun = options.dryRun === true;
  // The database's clock, the one that writes touched_at. Part modification times come from the
  // blob store's clock; the grace period is meant to dwarf any skew between the two.
  const cutoff = new Date((await read.gc.now()).getTime() - (options.graceMs ?? DEFAULT_GRACE_MS));
  await read.gc.clearMarks();
  try {
    // 1. Mark everything the roots reach. Nothing is removed if any of it is missing.
    const marker = new GcMarker(read);
    await marker.markFrom(await gcRoots(read, cutoff));
    await checkMarkedFiles(read);

    // 2. The previous run's trash first: its parts sat there a whole run, after a put that
    //    refreshed them had its chance to be seen. A part some file refers to by now (a put that
    //    raced the move on S3, where moving is not atomic) goes back instead, and a part modified
    //    within the grace period stays for a later run (see emptyTrash).
    const trash = await emptyTrash(deps.blobStore, read, cutoff, dryRun);

    // 3. Commits before tree nodes: an operation that builds on a commit named by id touches it
    //    first, so after this step every commit still here is marked or recent, and step 4 marks
    //    what the recent ones reach before any tree node can go.
    const commits = await sweepRows(deps, 'commit', cutoff, dryRun);

    // 4. Mark again from the roots as they are now: commits touched, and refs created or moved,
    //    since step 1. Only what is new is walked.
    await marker.markFrom(await gcRoots(read, cutoff));
    await checkMarkedFiles(read);

    // 5, 6. Tree nodes, then files, each with the rows derived from them, in one transaction per
    //    batch, so a writer that re-creates an object waits and then writes its derived rows too.
    const nodes = await sweepRows(deps, 'tree', cutoff, dryRun);
    const files = await sweepRows(deps, 'file', cutoff, dryRun);

    // 7. Parts last, against the file rows that remain: a part is kept while any file refers to it.
    const parts = await sweepParts(deps.blobStore, read, cutoff, dryRun);

    const derived: GcReport['derived'] = {};
    for (const swept of [commits, nodes, files]) {
      for (const [table, count] of Object.entries(swept.derived) as [DerivedTable, number][]) {
        derived[table] = (derived[table] ?? 0) + count;
      }
    }
    return {
      dryRun,
      cutoff,
      reachable: { ...marker.counts },
      removed: { commits: countOf(commits), nodes: countOf(nodes), files: countOf(files) },
      derived,
      trashed: parts.trashed,
      packs: parts.packs,
      restored: parts.restored,
      trash,
    };
  } finally {
    await read.gc.clearMarks();
  }
}

/** Deletes (or counts) the unmarked rows of a kind untouched since the cutoff, a batch per transaction. */
async function sweepRows(deps: VersioningDeps, kind: SweptKind, cutoff: Date, dryRun: boolean): Promise<SweptRows> {
  const read = deps.database.read();
  if (dryRun) return read.gc.countUnmarked(kind, cutoff);
  const total: SweptRows = { count: 0, bytes: 0, derived: {} };
  for (;;) {
    const ids = await read.gc.unmarked(kind, cutoff);
    if (ids.length === 0) return total;
    const swept = await deps.database.transaction((repositories) => repositories.gc.deleteUntouched(kind, ids, cutoff));
    total.count += swept.count;
    total.bytes += swept.bytes;
    for (const [table, count] of Object.entries(swept.derived) as [DerivedTable, number][]) {
      total.derived[table] = (total.derived[table] ?? 0) + count;
    }
    // Every candidate was touched meanwhile: they are no longer candidates, but stop rather than spin.
    if (swept.count === 0) return total;
  }
}

/** Every marked file must have its row: its parts are known only from there. */
async function checkMarkedFiles(read: VersioningRepositories): Promise<void> {
  const [missing] = await read.gc.markedFilesMissing(1);
  if (missing !== undefined) throw incomplete(`File ${missing} has no file record`);
}

/**
 * Deletes the parts in the trash, except those a file row refers to (put back) and those
 * modified since the cutoff (left for a later run). On the filesystem a trashed part keeps the
 * time it had in the store, so a recent one is a part a put touched just as a run moved it, and
 * that run stopped before putting it back; on S3 the time is that of the move, so the trash is
 * deleted once it is older than the grace period.
 */
async function emptyTrash(
  store: BlobStore,
  read: VersioningRepositories,
  cutoff: Date,
  dryRun: boolean,
): Promise<GcReport['trash']> {
  const trash = { deleted: { count: 0, bytes: 0 }, restored: 0, waiting: 0 };
  let marked = false;
  for await (const page of pages(store.listTrash())) {
    // Only when there is trash: marking reads every file row.
    if (!marked) await read.gc.markParts();
    marked = true;
    const referenced = await read.gc.markedParts(page.map((blob) => blob.digest));
    for (const blob of page) {
      if (referenced.has(blob.digest)) {
        if (dryRun || (await store.restore(blob.digest))) trash.restored++;
      } else if (blob.modifiedAt >= cutoff) {
        trash.waiting++;
      } else if (dryRun || (await store.deleteTrashed(blob.digest))) {
        trash.deleted.count++;
        trash.deleted.bytes += blob.size;
      }
    }
  }
  for await (const pack of store.listTrashedPacks()) {
    if (!marked) await read.gc.markParts();
    marked = true;
    const referenced = await markedAmong(read, pack.blobs);
    // Only if a referenced part has no other copy: the pack was trashed after its live parts were copied.
    const missing = [];
    for (const digest of referenced) if ((await store.stat(digest)) === undefined) missing.push(digest);
    if (missing.length > 0) {
      if (dryRun || (await store.restorePack(pack.id))) trash.restored += missing.length;
    } else if (dryRun || (await store.deleteTrashedPack(pack.id))) {
      // Counted as the sweep counted them: the parts no file refers to.
      for (const blob of pack.blobs) {
        if (referenced.has(blob.digest)) continue;
        trash.deleted.count++;
        trash.deleted.bytes += blob.size;
      }
    }
  }
  await read.gc.clearMarks('part');
  return trash;
}

/** The digests among `blobs` that a file row refers to (parts marked), asked a page at a time. */
async function markedAmong(read: VersioningRepositories, blobs: readonly { digest: Digest }[]): Promise<Set<Digest>> {
  const marked = new Set<Digest>();
  for (let i = 0; i < blobs.length; i += PAGE) {
    const page = blobs.slice(i, i + PAGE).map((blob) => blob.digest);
    for (const digest of await read.gc.markedParts(page)) marked.add(digest);
  }
  return marked;
}

/**
 * Moves to the trash the parts no remaining file refers to and not modified since the cutoff.
 * A put that finds a part stored refreshes its modification time: one that did so after the
 * listing shows in the time the part had when it left, and the part goes back. A put after the
 * move no longer finds the part and stores it again.
 */
async function sweepParts(
  store: BlobStore,
  read: VersioningRepositories,
  cutoff: Date,
  dryRun: boolean,
): Promise<{ trashed: GcCount; restored: number; packs: GcReport['packs'] }> {
  const trashed = { count: 0, bytes: 0 };
  const packs = { trashed: 0, rewritten: 0, copied: 0, duplicates: 0 };
  let restored = 0;
  // A dry run removed no file: it counts against the files a real run would leave.
  await read.gc.markParts(dryRun ? cutoff : undefined);
  for await (const page of pages(store.listStored())) {
    const old = page.filter((blob) => blob.modifiedAt < cutoff);
    const referenced = await read.gc.markedParts(old.map((blob) => blob.digest));
    for (const blob of old) {
      if (referenced.has(blob.digest)) continue;
      if (!dryRun) {
        const modifiedAt = await store.trash(blob.digest);
        if (modifiedAt === undefined) continue;
        if (modifiedAt >= cutoff) {
          await store.restore(blob.digest);
          restored++;
          continue;
        }
      }
      trashed.count++;
      trashed.bytes += blob.size;
    }
  }
  // Packs as a whole: a pack cannot lose one part in place. Its parts needed are those a file
  // refers to whose newest copy it holds; a put of bytes already packed writes them again, into a
  // new pack, so a pack past the cutoff gains no new reference to bytes it alone holds. One with
  // nothing needed goes to the trash; one needed for less than half its bytes goes once its
  // needed parts are copied to a new pack; the others stay as they are.
  for await (const pack of store.listPacks()) {
    if (pack.modifiedAt >= cutoff) continue;
    const referenced = await markedAmong(read, pack.blobs);
    const needed = new Set(pack.blobs.filter((blob) => blob.newest && referenced.has(blob.digest)));
    if (needed.size === pack.blobs.length) continue;
    const neededBytes = [...needed].reduce((sum, blob) => sum + blob.size, 0);
    const blobBytes = pack.blobs.reduce((sum, blob) => sum + blob.size, 0);
    if (needed.size > 0 && neededBytes * 2 >= blobBytes) continue;
    const keep = [...needed].map((blob) => blob.digest);
    if (!dryRun && !(await store.rewritePack(pack.id, keep))) continue;
    packs.trashed++;
    if (needed.size > 0) packs.rewritten++;
    packs.copied += neededBytes;
    for (const blob of pack.blobs) {
      if (needed.has(blob)) continue;
      if (referenced.has(blob.digest)) {
        packs.duplicates++;
      } else {
        trashed.count++;
        trashed.bytes += blob.size;
      }
    }
  }
  return { trashed, restored, packs };
}

async function* pages(blobs: AsyncIterable<StoredBlob>): AsyncIterable<StoredBlob[]> {
  let page: StoredBlob[] = [];
  for await (const blob of blobs) {
    page.push(blob);
    if (page.length === PAGE) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

function countOf(rows: SweptRows): GcCount {
  return { count: rows.count, bytes: rows.bytes };
}
