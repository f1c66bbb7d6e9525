import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * `deployments.revision` (issue 9): the revision that applied a deployment's CI updates, as a
 * column of its own beside the copy in `data`, so that the configuration audit finds the
 * deployment behind each revision of a range by an index range scan instead of reading every
 * deployment. Deployments written before are filled in from `data`; the JSON is read with each
 * engine's own operator (jsonb on PostgreSQL, text on SQLite).
 */
export function up(engine: Engine) {
  return async (db: Kysely<unknown>): Promise<void> => {
    await db.schema.alterTable('deployments').addColumn('revision', 'integer').execute();
    const fromData =
      engine === 'postgres' ? sql`(data ->> 'revision')::integer` : sql`json_extract(data, '$.revision')`;
    await sql`update deployments set revision = ${fromData}`.execute(db);
    await db.schema.createIndex('ix_deployments_revision').on('deployments').column('revision').execute();
  };
}
