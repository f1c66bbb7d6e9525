import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * `audit_verifications`: each verification of the audit chain made through the API (the web UI's
 * audit page): who, when, and what it found. An auditor's evidence that the trail was checked,
 * and when it last held. The newest are read first.
 */
export function up(engine: Engine) {
  return async (db: Kysely<unknown>): Promise<void> => {
    const time = engine === 'postgres' ? sql`timestamptz` : sql`text`;
    await db.schema
      .createTable('audit_verifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', time, (c) => c.notNull())
      .addColumn('verified_by', 'text', (c) => c.notNull())
      .addColumn('ok', 'integer', (c) => c.notNull())
      .addColumn('revisions', 'integer', (c) => c.notNull())
      .addColumn('first_bad_rev', 'integer')
      .addColumn('first_bad_reason', 'text')
      .addColumn('problem_count', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ix_audit_verifications_at').on('audit_verifications').column('at').execute();
  };
}
