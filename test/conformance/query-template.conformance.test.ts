import { afterAll, describe, expect, it } from 'vitest';
import { QueryTemplate } from '../../src/store/query-template.js';
import { engines } from '../helpers/engines.js';

/** Counters read and written through templates, beside the same queries built by Kysely each time. */
const READ = new QueryTemplate(1, (db, name: string) =>
  db.selectFrom('counters').selectAll().where('name', '=', name).limit(1),
);
const WRITE = new QueryTemplate(2, (db, name: string, value: number) =>
  db.insertInto('counters').values({ name, value }),
);

for (const harness of engines()) {
  describe(`compiled query templates on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it('binds fresh values on every run, with the constants the builder wrote', async () => {
      const store = await harness.newStore();
      const db = store.kysely;
      await WRITE.execute(db, 'tpl-a', 7);
      await WRITE.execute(db, 'tpl-b', 9);
      expect((await READ.execute(db, 'tpl-a')).map((r) => Number(r.value))).toEqual([7]);
      expect((await READ.execute(db, 'tpl-b')).map((r) => Number(r.value))).toEqual([9]);
      const built = await db.selectFrom('counters').selectAll().where('name', '=', 'tpl-b').execute();
      expect(await READ.execute(db, 'tpl-b')).toEqual(built);
    });

    it('runs inside a transaction on its connection', async () => {
      const store = await harness.newStore();
      await store.kysely.transaction().execute(async (trx) => {
        await WRITE.execute(trx, 'tpl-tx', 3);
        expect((await READ.execute(trx, 'tpl-tx')).length).toBe(1);
      });
      expect((await READ.execute(store.kysely, 'tpl-tx')).length).toBe(1);
    });

    // Only SQLite runs statements on its driver (QueryTemplate.runOn).
    if (harness.engine === 'sqlite')
      it('runs on the SQLite driver with the values bound where the SQL asks for them', async () => {
        const store = await harness.newStore();
        const native = store.native!;
        expect(native).toBeDefined();
        // Arguments bound in their order (WRITE), after a constant (READ's limit comes last), and
        // in another order than given (the value's comparison comes before the name's).
        const reversed = new QueryTemplate(2, (db, name: string, value: number) =>
          db.selectFrom('counters').selectAll().where('value', '=', value).where('name', '=', name),
        );
        for (const [name, value] of [
          ['drv-a', 4],
          ['drv-b', 5],
        ] as const) {
          WRITE.runOn(native, store.kysely, name, value);
          WRITE.runOn(native, store.kysely, `${name}-other`, value);
        }
        for (const [name, value] of [
          ['drv-a', 4],
          ['drv-b', 5],
        ] as const) {
          expect(READ.runOn(native, store.kysely, name)).toEqual(await READ.execute(store.kysely, name));
          expect(reversed.runOn(native, store.kysely, name, value).map((r) => [r.name, Number(r.value)])).toEqual([
            [name, value],
          ]);
          expect(reversed.runOn(native, store.kysely, name, value + 1)).toEqual([]);
        }
      });

    it('refuses a builder that binds an argument other than once', async () => {
      const store = await harness.newStore();
      const twice = new QueryTemplate(1, (db, name: string) =>
        db.selectFrom('counters').selectAll().where('name', '=', name).where('name', '<>', name),
      );
      await expect(twice.execute(store.kysely, 'x')).rejects.toThrow(/does not bind each of its 1 arguments once/);
    });
  });
}
