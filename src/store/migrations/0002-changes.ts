import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * Change enablement: change requests, their approval and transition records (append-only,
 * chained by hash), users and groups, policy versions, and writes made outside change control.
 */
export function up(engine: Engine) {
  return async (db: Kysely<unknown>): Promise<void> => {
    const json = engine === 'postgres' ? sql`jsonb` : sql`text`;
    const time = engine === 'postgres' ? sql`timestamptz` : sql`text`;

    await db.schema
      .createTable('changes')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('requester', 'text', (c) => c.notNull())
      .addColumn('assignee', 'text')
      .addColumn('template', 'text')
      .addColumn('window_start', time)
      .addColumn('window_end', time)
      .addColumn('outcome', 'text')
      .addColumn('plan_hash', 'text', (c) => c.notNull())
      .addColumn('base_revision', 'integer', (c) => c.notNull())
      .addColumn('implemented_revision', 'integer')
      .addColumn('data', json, (c) => c.notNull())
      .addColumn('created_at', time, (c) => c.notNull())
      .addColumn('updated_at', time, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ix_changes_state').on('changes').column('state').execute();
    await db.schema.createIndex('ix_changes_window').on('changes').columns(['window_start', 'window_end']).execute();

    await db.schema
      .createTable('change_cis')
      .addColumn('change_id', 'integer', (c) => c.notNull())
      .addColumn('ref', 'text', (c) => c.notNull())
      .addColumn('class', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_change_cis', ['change_id', 'ref'])
      .execute();
    await db.schema.createIndex('ix_change_cis_ref').on('change_cis').column('ref').execute();
    await db.schema.createIndex('ix_change_cis_class').on('change_cis').column('class').execute();

    await db.schema
      .createTable('change_approvals')
      .addColumn('seq', 'integer', (c) => c.primaryKey())
      .addColumn('change_id', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('approver_group', 'text', (c) => c.notNull())
      .addColumn('comment', 'text')
      .addColumn('at', time, (c) => c.notNull())
      .addColumn('plan_hash', 'text', (c) => c.notNull())
      .addColumn('target', 'integer')
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text')
      .execute();
    await db.schema
      .createIndex('ix_change_approvals_change')
      .on('change_approvals')
      .columns(['change_id', 'seq'])
      .execute();

    await db.schema
      .createTable('change_transitions')
      .addColumn('seq', 'integer', (c) => c.primaryKey())
      .addColumn('change_id', 'integer', (c) => c.notNull())
      .addColumn('from_state', 'text', (c) => c.notNull())
      .addColumn('to_state', 'text', (c) => c.notNull())
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('at', time, (c) => c.notNull())
      .addColumn('comment', 'text')
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text')
      .execute();
    await db.schema
      .createIndex('ix_change_transitions_change')
      .on('change_transitions')
      .columns(['change_id', 'seq'])
      .execute();

    await db.schema
      .createTable('users')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text')
      .addColumn('display_name', 'text')
      .addColumn('created_at', time, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('user_groups')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('description', 'text')
      .execute();
    await db.schema
      .createTable('group_members')
      .addColumn('group_name', 'text', (c) => c.notNull())
      .addColumn('user_name', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_group_members', ['group_name', 'user_name'])
      .execute();
    await db.schema.createIndex('ix_group_members_user').on('group_members').column('user_name').execute();

    await db.schema
      .createTable('policy_versions')
      .addColumn('version', 'integer', (c) => c.primaryKey())
      .addColumn('policy', json, (c) => c.notNull())
      .addColumn('applied_at', time, (c) => c.notNull())
      .addColumn('applied_by', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text')
      .execute();

    await db.schema
      .createTable('unauthorized_changes')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('author', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('at', time, (c) => c.notNull())
      .addColumn('cis', json, (c) => c.notNull())
      .addColumn('retrospective_change', 'text')
      .addColumn('attached_by', 'text')
      .addColumn('attached_at', time)
      .execute();
    await db.schema.createIndex('ix_unauthorized_revision').on('unauthorized_changes').column('revision').execute();
  };
}
