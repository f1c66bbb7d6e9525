import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * The temporal layout. A version row is live from `rev_from` until `rev_to` (exclusive, null while
 * current). Indexes on current rows are partial (`rev_to IS NULL`) and indexes on history are
 * partial the other way (`rev_to IS NOT NULL`), so a bulk import of new CIs maintains only the
 * current-row indexes, and an as-of read or a diff is an index range scan either way.
 */
export function up(engine: Engine) {
  return async (db: Kysely<unknown>): Promise<void> => {
    const json = engine === 'postgres' ? sql`jsonb` : sql`text`;
    const time = engine === 'postgres' ? sql`timestamptz` : sql`text`;
    const isCurrent = sql<boolean>`rev_to is null`;
    const isPast = sql<boolean>`rev_to is not null`;

    await db.schema
      .createTable('revisions')
      .addColumn('rev', 'integer', (c) => c.primaryKey())
      .addColumn('parent_rev', 'integer')
      .addColumn('at', time, (c) => c.notNull())
      .addColumn('author', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('change_id', 'text')
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text')
      .execute();
    await db.schema.createIndex('ix_revisions_at').on('revisions').column('at').execute();
    await db.schema.createIndex('ix_revisions_change').on('revisions').column('change_id').execute();

    await db.schema
      .createTable('ci_versions')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('rev_from', 'integer', (c) => c.notNull())
      .addColumn('rev_to', 'integer')
      .addColumn('class', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attributes', json, (c) => c.notNull())
      .addColumn('labels', json, (c) => c.notNull())
      .addColumn('source', 'text')
      .addColumn('hash', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_ci_versions', ['id', 'rev_from'])
      .execute();
    await db.schema
      .createIndex('ux_ci_current')
      .on('ci_versions')
      .columns(['class', 'name'])
      .unique()
      .where(isCurrent)
      .execute();
    await db.schema
      .createIndex('ix_ci_past_name')
      .on('ci_versions')
      .columns(['class', 'name', 'rev_from'])
      .where(isPast)
      .execute();
    await db.schema.createIndex('ix_ci_rev_from').on('ci_versions').column('rev_from').execute();
    await db.schema.createIndex('ix_ci_rev_to').on('ci_versions').column('rev_to').where(isPast).execute();

    await db.schema
      .createTable('relation_versions')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('rev_from', 'integer', (c) => c.notNull())
      .addColumn('rev_to', 'integer')
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('source_id', 'text', (c) => c.notNull())
      .addColumn('target_id', 'text', (c) => c.notNull())
      .addColumn('attributes', json, (c) => c.notNull())
      .addColumn('source', 'text')
      .addColumn('hash', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_relation_versions', ['id', 'rev_from'])
      .execute();
    await db.schema
      .createIndex('ux_rel_current')
      .on('relation_versions')
      .columns(['source_id', 'type', 'target_id'])
      .unique()
      .where(isCurrent)
      .execute();
    await db.schema
      .createIndex('ix_rel_current_target')
      .on('relation_versions')
      .column('target_id')
      .where(isCurrent)
      .execute();
    await db.schema
      .createIndex('ix_rel_past_source')
      .on('relation_versions')
      .columns(['source_id', 'rev_from'])
      .where(isPast)
      .execute();
    await db.schema
      .createIndex('ix_rel_past_target')
      .on('relation_versions')
      .columns(['target_id', 'rev_from'])
      .where(isPast)
      .execute();
    await db.schema.createIndex('ix_rel_rev_from').on('relation_versions').column('rev_from').execute();
    await db.schema.createIndex('ix_rel_rev_to').on('relation_versions').column('rev_to').where(isPast).execute();

    await db.schema
      .createTable('model_versions')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('rev_from', 'integer', (c) => c.notNull())
      .addColumn('rev_to', 'integer')
      .addColumn('definition', json, (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_model_versions', ['kind', 'name', 'rev_from'])
      .execute();
    await db.schema.createIndex('ix_model_rev_to').on('model_versions').column('rev_to').execute();

    await db.schema
      .createTable('baselines')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('rev', 'integer', (c) => c.notNull())
      .addColumn('created_at', time, (c) => c.notNull())
      .addColumn('author', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('counters')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'integer', (c) => c.notNull())
      .execute();
  };
}
