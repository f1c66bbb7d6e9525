import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * `calendar_feeds`: each user's calendar subscription secret (issue 10), for calendar programs
 * that cannot send a bearer token. One row per user: rotating replaces it, revoking deletes it.
 * Only the SHA-256 of the secret is kept, like API tokens'; `id` is the public half of the link,
 * found by index, so the secret itself is compared in constant time rather than by the database.
 */
export function up(engine: Engine) {
  return async (db: Kysely<unknown>): Promise<void> => {
    const time = engine === 'postgres' ? sql`timestamptz` : sql`text`;
    await db.schema
      .createTable('calendar_feeds')
      .addColumn('username', 'text', (c) => c.primaryKey())
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('secret_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', time, (c) => c.notNull())
      .execute();
  };
}
