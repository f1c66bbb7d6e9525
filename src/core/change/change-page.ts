import type { ChangeQuery, ChangeReader } from './change.port.js';
import { decodeCursor, encodeCursor } from '../shared/cursor.js';
import type { Change } from './change.types.js';

/** One page of `cairn change list` / GET /changes: the filters, the page size and where to go on from. */
export type ChangePageQuery = Omit<ChangeQuery, 'afterId' | 'limit'> & { limit: number; cursor?: string };

export interface ChangePage {
  items: Change[];
  nextCursor: string | null;
  /** How many changes match in all; given on the first page only. */
  total?: number;
}

/** The key of the next page: the number of the last change of this one (changes are listed by number). */
interface ChangeCursor {
  after: number;
}
const isChangeCursor = (v: unknown): v is ChangeCursor =>
  typeof v === 'object' && v !== null && Number.isInteger((v as ChangeCursor).after);

/**
 * Reads one page of changes, by number, with a keyset cursor: a page costs the same wherever it
 * is in the list, and a change created meanwhile shows up on a later page, never twice.
 */
export async function listChangePage(reader: ChangeReader, query: ChangePageQuery): Promise<ChangePage> {
  const { cursor, limit, ...filters } = query;
  const after = cursor === undefined ? undefined : decodeCursor(cursor, isChangeCursor).after;
  const rows = await reader.listChanges({ ...filters, afterId: after, limit: limit + 1 });
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const more = rows.length > limit && last !== undefined;
  const nextCursor = more ? encodeCursor({ after: last.id } satisfies ChangeCursor) : null;
  // One page holds everything: its length is the total, no count needed.
  const total = cursor !== undefined ? undefined : more ? await reader.countChanges(filters) : items.length;
  return { items, nextCursor, ...(total === undefined ? {} : { total }) };
}
