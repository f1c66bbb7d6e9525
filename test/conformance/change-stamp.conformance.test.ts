import { afterAll, describe, expect, it } from 'vitest';
import { createCmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import { openStore } from '../../src/store/connect.js';
import { engines } from '../helpers/engines.js';
import { makeCi, meta } from '../helpers/fixtures.js';

/**
 * The store's change stamp (CmdbStore.changeStamp): what a kept API answer is checked against
 * before it is served again (api/current-ci-views.ts). On SQLite it must move with every commit,
 * this connection's and any other's; PostgreSQL cannot tell without a round trip and says so.
 */
for (const harness of engines()) {
  describe(`the change stamp on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    if (harness.engine === 'postgres') {
      it('is undefined: nothing may be served from a copy', async () => {
        const s = createCmdbServices(await harness.newStore());
        await s.cmdb.initialize('t');
        expect(s.store.changeStamp?.()).toBeUndefined();
        expect(s.cmdb.changeStamp()).toBeUndefined();
      });
      return;
    }

    it('stays while nothing is written, and reads do not move it', async () => {
      const s = createCmdbServices(await harness.newStore());
      await s.cmdb.initialize('t');
      await s.cmdb.apply({ cis: [makeCi({ name: 'web-01' })], relations: [] }, meta('one'));
      const stamp = s.cmdb.changeStamp();
      expect(typeof stamp).toBe('number');
      await s.cmdb.getCi({ class: 'server', name: 'web-01' });
      await s.store.head();
      expect(s.cmdb.changeStamp()).toBe(stamp);
    });

    it("moves with this connection's own commits", async () => {
      const s = createCmdbServices(await harness.newStore());
      await s.cmdb.initialize('t');
      const before = s.cmdb.changeStamp();
      await s.cmdb.apply({ cis: [makeCi({ name: 'web-01' })], relations: [] }, meta('one'));
      const after = s.cmdb.changeStamp();
      expect(after).not.toBe(before);
      await s.cmdb.apply({ cis: [makeCi({ name: 'web-01', attributes: { cpu: 8 } })], relations: [] }, meta('two'));
      expect(s.cmdb.changeStamp()).not.toBe(after);
    });

    it("moves with another connection's commit to the same file", async () => {
      const url = await harness.newDatabaseUrl();
      const server = createCmdbServices(await openStore(url));
      await server.cmdb.initialize('t');
      await server.cmdb.apply({ cis: [makeCi({ name: 'web-01' })], relations: [] }, meta('one'));
      const other = createCmdbServices(await openStore(url));
      try {
        const before = server.cmdb.changeStamp();
        await other.cmdb.apply(
          { cis: [makeCi({ name: 'web-01', attributes: { cpu: 16 } })], relations: [] },
          meta('two'),
        );
        expect(server.cmdb.changeStamp()).not.toBe(before);
      } finally {
        await other.store.close();
        await server.store.close();
      }
    });

    it('is undefined while a write is open on the connection', async () => {
      const s = createCmdbServices(await harness.newStore());
      await s.cmdb.initialize('t');
      let inside: number | undefined = -1;
      await s.store.write(async () => {
        inside = s.store.changeStamp?.();
      });
      expect(inside).toBeUndefined();
      expect(typeof s.store.changeStamp?.()).toBe('number');
    });
  });
}
