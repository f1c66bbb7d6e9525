import { sql } from 'kysely';
import type { Engine } from '../../engine.js';

/** A top-level key of a JSON column as text, in each engine's syntax (for filters on labels and attributes). */
export function jsonMember(engine: Engine, column: 'labels' | 'attributes', key: string) {
  // PostgreSQL: jsonb ->> key. SQLite: json_extract with a quoted path so any key is safe; it
  // returns native types (1 for true), so spell booleans out and cast the rest to text, as ->> does.
  if (engine === 'postgres') return sql<string>`${sql.ref(column)} ->> ${key}`;
  // Inside a quoted label SQLite reads `\` as an escape: a key ending in a backslash made the path
  // malformed (a 500), and `\"` was not the key asked for. Escape both so any key is matched as is.
  const path = `$."${key.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
  const col = sql.ref(column);
  // SQLite's JSON functions fail on text nested more than 1 000 levels ("malformed JSON"): one
  // such row, stored before inputs were bounded, made every query fail. It matches nothing instead.
  return sql<string>`(case when not json_valid(${col}) then null when json_type(${col}, ${path}) = 'true' then 'true' when json_type(${col}, ${path}) = 'false' then 'false' else cast(json_extract(${col}, ${path}) as text) end)`;
}
