import { sql } from 'kysely';

/**
 * A JSON column selected as its text: PostgreSQL's driver would otherwise parse every jsonb value
 * anew, where the readers parse each distinct text once (the diff's interner: most labels repeat)
 * or only when it is needed (a drift scan). jsonb prints equal values as equal text; on SQLite
 * the column is text already.
 */
export const jsonText = (column: 'attributes' | 'labels') => sql<string>`cast(${sql.ref(column)} as text)`.as(column);
