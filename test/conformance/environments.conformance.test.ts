import { afterAll, describe, expect, it } from 'vitest';
import { AuditService } from '../../src/core/audit/audit.service.js';
import { engines } from '../helpers/engines.js';
import { changeWorld } from './change.harness.js';

/** Four environments, production needing two of the CAB and frozen at year end. */
const ENVIRONMENTS = {
  environments: [
    { name: 'development' },
    { name: 'test' },
    { name: 'staging', require: [{ group: 'change-managers' }] },
    { name: 'production', controlled: true, require: [{ group: 'cab', quorum: 2 }], freeze: ['year-end'] },
  ],
};

const withoutProductionControl = {
  environments: ENVIRONMENTS.environments.map((e) => (e.name === 'production' ? { ...e, controlled: false } : e)),
};

for (const harness of engines()) {
  describe(`environments as versioned data on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    async function world() {
      const store = await harness.newStore();
      const w = await changeWorld(store);
      const audit = new AuditService({ cmdb: store, changes: w.changeStore });
      return { store, w, audit };
    }

    it('starts at the built-in default, version 0', async () => {
      const { w } = await world();
      const current = await w.environments.current();
      expect(current).toMatchObject({ version: 0, appliedBy: null, hash: null });
      expect(current.environments.map((e) => e.name)).toEqual(['development', 'test', 'staging', 'production']);
      expect(await w.environments.versions()).toEqual([]);
    });

    it('applies each changed document as a new version chained to the one before; an equal one writes nothing', async () => {
      const { w, audit } = await world();
      const one = await w.environments.apply(ENVIRONMENTS, 'erin');
      expect(one).toMatchObject({ version: 1, changed: true, appliedBy: 'erin' });
      const again = await w.environments.apply(ENVIRONMENTS, 'erin');
      expect(again).toMatchObject({ version: 1, changed: false, hash: one.hash });
      const renamed = { environments: [{ name: 'dev' }, ...ENVIRONMENTS.environments.slice(1)] };
      const two = await w.environments.apply(renamed, 'erin');
      expect(two).toMatchObject({ version: 2, changed: true });
      const versions = await w.environments.versions();
      expect(versions.map((v) => v.version)).toEqual([1, 2]);
      expect((await w.changeStore.listEnvironmentVersions())[1]!.prevHash).toBe(one.hash);
      expect((await w.environments.current()).environments[0]!.name).toBe('dev');
      expect((await w.environments.version(1)).environments[0]!.name).toBe('development');
      await expect(w.environments.version(3)).rejects.toMatchObject({ code: 'ENVIRONMENTS_VERSION_NOT_FOUND' });
      expect(await audit.verify()).toMatchObject({ ok: true, changeRecords: { ok: true, environments: 2 } });
    });

    it('checks a document without writing, and refuses one naming what the policy lacks', async () => {
      const { w } = await world();
      expect(await w.environments.check(ENVIRONMENTS)).toMatchObject({ changed: true, leavingControl: [] });
      expect(await w.environments.versions()).toEqual([]);
      const bad = { environments: [{ name: 'prod', require: [{ group: 'qa' }], freeze: ['summer'] }] };
      await expect(w.environments.apply(bad, 'erin')).rejects.toMatchObject({
        code: 'ENVIRONMENTS_INVALID',
        fields: [
          { path: 'environments[0].require[0].group', message: expect.stringContaining('"qa"') },
          { path: 'environments[0].freeze', message: expect.stringContaining('"summer"') },
        ],
      });
      expect(await w.environments.versions()).toEqual([]);
    });

    it('takes an environment out of change control only with the right to (an admin’s)', async () => {
      const { w } = await world();
      await w.environments.apply(ENVIRONMENTS, 'erin');
      expect(await w.environments.check(withoutProductionControl)).toMatchObject({ leavingControl: ['production'] });
      await expect(
        w.environments.apply(withoutProductionControl, 'erin', { relaxControl: false }),
      ).rejects.toMatchObject({ code: 'CONTROL_RELAXATION' });
      const dropped = { environments: ENVIRONMENTS.environments.slice(0, 3) };
      await expect(w.environments.apply(dropped, 'erin', { relaxControl: false })).rejects.toMatchObject({
        code: 'CONTROL_RELAXATION',
      });
      expect((await w.environments.current()).version).toBe(1);
      expect(await w.environments.apply(withoutProductionControl, 'admin', { relaxControl: true })).toMatchObject({
        version: 2,
      });
    });

    // Tampering with the stored versions behind Cairn's back is named by `audit verify`.
    const TAMPERS: [string, (s: Awaited<ReturnType<typeof world>>['store']) => Promise<void>, [string, RegExp]][] = [
      [
        'an applied version edited',
        async (s) => {
          await s.kysely
            .updateTable('environment_versions')
            .set({
              environments: JSON.stringify([
                { name: 'prod', require: [], controlled: false, freezes: [], windows: [] },
              ]),
            })
            .where('version', '=', 1)
            .execute();
        },
        ['environments version 1', /its content does not match its hash/],
      ],
      [
        'the newest version deleted',
        async (s) => {
          await s.kysely.deleteFrom('environment_versions').where('version', '=', 2).execute();
        },
        ['environments version 2', /it is missing \(deleted\?\)/],
      ],
      [
        'the first version deleted',
        async (s) => {
          await s.kysely.deleteFrom('environment_versions').where('version', '=', 1).execute();
        },
        ['environments version 1', /it is missing \(deleted\?\)/],
      ],
      [
        'the author of a version rewritten',
        async (s) => {
          await s.kysely
            .updateTable('environment_versions')
            .set({ applied_by: 'mallory' })
            .where('version', '=', 2)
            .execute();
        },
        ['environments version 2', /its content does not match its hash/],
      ],
    ];

    it.each(TAMPERS)('audit verify names it when %s', async (_label, tamper, [record, reason]) => {
      const { store, w, audit } = await world();
      await w.environments.apply(ENVIRONMENTS, 'erin');
      await w.environments.apply(withoutProductionControl, 'admin');
      await tamper(store);
      const result = await audit.verify();
      expect(result.ok).toBe(false);
      expect(result.problems).toContainEqual({ record, reason: expect.stringMatching(reason) });
    });
  });
}
