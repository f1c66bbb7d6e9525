import { decodeCursor, encodeCursor } from './cursor.js';
import { InputError } from './errors.js';

/** What a caller asks of a paged list: at most `limit` items, after the `cursor` of the previous page. */
export interface PageRequest {
  limit?: number;
  cursor?: string;
}

/** One page of a list: its items, the cursor of the next page (null on the last), the total on the first. */
export interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

/** The page size when the caller gives none: the API's default. */
export const DEFAULT_PAGE = 100;

/** The largest page any list gives, documented as 1 000 (the API's schema holds the same bound). */
export const MAX_PAGE = 1000;

/** Refuses a page size that is not a whole number from 1 to MAX_PAGE: the core's own guard, for callers that are not the API. */
export function checkPageLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    throw new InputError('INVALID_LIMIT', `a page holds 1 to ${MAX_PAGE} items, not ${limit}`, [
      { path: 'limit', message: `must be a whole number from 1 to ${MAX_PAGE}` },
    ]);
  }
}

const isKeyCursor = (v: unknown): v is { after: string } =>
  typeof v === 'object' && v !== null && typeof (v as { after?: unknown }).after === 'string';

/**
 * One page of a short list read whole (users, groups, tokens, webhooks: tens of rows, not
 * millions). Items are ordered by `key` (code-point order, the same on every engine) and the
 * cursor holds the last key shown, so a page never repeats or skips an item that stays put.
 */
export function pageOf<T>(all: readonly T[], key: (item: T) => string, request: PageRequest = {}): ListPage<T> {
  const limit = request.limit ?? DEFAULT_PAGE;
  const keyed = all.map((item) => ({ item, k: key(item) })).sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  const after = request.cursor === undefined ? undefined : decodeCursor(request.cursor, isKeyCursor).after;
  const rest = after === undefined ? keyed : keyed.filter((x) => x.k > after);
  const shown = rest.slice(0, limit);
  const more = rest.length > limit;
  return {
    items: shown.map((x) => x.item),
    nextCursor: more ? encodeCursor({ after: shown[shown.length - 1]!.k }) : null,
    ...(after === undefined ? { total: all.length } : {}),
  };
}
