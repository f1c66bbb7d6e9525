import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Engine } from '../engine.js';

/** Scheduled drift checks (server mode): one per source, claimed by compare-and-set on next_run_at. */
export function up(engine: Engine) {
  return async (db: Kysely<unknown>): Promise<void> => {
    const time = engine === 'postgres' ? sql`timestamptz` : sql`text`;
    await db.schema
      .createTable('drift_schedules')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('source', 'text', (c) => c.notNull().unique())
      .addColumn('format', 'text', (c) => c.notNull())
      .addColumn('file', 'text', (c) => c.notNull())
      .addColumn('mapping', 'text')
      .addColumn('every_seconds', 'integer', (c) => c.notNull())
      .addColumn('next_run_at', time, (c) => c.notNull())
      .addColumn('created_at', time, (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('last_run_at', time)
      .addColumn('last_observation', 'text')
      .addColumn('last_error', 'text')
      .execute();
  };
}
