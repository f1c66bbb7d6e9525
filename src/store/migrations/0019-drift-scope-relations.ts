import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * Drift checks with a scope and relationships (issue 11): an observation records what it covers
 * when it is partial or scoped (`scope`) and how many relationships it reported (`relations`); a
 * finding about a relationship records it (`relation`: type and ends). Null on the rows before.
 */
export function up(engine: Engine) {
  return async (db: Kysely<unknown>): Promise<void> => {
    const json = engine === 'postgres' ? sql`jsonb` : sql`text`;
    await db.schema.alterTable('drift_observations').addColumn('scope', json).execute();
    await db.schema.alterTable('drift_observations').addColumn('relations', 'integer').execute();
    await db.schema.alterTable('drift_findings').addColumn('relation', json).execute();
  };
}
