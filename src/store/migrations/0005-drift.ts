import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * Drift detection: observations (a hash and counts, never the observed items), the findings of
 * each check, suppression rules, versioned source authority rules, and the revisions written by
 * accepting drift that wait for a retrospective review. Numbers (OBS-n, DRF-n, SUP-n) are
 * allocated inside the writing transaction, under a lock (see drift.repository.ts).
 */
export function up(engine: Engine) {
  return async (db: Kysely<unknown>): Promise<void> => {
    const json = engine === 'postgres' ? sql`jsonb` : sql`text`;
    const time = engine === 'postgres' ? sql`timestamptz` : sql`text`;

    await db.schema
      .createTable('drift_observations')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('observed_at', time, (c) => c.notNull())
      .addColumn('checked_at', time, (c) => c.notNull())
      .addColumn('author', 'text', (c) => c.notNull())
      .addColumn('format', 'text', (c) => c.notNull())
      .addColumn('file', 'text')
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('items', 'integer', (c) => c.notNull())
      .addColumn('by_class', json, (c) => c.notNull())
      .addColumn('rev', 'integer', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('drift_findings')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('observation_id', 'integer', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('ref', 'text', (c) => c.notNull())
      .addColumn('class', 'text', (c) => c.notNull())
      .addColumn('ci_id', 'text')
      .addColumn('observed_ref', 'text')
      .addColumn('classification', 'text', (c) => c.notNull())
      .addColumn('attributes', json, (c) => c.notNull())
      .addColumn('item', json)
      .addColumn('suppressed_by', 'text')
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('resolution_kind', 'text')
      .addColumn('resolved_by', 'text')
      .addColumn('resolved_at', time)
      .addColumn('resolution_ref', 'text')
      .addColumn('resolution_note', 'text')
      .execute();
    // Open findings of a source are what `drift list` shows and what a new check supersedes.
    await db.schema
      .createIndex('ix_drift_findings_open')
      .on('drift_findings')
      .columns(['source', 'id'])
      .where(sql<boolean>`state = 'open'`)
      .execute();
    await db.schema
      .createIndex('ix_drift_findings_observation')
      .on('drift_findings')
      .column('observation_id')
      .execute();

    await db.schema
      .createTable('drift_suppressions')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('match', json, (c) => c.notNull())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('expires_at', time, (c) => c.notNull())
      .addColumn('created_at', time, (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('removed_at', time)
      .addColumn('removed_by', 'text')
      .execute();

    await db.schema
      .createTable('drift_authority_versions')
      .addColumn('version', 'integer', (c) => c.primaryKey())
      .addColumn('rules', json, (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('created_at', time, (c) => c.notNull())
      .addColumn('author', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('drift_reviews')
      .addColumn('rev', 'integer', (c) => c.primaryKey())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('observation_ids', json, (c) => c.notNull())
      .addColumn('finding_ids', json, (c) => c.notNull())
      .addColumn('flagged_at', time, (c) => c.notNull())
      .addColumn('flagged_by', 'text', (c) => c.notNull())
      .addColumn('reviewed_at', time)
      .addColumn('reviewed_by', 'text')
      .addColumn('note', 'text')
      .execute();
  };
}
