import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * `ix_revisions_change` over the revisions made for a change only (`change_id is not null`).
 * Most revisions carry no change (an apply, an import), and every one of them still added an
 * entry of its null to the index: a page written by every commit of a single-CI change, one of
 * about twelve on SQLite (issue 14). A look-up by a change (`change_id = ?`) implies the
 * predicate, so both engines still answer it from the index.
 */
export function up(_engine: Engine) {
  return async (db: Kysely<unknown>): Promise<void> => {
    await db.schema.dropIndex('ix_revisions_change').execute();
    await db.schema
      .createIndex('ix_revisions_change')
      .on('revisions')
      .column('change_id')
      .where(sql<boolean>`change_id is not null`)
      .execute();
  };
}
