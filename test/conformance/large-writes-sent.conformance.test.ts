import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/connect.js';
import { engines } from '../helpers/engines.js';
import { serverVersions } from '../helpers/fixtures.js';

/** More versions than a revision's writes are held back for (deferred-writes.ts): sent on their own. */
const LARGE = 600;

for (const harness of engines()) {
  describe(`large version inserts inside one write on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it('writes every batch, each read seeing the batches before it', async () => {
      const store = await harness.newStore();
      const seen = await store.write(async (tx) => {
        const counts: number[] = [];
        for (const prefix of ['a', 'b', 'c']) {
          await tx.insertCiVersions(serverVersions(prefix, LARGE));
          counts.push(await tx.countCis({}));
        }
        return counts;
      });
      expect(seen).toEqual([LARGE, 2 * LARGE, 3 * LARGE]);
      expect(await store.countCis({})).toBe(3 * LARGE);
    });

    it('a conflict in a late batch is the same ConflictError and leaves none of the batches written', async () => {
      const store = await harness.newStore();
      const failing = store.write(async (tx) => {
        await tx.insertCiVersions(serverVersions('a', LARGE));
        await tx.insertCiVersions(serverVersions('b', LARGE));
        // The third batch names a-7 again under another id: a second current server/a-7.
        await tx.insertCiVersions([...serverVersions('c', LARGE), { ...serverVersions('a', 8)[7]!, id: 'ci_again' }]);
        await tx.insertCiVersions(serverVersions('d', LARGE));
      });
      await expect(failing).rejects.toMatchObject({
        name: 'ConflictError',
        message: 'a current CI with one of these class/name pairs already exists',
      });
      expect(await store.countCis({})).toBe(0);
      // The store goes on: the next write is not caught in the failed one's transaction.
      await store.write((tx) => tx.insertCiVersions(serverVersions('e', LARGE)));
      expect(await store.countCis({})).toBe(LARGE);
    });

    it('a write that fails after its batches were sent leaves none of them written', async () => {
      const store = await harness.newStore();
      const failing = store.write(async (tx) => {
        await tx.insertCiVersions(serverVersions('a', LARGE));
        await tx.insertCiVersions(serverVersions('b', LARGE));
        throw new Error('the input broke off');
      });
      await expect(failing).rejects.toThrow('the input broke off');
      expect(await store.countCis({})).toBe(0);
    });

    // Whether the process waits for the server is PostgreSQL's alone: SQLite inserts in-process.
    if (harness.engine === 'postgres')
      it('a large insert is sent without waiting for it: the write goes on while the server is still inserting', async () => {
        const url = await harness.newDatabaseUrl();
        const store = await openStore(url);
        const blocker = new pg.Client({ connectionString: url });
        await blocker.connect();
        try {
          // Another session holds a lock that every insert into ci_versions waits for.
          await blocker.query('begin');
          await blocker.query('lock table ci_versions in share row exclusive mode');
          let wentOn = false;
          const write = store.write(async (tx) => {
            await tx.insertCiVersions(serverVersions('a', LARGE));
            wentOn = true;
            return tx.countCis({});
          });
          // Until the server shows the insert waiting for the lock (its activity view is a
          // snapshot taken once per transaction unless cleared).
          for (;;) {
            await blocker.query('select pg_stat_clear_snapshot()');
            const { rows } = await blocker.query<{ n: number }>(
              `select count(*)::int as n from pg_stat_activity
                where wait_event_type = 'Lock' and query ilike 'copy "ci_versions"%'`,
            );
            if (rows[0]!.n > 0) break;
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          // Before: insertCiVersions returned only once the insert had, i.e. not while it waits.
          expect(wentOn).toBe(true);
          await blocker.query('rollback');
          // The read after it waited for it, and saw its rows.
          expect(await write).toBe(LARGE);
        } finally {
          await blocker.end();
          await store.close();
        }
      });
  });
}
