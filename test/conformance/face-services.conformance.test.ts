import { afterAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/app/services.js';
import { engines } from '../helpers/engines.js';
import { meta, smallEstate } from '../helpers/fixtures.js';

/**
 * The service methods the faces call instead of reading the store (routes and commands hold the
 * services, never the store): on both engines, over the small estate.
 */
for (const harness of engines()) {
  describe(`services the faces read through, on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    async function estate(): Promise<Services> {
      const s = await createServices(await harness.newStore(), { runsJobs: false, changeControl: false });
      await s.cmdb.initialize('tester');
      await s.cmdb.apply(smallEstate(), meta('estate'));
      return s;
    }

    it('hold no store: a face cannot read the database past the services', async () => {
      const s = await estate();
      expect(Object.keys(s)).not.toContain('store');
      expect(s).not.toHaveProperty('store');
    });

    it('count the current CIs and name the head revision', async () => {
      const s = await estate();
      expect(await s.cis.count()).toBe(6);
      expect(await s.history.headRev()).toBe(2);
      await s.cmdb.deleteCis([{ class: 'rack', name: 'r1' }], meta('delete'));
      expect(await s.cis.count()).toBe(5);
      expect(await s.history.headRev()).toBe(3);
    });

    it.each([
      ['an existing CI', { class: 'server', name: 'web-01' }, 'web-01'],
      ['a CI of a subclass, by its own class', { class: 'linux_server', name: 'web-02' }, 'web-02'],
      ['no CI of that name', { class: 'server', name: 'nope' }, undefined],
      ['a CI under another class', { class: 'database', name: 'web-01' }, undefined],
    ])('find %s: its current version, or nothing (no NotFound error)', async (_what, ref, name) => {
      const s = await estate();
      const found = await s.cis.find(ref);
      expect(found?.name).toBe(name);
      if (found) expect(found.revFrom).toBe(2);
    });

    it('find gives the current version after an update', async () => {
      const s = await estate();
      await s.cmdb.apply(
        { cis: [{ class: 'server', name: 'web-01', attributes: { cpu: 16 } }], relations: [] },
        meta('more cpu'),
      );
      expect(await s.cis.find({ class: 'server', name: 'web-01' })).toMatchObject({
        revFrom: 3,
        attributes: expect.objectContaining({ cpu: 16 }),
      });
    });

    it('impactOfExisting ignores ids of no current CI and repeats, as a plan of new CIs needs', async () => {
      const s = await estate();
      const db = (await s.cis.find({ class: 'database', name: 'orders-db' }))!;
      const direct = await s.impact.impactOfIds([db.id], 6);
      expect(direct.count).toBeGreaterThan(0);
      expect(await s.impact.impactOfExisting([db.id, 'no-such-id', db.id], 6)).toEqual(direct);
      expect((await s.impact.impactOfExisting(['no-such-id'], 6)).count).toBe(0);
    });
  });
}
