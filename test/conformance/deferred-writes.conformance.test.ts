import { CompiledQuery } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/core/audit/verify.js';
import { createCmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import { engines } from '../helpers/engines.js';
import { driverEvents } from '../helpers/pg-driver-events.js';
import { makeCi, meta } from '../helpers/fixtures.js';

/** The SQL the PostgreSQL driver sends while `work` runs (every client: the real driver, watched). */
async function statementsDuring(work: () => Promise<unknown>): Promise<string[]> {
  return (await driverEvents(work)).map((e) => e.text);
}

for (const harness of engines()) {
  describe(`a revision's writes on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it('a single-CI change is read back as written, its writes sent as one statement on PostgreSQL', async () => {
      const store = await harness.newStore();
      const { cmdb } = createCmdbServices(store);
      await cmdb.initialize('tester');
      await cmdb.apply({ cis: [makeCi({ name: 'web-1' }), makeCi({ name: 'web-2' })], relations: [] }, meta('add'));
      const changed = makeCi({ name: 'web-1', attributes: { environment: 'staging', cpu: 4 } });
      let rev = 0;
      const sent = await statementsDuring(async () => {
        rev = (await cmdb.apply({ cis: [changed], relations: [] }, meta('change'))).revision!.rev;
      });
      if (harness.engine === 'postgres') {
        // Begin with the lock, the head with the model's revision, the CI, then ONE statement that
        // ends the old version, inserts the new one, the revision and its event; commit.
        // Before: the two reads and the four writes went one round trip each (nine in all).
        expect(sent.filter((s) => /^\s*(with|insert|update)\b/i.test(s))).toHaveLength(1);
        expect(sent.filter((s) => /\bmodel_versions\b/.test(s))).toHaveLength(1);
        expect(sent).toHaveLength(5);
      }
      const [now] = await store.getCisByRef([{ class: 'server', name: 'web-1' }]);
      expect(now).toMatchObject({ revFrom: rev, revTo: null, attributes: { environment: 'staging', cpu: 4 } });
      const [before] = await store.getCisByRef([{ class: 'server', name: 'web-1' }], rev - 1);
      expect(before).toMatchObject({ revTo: rev, attributes: { environment: 'production', cpu: 2 } });
      const writes = await store.revisionWrites(rev);
      expect([writes.createdCis.length, writes.endedCis.length]).toEqual([1, 1]);
      expect(await verifyChain(store)).toEqual({ ok: true, revisions: rev });
    });

    // PostgreSQL's planner only: declared for that engine alone, not skipped on SQLite.
    if (harness.engine === 'postgres')
      it("a change's held-back statement ends the old version by its primary key, even before the table has statistics", async () => {
        const store = await harness.newStore();
        const { cmdb } = createCmdbServices(store);
        await cmdb.initialize('tester');
        const many = Array.from({ length: 3000 }, (_, i) => makeCi({ name: `web-${i}` }));
        await cmdb.apply({ cis: many, relations: [] }, meta('add'));
        const sent = await driverEvents(() =>
          cmdb.apply({ cis: [makeCi({ name: 'web-7', attributes: { cpu: 8 } })], relations: [] }, meta('change')),
        );
        const statement = sent.find((s) => /^\s*with\b/i.test(s.text))!;
        // Planned as the server plans it, in a transaction rolled back after. No ANALYZE has run:
        // by id alone, the planner intersected the primary key with a scan of every entry of the
        // current-row index (the whole CMDB), on every change.
        const plan = await store.kysely.connection().execute(async (conn) => {
          await conn.executeQuery(CompiledQuery.raw('begin'));
          try {
            const { rows } = await conn.executeQuery<{ 'QUERY PLAN': string }>(
              CompiledQuery.raw(`explain ${statement.text}`, statement.values ?? []),
            );
            return rows.map((r) => r['QUERY PLAN']).join('\n');
          } finally {
            await conn.executeQuery(CompiledQuery.raw('rollback'));
          }
        });
        expect(plan).toMatch(/Update on ci_versions[\s\S]*Index Scan using pk_ci_versions/);
        expect(plan).not.toMatch(/ux_ci_current|Bitmap/);
      });

    it('a conflict in the held-back writes fails that write alone, as a ConflictError, and records no event', async () => {
      const store = await harness.newStore();
      const { cmdb } = createCmdbServices(store);
      await cmdb.initialize('tester');
      await cmdb.apply({ cis: [makeCi({ name: 'web-1' })], relations: [] }, meta('add'));
      const eventsBefore = await store.kysely.selectFrom('event_outbox').select('seq').execute();
      const failing = store.write(async (tx) => {
        const [current] = await tx.getCisByRef([{ class: 'server', name: 'web-1' }]);
        // A second current version of the same class/name: the current-row unique index refuses it.
        await tx.insertCiVersions([{ ...current!, id: 'ci_duplicate', revFrom: 99 }]);
        await tx.appendEvents([{ type: 'revision.created', at: new Date().toISOString(), data: { rev: 99 } }]);
      });
      const alongside = cmdb.apply({ cis: [makeCi({ name: 'web-2' })], relations: [] }, meta('beside'));
      await expect(failing).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringMatching(/class\/name pairs already exists/) as unknown,
      });
      expect((await alongside).revision?.rev).toBe(3);
      const eventsAfter = await store.kysely.selectFrom('event_outbox').select('seq').execute();
      expect(eventsAfter).toHaveLength(eventsBefore.length + 1);
      expect((await store.getCisByRef([{ class: 'server', name: 'web-2' }])).length).toBe(1);
      expect(await verifyChain(store)).toEqual({ ok: true, revisions: 3 });
    });
  });
}
