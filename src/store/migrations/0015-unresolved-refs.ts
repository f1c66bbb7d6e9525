import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * `unresolved_refs`: references an import read whose target is neither in its input nor in the
 * CMDB (core/cmdb/unresolved-ref.types.ts). Open while `resolved_rev` is null; found by their
 * source (a re-import replaces them), by the missing `class/name` (when a CI of that name is
 * written) and by either end (the CI page).
 */
export function up(engine: Engine) {
  return async (db: Kysely<unknown>): Promise<void> => {
    const time = engine === 'postgres' ? sql`timestamptz` : sql`text`;
    const json = engine === 'postgres' ? sql`jsonb` : sql`text`;
    await db.schema
      .createTable('unresolved_refs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('from_ref', 'text', (c) => c.notNull())
      .addColumn('to_ref', 'text', (c) => c.notNull())
      .addColumn('missing', 'text', (c) => c.notNull())
      .addColumn('attributes', json)
      .addColumn('file', 'text', (c) => c.notNull())
      .addColumn('location', 'text')
      .addColumn('recorded_at', time, (c) => c.notNull())
      .addColumn('resolved_at', time)
      .addColumn('resolved_rev', 'integer')
      .execute();
    await db.schema.createIndex('ix_unresolved_refs_source').on('unresolved_refs').columns(['source']).execute();
    await db.schema.createIndex('ix_unresolved_refs_missing').on('unresolved_refs').columns(['missing']).execute();
    await db.schema.createIndex('ix_unresolved_refs_from').on('unresolved_refs').columns(['from_ref']).execute();
    await db.schema.createIndex('ix_unresolved_refs_to').on('unresolved_refs').columns(['to_ref']).execute();
  };
}
