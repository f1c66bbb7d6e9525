import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * `deployments` (issue 9): one promotion or rollback of a release into an environment, who made
 * it, when it started and finished, its result, and the rest of it (`data`: pipeline, change,
 * revision, gates, emergency reason, the version a rollback replaced, a note).
 * `promotion_approvals`: the approvals an environment requires, given per release; a person
 * approves a release's promotion into an environment once.
 */
export function up(engine: Engine) {
  return async (db: Kysely<unknown>): Promise<void> => {
    const json = engine === 'postgres' ? sql`jsonb` : sql`text`;
    const time = engine === 'postgres' ? sql`timestamptz` : sql`text`;
    await db.schema
      .createTable('deployments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('service', 'text', (c) => c.notNull())
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('environment', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('started_at', time, (c) => c.notNull())
      .addColumn('finished_at', time)
      .addColumn('data', json, (c) => c.notNull())
      .execute();
    // The gates and rollback read a service's deployments into one environment, in order.
    await db.schema
      .createIndex('ix_deployments_service_environment')
      .on('deployments')
      .columns(['service', 'environment', 'started_at'])
      .execute();
    await db.schema.createIndex('ix_deployments_state').on('deployments').column('state').execute();
    await db.schema
      .createTable('promotion_approvals')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('release_id', 'text', (c) => c.notNull().references('releases.id'))
      .addColumn('environment', 'text', (c) => c.notNull())
      .addColumn('group_name', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('at', time, (c) => c.notNull())
      .addColumn('comment', 'text')
      .addUniqueConstraint('ux_promotion_approvals_once', ['release_id', 'environment', 'actor'])
      .execute();
  };
}
