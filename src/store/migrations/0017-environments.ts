import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * `environment_versions`: every environments.yaml ever applied (issue 9), versioned like
 * `policy_versions`: each version chained by hash to the one before, its count kept in `counters`
 * (`audit:environment-versions`), so that `audit verify` names an edited, deleted or inserted
 * version. Releases get their tables in `0017-releases`, of the same migration number.
 */
export function up(engine: Engine) {
  return async (db: Kysely<unknown>): Promise<void> => {
    const json = engine === 'postgres' ? sql`jsonb` : sql`text`;
    const time = engine === 'postgres' ? sql`timestamptz` : sql`text`;
    await db.schema
      .createTable('environment_versions')
      .addColumn('version', 'integer', (c) => c.primaryKey())
      .addColumn('environments', json, (c) => c.notNull())
      .addColumn('applied_at', time, (c) => c.notNull())
      .addColumn('applied_by', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text')
      .execute();
  };
}
