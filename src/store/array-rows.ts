import type { CompiledQuery } from 'kysely';

// Its own module, free of the PostgreSQL driver, as sent-with-next.ts: repositories mark their
// statements on either engine, and a CLI read on SQLite must not load `pg`.

/** SQL whose rows the PostgreSQL pool returns as arrays (withArrayRows). */
const arrayRowSql = new Set<string>();

/**
 * Marks a statement to be answered on PostgreSQL with each row as an array of its column values,
 * in its select list's order, instead of an object keyed by column name: the driver then builds
 * no object per row, which for the thousands of versions a diff reads is a good part of reading
 * them (issue 14). The mark is kept by SQL text, so it is only for the SQL of compiled templates
 * (a bounded set) and only for a caller that reads the rows as arrays: any other caller of the
 * same text would get arrays too. SQLite reads arrays through its own statements (raw mode).
 */
export function withArrayRows(query: CompiledQuery): CompiledQuery<unknown[]> {
  arrayRowSql.add(query.sql);
  return query;
}

/** Whether `sql` was marked by withArrayRows. */
export function hasArrayRows(sql: string): boolean {
  return arrayRowSql.has(sql);
}
