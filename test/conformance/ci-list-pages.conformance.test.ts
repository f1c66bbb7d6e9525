import { CompiledQuery, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { afterCi } from '../../src/store/repositories/cmdb/ci-lists.js';
import type { KyselyCmdbStore } from '../../src/store/connect.js';
import { engines } from '../helpers/engines.js';

/**
 * The plan of the page after a CI, as ci-lists.ts reads it: SQLite's `explain query plan`, or
 * PostgreSQL's plan with sequential scans off (a table of a few rows is otherwise read whole).
 */
async function planOfPageAfter(store: KyselyCmdbStore, after: { class: string; name: string }): Promise<string> {
  const page = store.kysely
    .selectFrom('ci_versions')
    .selectAll()
    .where(afterCi(after))
    .where('rev_to', 'is', null)
    .orderBy('class')
    .orderBy('name')
    .limit(10)
    .compile();
  if (store.engine === 'sqlite') {
    const { rows } = await store.kysely.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${page.sql}`, [...page.parameters]),
    );
    return rows.map((r) => r.detail).join('\n');
  }
  return store.kysely.connection().execute(async (conn) => {
    await conn.executeQuery(CompiledQuery.raw('begin'));
    try {
      await conn.executeQuery(CompiledQuery.raw('set local enable_seqscan = off'));
      const { rows } = await conn.executeQuery<{ 'QUERY PLAN': string }>(
        CompiledQuery.raw(`explain ${page.sql}`, [...page.parameters]),
      );
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    } finally {
      await conn.executeQuery(CompiledQuery.raw('rollback'));
    }
  });
}

for (const harness of engines()) {
  describe(`pages of CIs in (class, name) order on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    // An export or a list reads page after page: the next page must start where the last one
    // ended in the index, not pass over every CI before it again.
    it('reads the page after a CI from the (class, name) index, starting at that CI', async () => {
      const store = await harness.newStore();
      try {
        await sql`analyze`.execute(store.kysely);
        const plan = await planOfPageAfter(store, { class: 'server', name: 'web-01' });
        if (harness.engine === 'sqlite')
          expect(plan).toContain('SEARCH ci_versions USING INDEX ux_ci_current ((class,name)>');
        else expect(plan).toMatch(/Index Cond: \(ROW\(class, name\) > ROW\(/);
      } finally {
        await store.close();
      }
    });
  });
}
