import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * `releases` (issue 9): a service CI at a semantic version, with its notes, artifacts and CI
 * updates (`data`), and its decision. One release per service and version. Versions are ordered
 * by the core (semantic, not text), so only the service is indexed for reading.
 */
export function up(engine: Engine) {
  return async (db: Kysely<unknown>): Promise<void> => {
    const json = engine === 'postgres' ? sql`jsonb` : sql`text`;
    const time = engine === 'postgres' ? sql`timestamptz` : sql`text`;
    await db.schema
      .createTable('releases')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('service', 'text', (c) => c.notNull())
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('data', json, (c) => c.notNull())
      .addColumn('requested_by', 'text', (c) => c.notNull())
      .addColumn('created_at', time, (c) => c.notNull())
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', time)
      .addColumn('decision_comment', 'text')
      .addUniqueConstraint('ux_releases_service_version', ['service', 'version'])
      .execute();
    await db.schema.createIndex('ix_releases_state').on('releases').column('state').execute();
  };
}
