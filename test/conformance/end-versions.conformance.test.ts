import { CompiledQuery, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/core/audit/verify.js';
import { createCmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import { ImportService } from '../../src/core/import/import.service.js';
import type { ImportBatch } from '../../src/core/import/import.types.js';
import { systemClock } from '../../src/core/shared/clock.js';
import type { KyselyCmdbStore } from '../../src/store/connect.js';
import { endVersions } from '../../src/store/repositories/cmdb/end-versions.js';
import { engines } from '../helpers/engines.js';
import { driverEvents, type Sent } from '../helpers/pg-driver-events.js';
import { makeCi } from '../helpers/fixtures.js';

/** More versions ended in one revision than PostgreSQL holds back to send with the revision. */
const CIS = 1200;
const CHANGED = 1100;
const RELATIONS = 600;
const KEPT_RELATIONS = 50;

/** CIs `host-0…`, the first `changed` of them with 4 CPUs; relationships host-2k → host-(2k+1). */
function estate(changed: number, relations: number): ImportBatch[] {
  const cis = Array.from({ length: CIS }, (_, i) =>
    makeCi({ name: `host-${i}`, attributes: { environment: 'production', cpu: i < changed ? 4 : 2 } }),
  );
  const links = Array.from({ length: relations }, (_, k) => ({
    type: 'connects_to',
    from: `server/host-${2 * k}`,
    to: `server/host-${2 * k + 1}`,
  }));
  return [{ cis, relations: links }];
}

for (const harness of engines()) {
  describe(`ending many versions in one revision on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it('ends exactly the versions replaced or removed, each at the new revision, and keeps history as of before', async () => {
      const store = await harness.newStore();
      const s = createCmdbServices(store);
      await s.cmdb.initialize('t');
      const imports = new ImportService({ store, cmdb: s.cmdb, clock: systemClock });
      const meta = { author: 't', source: 'import:test' };
      const first = (await imports.import(estate(0, RELATIONS), meta)).revision!.rev;
      const second = (await imports.import(estate(CHANGED, KEPT_RELATIONS), meta, { prune: true })).revision!.rev;

      const ended = async (table: 'ci_versions' | 'relation_versions', rev: number | null) =>
        (
          await store.kysely
            .selectFrom(table)
            .select(['id', 'rev_from'])
            .where('rev_to', rev === null ? 'is' : '=', rev)
            .execute()
        ).length;
      expect(await ended('ci_versions', second)).toBe(CHANGED);
      expect(await ended('ci_versions', null)).toBe(CIS);
      expect(await ended('relation_versions', second)).toBe(RELATIONS - KEPT_RELATIONS);
      expect(await ended('relation_versions', null)).toBe(KEPT_RELATIONS);

      const cpuOf = async (name: string, at?: number) =>
        (await s.cmdb.getCi({ class: 'server', name }, at)).attributes.cpu;
      expect(await cpuOf('host-0')).toBe(4);
      expect(await cpuOf('host-0', first)).toBe(2);
      expect(await cpuOf(`host-${CHANGED - 1}`)).toBe(4);
      expect(await cpuOf(`host-${CHANGED}`)).toBe(2);
      expect((await s.cmdb.getCi({ class: 'server', name: `host-${CIS - 1}` })).revFrom).toBe(first);
      expect((await verifyChain(store)).ok).toBe(true);
    });

    if (harness.engine === 'postgres')
      it('ends versions by their id, not along the rev_from index, when one revision holds most of them', async () => {
        // An import's versions all share its revision; single changes each have their own. With
        // statistics of such a table the planner took rev_from for nearly unique and ended each
        // version along its index: every key scanned the import's entries (7–14 s for 1 000 keys
        // of a 100 000-CI import).
        const store = await harness.newStore();
        await createCmdbServices(store).cmdb.initialize('t');
        await importBesideChanges(store);
        const keys = Array.from({ length: 1000 }, (_, k) => ({ id: importedId(k * 50 + 1), revFrom: 1 }));
        const sent = await driverEvents(() =>
          endVersions({ db: store.kysely, engine: 'postgres' }, 'ci_versions', keys, 2_000_000),
        );
        const ended = await sql<{
          n: number;
        }>`select count(*)::int as n from ci_versions where rev_to = 2000000`.execute(store.kysely);
        expect(ended.rows[0]!.n).toBe(1000);
        const update = sent.find((s) => /^update "ci_versions"/.test(s.text))!;
        expect(await indexesPlanned(store, update)).not.toContainEqual(expect.stringContaining('rev_from'));
      });

    if (harness.engine === 'postgres')
      it('a change of a few CIs ends their versions by id too, in its held-back statement', async () => {
        const store = await harness.newStore();
        const { cmdb } = createCmdbServices(store);
        await cmdb.initialize('t');
        await importBesideChanges(store);
        const sent = await driverEvents(() =>
          cmdb.apply(
            { cis: [1, 2, 3].map((k) => makeCi({ name: `imported-${k}`, attributes: { cpu: 8 } })), relations: [] },
            { author: 't', source: 'test', message: 'three' },
          ),
        );
        const statement = sent.find((s) => /^\s*with\b/i.test(s.text))!;
        expect(await indexesPlanned(store, statement)).not.toContainEqual(expect.stringContaining('rev_from'));
      });
  });
}

const importedId = (n: number) => `ci_imported-${String(n).padStart(8, '0')}`;

/**
 * PostgreSQL: 60 000 current servers `imported-N` (ids by importedId) written by revision 1, as
 * an import writes them, beside 60 000 `changed-N` of a revision each after it, as single
 * changes write them; then the table's statistics.
 */
async function importBesideChanges(store: KyselyCmdbStore): Promise<void> {
  const rows = (prefix: string, revFrom: string) => sql`
    insert into ci_versions (id, rev_from, rev_to, class, name, status, attributes, labels, source, hash)
    select 'ci_' || ${prefix} || lpad(g::text, 8, '0'), ${sql.raw(revFrom)}, null, 'server', ${prefix} || g,
      'active', '{}', '{}', 'test', 'h' from generate_series(1, 60000) g`;
  await rows('imported-', '1').execute(store.kysely);
  await rows('changed-', '1 + g').execute(store.kysely);
  await sql`analyze ci_versions`.execute(store.kysely);
}

/** The indexes PostgreSQL's plan for a statement the driver was given reads (at least one). */
async function indexesPlanned(store: KyselyCmdbStore, statement: Sent): Promise<string[]> {
  const plan = await store.kysely.executeQuery(
    CompiledQuery.raw(`explain (format json) ${statement.text}`, statement.values ?? []),
  );
  const indexes = [...JSON.stringify(plan.rows).matchAll(/"Index Name":\s*"([^"]+)"/g)].map((m) => m[1]!);
  expect(indexes.length).toBeGreaterThan(0);
  return indexes;
}
