import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createCmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import { QueryTemplate } from '../../src/store/query-template.js';
import { engines } from '../helpers/engines.js';
import { makeCi, meta } from '../helpers/fixtures.js';

const COUNTER = new QueryTemplate(1, (db, name: string) =>
  db.selectFrom('counters').selectAll().where('name', '=', name),
);

for (const harness of engines()) {
  describe(`point reads on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it('reads one CI as of any revision: before it existed, each version, after its deletion', async () => {
      const store = await harness.newStore();
      const { cmdb } = createCmdbServices(store);
      await cmdb.initialize('tester');
      const ref = { class: 'server', name: 'p-1' };
      const created = await cmdb.apply(
        { cis: [makeCi({ name: 'p-1', attributes: { cpu: 1 } })], relations: [] },
        meta('1'),
      );
      const other = await cmdb.apply({ cis: [makeCi({ name: 'p-2' })], relations: [] }, meta('other'));
      const changed = await cmdb.apply(
        { cis: [makeCi({ name: 'p-1', attributes: { cpu: 2 } })], relations: [] },
        meta('2'),
      );
      const deleted = await cmdb.deleteCis([ref], meta('gone'));
      const cpuAt = async (rev: number) => (await store.getCisByRef([ref], rev)).map((c) => c.attributes.cpu);
      expect(await cpuAt(created.revision!.rev - 1)).toEqual([]);
      expect(await cpuAt(created.revision!.rev)).toEqual([1]);
      expect(await cpuAt(other.revision!.rev)).toEqual([1]);
      expect(await cpuAt(changed.revision!.rev)).toEqual([2]);
      expect(await cpuAt(deleted.revision!.rev)).toEqual([]);
      expect(await store.getCisByRef([ref])).toEqual([]);
      // The same answers as the general path (two refs) gives.
      const both = await store.getCisByRef([ref, { class: 'server', name: 'p-2' }], changed.revision!.rev);
      expect(both.find((c) => c.name === 'p-1')).toEqual((await store.getCisByRef([ref], changed.revision!.rev))[0]);
    });

    // On SQLite the current version is read on the driver at once, outside Kysely, when no
    // transaction is open: one open on the connection must still keep its rows to itself.
    it('reads one CI while a write is open on the connection: nothing the write has not committed', async () => {
      const store = await harness.newStore();
      const { cmdb } = createCmdbServices(store);
      await cmdb.initialize('tester');
      const created = await cmdb.apply({ cis: [makeCi({ name: 'open-1' })], relations: [] }, meta('1'));
      const ref = { class: 'server', name: 'open-2' };
      let entered!: () => void;
      const inside = new Promise<void>((resolve) => (entered = resolve));
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const write = store.write(async (tx) => {
        await tx.insertCiVersions([
          {
            id: 'ci-open-2',
            revFrom: created.revision!.rev,
            revTo: null,
            ...ref,
            status: 'active',
            attributes: { cpu: 3 },
            labels: {},
            source: null,
            hash: 'h',
            attributeSources: {},
          },
        ]);
        entered();
        await gate;
        throw new Error('rolled back');
      });
      await inside;
      const read = store.getCisByRef([ref]);
      release();
      await expect(write).rejects.toThrow('rolled back');
      expect(await read).toEqual([]);
      expect(await store.getCisByRef([ref])).toEqual([]);
    });

    if (harness.engine === 'postgres')
      it('runs query templates as named statements, prepared once per connection', async () => {
        const store = await harness.newStore();
        await store.kysely.connection().execute(async (conn) => {
          await COUNTER.execute(conn, 'a');
          await COUNTER.execute(conn, 'b');
          await conn.selectFrom('counters').selectAll().where('name', '=', 'c').execute();
          const prepared = await sql<{ name: string; statement: string }>`
            select name, statement from pg_prepared_statements`.execute(conn);
          // The template's SQL, once; the query Kysely built for this call is not kept.
          expect(prepared.rows.filter((r) => r.statement.includes('"counters"'))).toEqual([
            {
              name: expect.stringMatching(/^cairn_t\d+$/) as unknown,
              statement: expect.stringContaining('"name" = $1') as unknown,
            },
          ]);
        });
      });

    if (harness.engine === 'postgres')
      it("hands the driver each statement as a query with a callback, never pg's promise form", async () => {
        // pg's promise form (`client.query(text, values)`) left the young generation full of a
        // result's rows at each collection: a diff's reads promoted megabytes (postgres-engine.ts).
        const store = await harness.newStore();
        const { cmdb, history } = createCmdbServices(store);
        await cmdb.initialize('tester');
        const given: unknown[] = [];
        const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
        const query = proto.query;
        proto.query = function (this: pg.Client, ...args: unknown[]) {
          given.push(args[0]);
          return query.apply(this, args);
        };
        try {
          const first = await cmdb.apply(
            { cis: [makeCi({ name: 'q-1', attributes: { cpu: 1 } })], relations: [] },
            meta('1'),
          );
          const second = await cmdb.apply(
            { cis: [makeCi({ name: 'q-1', attributes: { cpu: 2 } })], relations: [] },
            meta('2'),
          );
          expect((await history.diff(first.revision!.rev, second.revision!.rev)).modified).toHaveLength(1);
          expect(await store.getCisByRef([{ class: 'server', name: 'q-1' }])).toHaveLength(1);
        } finally {
          proto.query = query;
        }
        expect(given.length).toBeGreaterThan(5);
        const notCallbacks = given.filter(
          (q) => !(q instanceof pg.Query && typeof (q as { callback?: unknown }).callback === 'function'),
        );
        expect(notCallbacks).toEqual([]);
      });
  });
}
