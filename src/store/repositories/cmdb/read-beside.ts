import type { BulkTarget } from './insert-versions.js';
import { sqliteStatement } from './sqlite-statements.js';

/**
 * The SQLite file a reader thread may open for a scan of `table` (page-reader.ts), or undefined
 * for the scan to read in-process: on PostgreSQL, for a database no other connection can open (in
 * memory, or SQLite's temporary one: an empty name), and below `fromRows` rows, where the thread's
 * start and its cold page cache (about 0.1 s) cost more than it saves. The rows are the table's
 * greatest rowid (its rows ever written, ended ones too): one B-tree descent.
 */
export function fileToReadBeside(
  { native }: BulkTarget,
  table: 'ci_versions' | 'relation_versions',
  fromRows: number,
): string | undefined {
  if (!native || native.memory || native.name === '') return undefined;
  const rows = sqliteStatement(native, `select max(rowid) as n from ${table}`).get() as { n: number | null };
  return (rows.n ?? 0) < fromRows ? undefined : native.name;
}
