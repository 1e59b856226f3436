import { isUuid, StrataError } from '@strata/modules/errors';

/** A page of items and the cursor to continue after (undefined on the last page). */
export interface Page<T> {
  items: T[];
  next: string | undefined;
}

/** The opaque cursor of an item in (time, id) order. */
export function timeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');
}

/** Reads a time cursor back; `page.invalid_cursor` for one this server did not give. */
export function readTimeCursor(cursor: string | undefined): { createdAt: Date; id: string } | undefined {
  if (cursor === undefined) return undefined;
  const [at, id, extra] = Buffer.from(cursor, 'base64url').toString().split('|');
  const createdAt = new Date(at ?? '');
  if (extra !== undefined || id === undefined || !isUuid(id) || Number.isNaN(createdAt.getTime())) {
    throw invalidCursor(cursor);
  }
  return { createdAt, id };
}

/** A thread number cursor (`#12` → `12`). */
export function readNumberCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  if (!/^[1-9][0-9]{0,9}$/.test(cursor)) throw invalidCursor(cursor);
  return Number(cursor);
}

/** The first `limit` of `rows` (fetched one more than a page), with the cursor after the last. */
export function pageOf<T>(rows: T[], limit: number, cursorOf: (item: T) => string): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, next: rows.length > limit && last !== undefined ? cursorOf(last) : undefined };
}

function invalidCursor(cursor: string): StrataError {
  return new StrataError('page.invalid_cursor', 'invalid', 'This cursor was not given by this list.', {
    details: { cursor },
  });
}
