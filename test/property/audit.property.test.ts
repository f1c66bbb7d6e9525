import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { KyselyCmdbStore } from '../../src/store/connect.js';
import { engines } from '../helpers/engines.js';
import { meta } from '../helpers/fixtures.js';
import { FUZZ_SEED, runs, SUITE_TIMEOUT_MS } from '../fuzz/fuzz-settings.js';
import { documentFor, estate } from './estates.js';
import { freshServices, stateAt } from './store-state.js';

/**
 * One edit made behind Cairn's back, to a row picked at random (`pick` modulo the rows there are):
 * content, links, ranges and deletions, the newest revision included.
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
  /** A version row's range moved: rev_from beyond head or 0 (a CI appears), rev_to set on a current version or moved (a CI disappears). */
  async versionRange(store: KyselyCmdbStore, pick: number, field: number) {
    const rows = await sql<{
      id: string;
      rev_from: number;
      rev_to: number | null;
    }>`select id, rev_from, rev_to from ci_versions order by rev_from, id`.execute(store.kysely);
    if (rows.rows.length === 0) return false;
    const { id, rev_from, rev_to } = rows.rows[pick % rows.rows.length]!;
    const set = [
      sql`rev_from = rev_from + 1000`,
      sql`rev_from = 0`,
      rev_to === null ? sql`rev_to = ${rev_from + 1}` : sql`rev_to = null`,
      rev_to === null ? sql`rev_to = 1000` : sql`rev_to = rev_to + 1000`,
    ][field % 4]!;
    await sql`update ci_versions set ${set} where id = ${id} and rev_from = ${rev_from}`.execute(store.kysely);
    return true;
  },
  /** The newest revision deleted, its version rows left behind. */
  async deleteNewestRevision(store: KyselyCmdbStore) {
    const rows = await sql<{ rev: number }>`select max(rev) as rev from revisions`.execute(store.kysely);
    if (Number(rows.rows[0]!.rev) < 2) return false;
    await sql`delete from revisions where rev = ${Number(rows.rows[0]!.rev)}`.execute(store.kysely);
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
  const numRuns = runs(harness.engine === 'sqlite' ? 8 : 3);

  describe(`audit chain properties on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it(
      'every random sequence of writes verifies, and every random single-row tamper is detected',
      async () => {
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
      },
      SUITE_TIMEOUT_MS,
    );
  });
}
