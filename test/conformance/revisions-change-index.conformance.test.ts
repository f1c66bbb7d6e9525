import { CompiledQuery, sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createCmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import type { KyselyCmdbStore } from '../../src/store/connect.js';
import { migrateToLatest } from '../../src/store/migrations/index.js';
import { engines } from '../helpers/engines.js';
import { makeCi, meta } from '../helpers/fixtures.js';

/** The definition of the revisions' index by change, as the engine's catalogue holds it. */
async function changeIndexDefinition(store: KyselyCmdbStore): Promise<string> {
  const query =
    store.engine === 'postgres'
      ? sql<{ definition: string }>`select indexdef as definition from pg_indexes
          where indexname = 'ix_revisions_change' and schemaname = current_schema()`
      : sql<{ definition: string }>`select sql as definition from sqlite_master where name = 'ix_revisions_change'`;
  const { rows } = await query.execute(store.kysely);
  return rows[0]?.definition ?? '';
}

/** How the engine plans a look-up of the revision of a change, its scans of the table forbidden where it can. */
async function planOfChangeLookup(store: KyselyCmdbStore): Promise<string> {
  const lookup = `select * from revisions where change_id = 'CHG-1' order by rev desc limit 1`;
  if (store.engine === 'sqlite') {
    const { rows } = await sql<{ detail: string }>`explain query plan ${sql.raw(lookup)}`.execute(store.kysely);
    return rows.map((r) => r.detail).join('\n');
  }
  return store.kysely.connection().execute(async (conn) => {
    await conn.executeQuery(CompiledQuery.raw('begin'));
    try {
      await conn.executeQuery(CompiledQuery.raw('set local enable_seqscan = off'));
      const { rows } = await conn.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${lookup}`));
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    } finally {
      await conn.executeQuery(CompiledQuery.raw('rollback'));
    }
  });
}

for (const harness of engines()) {
  describe(`the revisions' index by change on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    async function storeWithChangeRevision() {
      const store = await harness.newStore();
      const { cmdb } = createCmdbServices(store);
      await cmdb.initialize('tester');
      await cmdb.apply({ cis: [makeCi({ name: 'web-1' })], relations: [] }, meta('add'));
      const made = await cmdb.apply(
        { cis: [makeCi({ name: 'web-1', attributes: { cpu: 8 } })], relations: [] },
        { ...meta('implement'), changeId: 'CHG-1' },
      );
      await cmdb.apply({ cis: [makeCi({ name: 'web-2' })], relations: [] }, meta('after'));
      return { store, rev: made.revision!.rev };
    }

    it('holds only the revisions made for a change, and still finds the revision of one', async () => {
      const { store, rev } = await storeWithChangeRevision();
      expect(await changeIndexDefinition(store)).toMatch(/where \(?change_id is not null\)?/i);
      expect(await planOfChangeLookup(store)).toMatch(/ix_revisions_change/);
      expect((await store.revisionOfChange('CHG-1'))?.rev).toBe(rev);
    });

    it('is made partial on a database migrated before, which keeps finding its changes', async () => {
      const { store, rev } = await storeWithChangeRevision();
      // As a database migrated before 0026 looks: every revision in the index, its null included.
      await store.kysely.schema.dropIndex('ix_revisions_change').execute();
      await store.kysely.schema.createIndex('ix_revisions_change').on('revisions').column('change_id').execute();
      await sql`delete from cairn_migrations where name = '0026-revisions-change-partial'`.execute(store.kysely);
      expect(await changeIndexDefinition(store)).not.toMatch(/where/i);
      await migrateToLatest(store.kysely as Kysely<unknown>, store.engine);
      expect(await changeIndexDefinition(store)).toMatch(/where \(?change_id is not null\)?/i);
      expect((await store.revisionOfChange('CHG-1'))?.rev).toBe(rev);
      expect(await store.revisionOfChange('CHG-2')).toBeUndefined();
    });
  });
}
