import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * `revisions.backout_of`: the change a revision backed out (`CHG-42`), so that the log and the
 * diff link a backout to its change as they link an implementation through `change_id` (issue 10).
 * It is hashed into the chain when set. Backouts written before this migration are not filled in:
 * their hash was computed without it, so adding it now would make `audit verify` fail on them;
 * their message ("Back out CHG-42: …") still names the change.
 */
export function up(_engine: Engine) {
  return async (db: Kysely<unknown>): Promise<void> => {
    await db.schema.alterTable('revisions').addColumn('backout_of', 'text').execute();
  };
}
