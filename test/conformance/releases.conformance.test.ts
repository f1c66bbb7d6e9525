import { afterAll, describe, expect, it } from 'vitest';
import { createServices } from '../../src/app/services.js';
import { fixedClock } from '../../src/core/shared/clock.js';
import { ulidIds } from '../../src/core/shared/ids.js';
import { ReleaseService } from '../../src/core/release/release.service.js';
import { KyselyReleaseStore } from '../../src/store/repositories/release/release.store.js';
import { engines } from '../helpers/engines.js';
import { meta, smallEstate } from '../helpers/fixtures.js';

const RELEASE_YAML = {
  notes: 'Faster checkout.',
  artifacts: [
    {
      name: 'shop-frontend-image',
      digest: 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      location: 'registry.example.com/shop-frontend:1.10.0',
      dependencies: [{ name: 'react', version: '19.3.1' }],
    },
  ],
  plan: { cis: [{ class: 'server', name: 'web-01', attributes: { os: 'ubuntu-24.04' } }] },
};

for (const harness of engines()) {
  describe(`releases on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    async function world() {
      const store = await harness.newStore();
      const clock = fixedClock('2026-12-04T12:00:00.000Z');
      const services = await createServices(store, { clock, changeControl: false });
      await services.cmdb.initialize('tester');
      await services.cmdb.apply(smallEstate(), meta('estate'));
      // Let the relay the estate's write nudged finish first, or it may take the release events away.
      await services.events.flush();
      // The service on the store alone, so that the events it records stay in the outbox to be read
      // (the composed services relay them away at once).
      const releases = new ReleaseService({
        releases: new KyselyReleaseStore(store.kysely, store.engine),
        cis: services.cis,
        clock,
        ids: ulidIds(),
      });
      return { store, s: { releases } };
    }

    it('stores a proposed release with its notes, artifacts and CI updates, and records release.created', async () => {
      const { store, s } = await world();
      const r = await s.releases.create('application/shop-frontend', '1.10.0', RELEASE_YAML, 'alice');
      expect(r).toMatchObject({ state: 'proposed', requestedBy: 'alice', decidedBy: null, notes: 'Faster checkout.' });
      const read = await s.releases.show('application/shop-frontend', '1.10.0');
      expect(read).toEqual(r);
      expect(read.artifacts[0]!.dependencies).toEqual([{ name: 'react', version: '19.3.1' }]);
      expect(read.updates.cis).toEqual([
        { class: 'application', name: 'shop-frontend', attributes: { version: '1.10.0' } },
        { class: 'server', name: 'web-01', attributes: { os: 'ubuntu-24.04' } },
      ]);
      const outbox = await store.kysely.selectFrom('event_outbox').select(['type']).execute();
      expect(outbox.map((e) => e.type)).toContain('release.created');
    });

    it('refuses a second release of the same version, an unknown service and a bad version, naming the field', async () => {
      const { s } = await world();
      await s.releases.create('application/shop-frontend', '1.0.0', {}, 'alice');
      await expect(s.releases.create('application/shop-frontend', '1.0.0', {}, 'bob')).rejects.toMatchObject({
        code: 'RELEASE_EXISTS',
      });
      await expect(s.releases.create('application/nothing', '1.0.0', {}, 'alice')).rejects.toMatchObject({
        code: 'CI_NOT_FOUND',
      });
      await expect(s.releases.create('application/shop-frontend', 'v1.2', {}, 'alice')).rejects.toMatchObject({
        code: 'RELEASE_INVALID',
        fields: [{ path: 'version', message: expect.stringMatching(/^must be a semantic version/) }],
      });
      await expect(
        s.releases.create(
          'application/shop-frontend',
          '1.1.0',
          { artifacts: [{ name: 'a', digest: 'md5', location: 'x' }] },
          'alice',
        ),
      ).rejects.toMatchObject({ code: 'RELEASE_INVALID', fields: [{ path: 'artifacts[0].digest' }] });
      await expect(
        s.releases.create(
          'application/shop-frontend',
          '1.1.0',
          { plan: { delete: { cis: ['server/web-01'] } } },
          'alice',
        ),
      ).rejects.toMatchObject({ code: 'RELEASE_INVALID', fields: [{ path: 'plan' }] });
    });

    it('lists newest first by semantic version, not by text or time', async () => {
      const { s } = await world();
      for (const v of ['1.9.3', '1.10.0', '1.10.0-rc.1', '2.0.0-beta.2', '1.2.0'])
        await s.releases.create('application/shop-frontend', v, {}, 'alice');
      const page = await s.releases.list({ service: 'application/shop-frontend' });
      expect(page.items.map((r) => r.version)).toEqual(['2.0.0-beta.2', '1.10.0', '1.10.0-rc.1', '1.9.3', '1.2.0']);
      expect(page.total).toBe(5);
      const two = await s.releases.list({ limit: 2 });
      expect(two).toMatchObject({ total: 5, items: [{ version: '2.0.0-beta.2' }, { version: '1.10.0' }] });
    });

    it('is approved or rejected once, by someone other than its requester; a rejection needs a reason', async () => {
      const { store, s } = await world();
      await s.releases.create('application/shop-frontend', '1.0.0', {}, 'alice');
      await expect(s.releases.approve('application/shop-frontend', '1.0.0', 'alice')).rejects.toMatchObject({
        code: 'RELEASE_SOD',
      });
      const approved = await s.releases.approve('application/shop-frontend', '1.0.0', 'rita', 'looks good');
      expect(approved).toMatchObject({ state: 'approved', decidedBy: 'rita', decisionComment: 'looks good' });
      await expect(s.releases.reject('application/shop-frontend', '1.0.0', 'rita', 'too late')).rejects.toMatchObject({
        code: 'RELEASE_INVALID_TRANSITION',
      });
      await s.releases.create('application/shop-frontend', '1.1.0', {}, 'alice');
      await expect(s.releases.reject('application/shop-frontend', '1.1.0', 'rita', '  ')).rejects.toMatchObject({
        code: 'RELEASE_REASON_REQUIRED',
      });
      const rejected = await s.releases.reject('application/shop-frontend', '1.1.0', 'rita', 'fails its tests');
      expect(rejected).toMatchObject({ state: 'rejected', decisionComment: 'fails its tests' });
      expect((await s.releases.list({ state: 'approved' })).items.map((r) => r.version)).toEqual(['1.0.0']);
      await expect(s.releases.show('application/shop-frontend', '9.9.9')).rejects.toMatchObject({
        code: 'RELEASE_NOT_FOUND',
      });
      const types = (await store.kysely.selectFrom('event_outbox').select(['type']).orderBy('seq').execute()).map(
        (e) => e.type,
      );
      expect(types.filter((t) => t.startsWith('release.'))).toEqual([
        'release.created',
        'release.approved',
        'release.created',
        'release.rejected',
      ]);
    });

    it('lets only one of two decisions made at once win', async () => {
      const { s } = await world();
      await s.releases.create('application/shop-frontend', '1.0.0', {}, 'alice');
      const results = await Promise.allSettled([
        s.releases.approve('application/shop-frontend', '1.0.0', 'rita'),
        s.releases.reject('application/shop-frontend', '1.0.0', 'rob', 'no'),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const state = (await s.releases.show('application/shop-frontend', '1.0.0')).state;
      expect(['approved', 'rejected']).toContain(state);
    });
  });
}
