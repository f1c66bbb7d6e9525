import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * `cab_minutes`: the record of a CAB meeting — its date, attendees, the decisions taken (copied
 * from the approval records, with their sequence numbers), free-text minutes, who recorded them.
 * A record is edited while open; once closed it never changes (the repository updates only rows
 * whose `closed_at` is null) and a correction is a new record naming the one it corrects.
 */
export function up(engine: Engine) {
  return async (db: Kysely<unknown>): Promise<void> => {
    const json = engine === 'postgres' ? sql`jsonb` : sql`text`;
    const time = engine === 'postgres' ? sql`timestamptz` : sql`text`;
    await db.schema
      .createTable('cab_minutes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('meeting_date', 'text', (c) => c.notNull())
      .addColumn('attendees', json, (c) => c.notNull())
      .addColumn('notes', 'text', (c) => c.notNull())
      .addColumn('decisions', json, (c) => c.notNull())
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('recorded_at', time, (c) => c.notNull())
      .addColumn('updated_at', time, (c) => c.notNull())
      .addColumn('closed_by', 'text')
      .addColumn('closed_at', time)
      .addColumn('corrects', 'text')
      .execute();
    await db.schema.createIndex('ix_cab_minutes_date').on('cab_minutes').columns(['meeting_date', 'id']).execute();
  };
}
