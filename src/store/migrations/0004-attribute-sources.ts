import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/** Which source last set each attribute of a CI version (`{"os": "import:glpi", …}`). */
export function up(engine: Engine) {
  return async (db: Kysely<unknown>): Promise<void> => {
    const json = engine === 'postgres' ? sql`jsonb` : sql`text`;
    const empty = engine === 'postgres' ? sql`'{}'::jsonb` : sql`'{}'`;
    await db.schema
      .alterTable('ci_versions')
      .addColumn('attribute_sources', json, (c) => c.notNull().defaultTo(empty))
      .execute();
  };
}
