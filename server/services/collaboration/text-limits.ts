import { StrataError } from '@strata/modules/errors';

/** Longest title of an issue (the column's width). */
export const MAX_TITLE = 300;
/** Longest body of an issue, comment or release notes: a long report, not a data dump. */
export const MAX_BODY = 65_536;

/** A title: trimmed, 1–300 characters; `text.invalid_title` otherwise. */
export function checkTitle(title: string): string {
  const trimmed = title.trim();
  if (trimmed.length === 0 || [...trimmed].length > MAX_TITLE) {
    throw new StrataError('text.invalid_title', 'invalid', `A title has 1 to ${MAX_TITLE} characters.`, {
      details: { max: MAX_TITLE },
    });
  }
  return trimmed;
}

/** A body of at most 65,536 characters (`text.too_long`); `required` refuses an empty one. */
export function checkBody(body: string, required = false): string {
  if (body.length > MAX_BODY) {
    throw new StrataError('text.too_long', 'invalid', `A text has at most ${MAX_BODY} characters.`, {
      details: { max: MAX_BODY, length: body.length },
    });
  }
  if (required && body.trim().length === 0) {
    throw new StrataError('text.empty', 'invalid', 'The text is empty.');
  }
  return body;
}
