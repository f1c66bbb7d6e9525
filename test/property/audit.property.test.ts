import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { KyselyCmdbStore } from '../../src/store/connect.js';
import { engines } from '../helpers/engines.js';
import { meta } from '../helpers/fixtures.js';
import { FUZZ_SEED, runs } from '../fuzz/fuzz-settings.js';
import { documentFor, estate } from './estates.js';
import { freshServices, stateAt } from './store-state.js';

/**
 * One edit made behind Cairn's back, to a row picked at random (`pick` modulo the rows there are).
 * Only the kinds `audit verify` detects today: a current version's rev_to, version rows outside
 * 1..head, and deleting the newest revision are finding 5 (in progress); they are left out here.
 */
const TAMPERS = {
  /** A CI version's content: status, name, class or attributes. */
  async ciVersion(store: KyselyCmdbStore, pick: number, field: number) {
    const rows = await sql<{
      id: string;
      rev_from: number;
    }>`select id, rev_from from ci_versions order by rev_from, id`.execute(store.kysely);
    if (rows.rows.length === 0) return false;
    const { id, rev_from } = rows.rows[pick % rows.rows.length]!;
    const where = sql`where id = ${id} and rev_from = ${rev_from}`;
    const attributes = store.engine === 'postgres' ? sql`'{"forged":true}'::jsonb` : sql`'{"forged":true}'`;
    const set = [
      sql`status = status || 'x'`,
      sql`name = name || '~'`,
      sql`class = case when class = 'team' then 'host' else 'team' end`,
      sql`attributes = ${attributes}`,
    ][field % 4]!;
    await sql`update ci_versions set ${set} ${where}`.execute(store.kysely);
    return true;
  },
  /** A relationship version's type or attributes. */
  async relationVersion(store: KyselyCmdbStore, pick: number, field: number) {
    const rows = await sql<{
      id: string;
      rev_from: number;
    }>`select id, rev_from from relation_versions order by rev_from, id`.execute(store.kysely);
    if (rows.rows.length === 0) return false;
    const { id, rev_from } = rows.rows[pick % rows.rows.length]!;
    const attributes = store.engine === 'postgres' ? sql`'{"forged":1}'::jsonb` : sql`'{"forged":1}'`;
    const set = field % 2 === 0 ? sql`type = 'owned_by'` : sql`attributes = ${attributes}`;
    await sql`update relation_versions set ${set} where id = ${id} and rev_from = ${rev_from}`.execute(store.kysely);
    return true;
  },
  /** A version row deleted (a CI or relationship version erased from history). */
  async deleteVersion(store: KyselyCmdbStore, pick: number, field: number) {
    const table = field % 2 === 0 ? sql`ci_versions` : sql`relation_versions`;
    const rows = await sql<{
      id: string;
      rev_from: number;
    }>`select id, rev_from from ${table} order by rev_from, id`.execute(store.kysely);
    if (rows.rows.length === 0) return false;
    const { id, rev_from } = rows.rows[pick % rows.rows.length]!;
    await sql`delete from ${table} where id = ${id} and rev_from = ${rev_from}`.execute(store.kysely);
    return true;
  },
  /** A revision's header: author, message, time, or its stored hash. */
  async revisionHeader(store: KyselyCmdbStore, pick: number, field: number) {
    const rows = await sql<{ rev: number }>`select rev from revisions order by rev`.execute(store.kysely);
    const { rev } = rows.rows[pick % rows.rows.length]!;
    const set = [
      sql`author = 'mallory'`,
      sql`message = message || '!'`,
      sql`source = 'forged'`,
      sql`hash = ${'0'.repeat(64)}`,
    ][field % 4]!;
    await sql`update revisions set ${set} where rev = ${rev}`.execute(store.kysely);
    return true;
  },
  /** A revision other than the newest deleted. */
  async deleteRevision(store: KyselyCmdbStore, pick: number) {
    const rows = await sql<{ rev: number }>`select rev from revisions order by rev`.execute(store.kysely);
    if (rows.rows.length < 2) return false;
    const { rev } = rows.rows[pick % (rows.rows.length - 1)]!;
    await sql`delete from revisions where rev = ${rev}`.execute(store.kysely);
    return true;
  },
};

/**
 * The audit chain's promise, on random histories: every sequence of writes verifies, and every
 * single-row edit of a detected kind, anywhere in the history, makes verification fail.
 */
for (const harness of engines()) {
  const numRuns = runs(harness.engine === 'sqlite' ? 15 : 4);

  describe(`audit chain properties on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it('every random sequence of writes verifies, and every random single-row tamper is detected', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(estate(), { minLength: 1, maxLength: 4 }),
          fc.constantFrom(...(Object.keys(TAMPERS) as (keyof typeof TAMPERS)[])),
          fc.nat(),
          fc.nat(),
          async (estates, kind, pick, field) => {
            const { s, store } = await freshServices(harness);
            for (const e of estates) await s.cmdb.apply(documentFor(e, await stateAt(s, store)), meta('property'));
            await s.baselines.create({ name: 'b', author: 'property' });
            expect((await s.audit.verify()).ok).toBe(true);
            const tampered = await TAMPERS[kind](store, pick, field);
            fc.pre(tampered);
            expect((await s.audit.verify()).ok).toBe(false);
          },
        ),
        { numRuns, seed: FUZZ_SEED },
      );
    });
  });
}
