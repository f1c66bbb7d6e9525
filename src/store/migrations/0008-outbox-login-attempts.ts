import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * Two tables of issue 12:
 * - `event_outbox`: each event a write produces, inserted in the write's own transaction, so an
 *   event exists exactly when its write committed; a relay turns each row into delivery jobs and
 *   deletes it in one transaction. `seq` orders the rows (an integer primary key on SQLite, a
 *   serial on PostgreSQL).
 * - `login_attempts`: the sign-in attempts of the throttling window, shared by every server
 *   process, counted per account and per client address.
 */
export function up(engine: Engine) {
  return async (db: Kysely<unknown>): Promise<void> => {
    const json = engine === 'postgres' ? sql`jsonb` : sql`text`;
    const time = engine === 'postgres' ? sql`timestamptz` : sql`text`;
    const serial = engine === 'postgres' ? sql`bigserial` : sql`integer`;

    await db.schema
      .createTable('event_outbox')
      .addColumn('seq', serial, (c) => c.primaryKey())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('at', time, (c) => c.notNull())
      .addColumn('data', json, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('login_attempts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('at', time, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('ix_login_attempts_username')
      .on('login_attempts')
      .columns(['username', 'at'])
      .execute();
    await db.schema.createIndex('ix_login_attempts_address').on('login_attempts').columns(['address', 'at']).execute();
    await db.schema.createIndex('ix_login_attempts_at').on('login_attempts').column('at').execute();
  };
}
