import { StrataError } from '@strata/modules/errors';

/** The most items one page of any connection returns. */
export const MAX_PAGE = 100;

/** `first` as asked, refused outside 1–100 (never silently clamped: the client would miss items). */
export function pageSize(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
    throw new StrataError('graphql.invalid_page_size', 'invalid', `first must be 1 to ${MAX_PAGE}.`, {
      details: { first },
    });
  }
  return first;
}
