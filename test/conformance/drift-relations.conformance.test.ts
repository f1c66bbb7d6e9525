import { afterAll, describe, expect, it } from 'vitest';
import type { DesiredCi } from '../../src/core/ci/desired-state.js';
import { engines } from '../helpers/engines.js';
import { driftFixture, type DriftFixture } from './drift-harness.js';

/** An estate the source `scan` imported: a frontend depending on a cart service on a cache. */
const estate = {
  cis: [
    { class: 'application', name: 'frontend', attributes: {} },
    { class: 'application', name: 'cart', attributes: {} },
    { class: 'database', name: 'redis-cart', attributes: { version: '7' } },
    { class: 'server', name: 'node-1', attributes: { os: 'linux', serial_number: 'N1' } },
  ],
  relations: [
    { type: 'depends_on', from: 'application/frontend', to: 'application/cart' },
    { type: 'depends_on', from: 'application/cart', to: 'database/redis-cart' },
    { type: 'runs_on', from: 'application/cart', to: 'server/node-1' },
  ],
};

const apps: DesiredCi[] = [
  { class: 'application', name: 'frontend', attributes: {} },
  { class: 'application', name: 'cart', attributes: {} },
  { class: 'database', name: 'redis-cart', attributes: { version: '7' } },
];

const describeFinding = (f: { kind: string; relation?: { type: string; from: string; to: string } }) =>
  f.relation ? `${f.kind} ${f.relation.from} ${f.relation.type} ${f.relation.to}` : f.kind;

for (const harness of engines()) {
  describe(`drift of relationships and partial observations on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    async function imported(): Promise<DriftFixture> {
      const f = await driftFixture(harness);
      await f.cmdb.apply(estate, { author: 'importer', message: 'import', source: 'import:scan' });
      return f;
    }

    it('finds a removed and an added relationship, stores them, and accepting them writes them', async () => {
      const f = await imported();
      const report = await f.check(apps.concat([{ class: 'server', name: 'node-1', attributes: { os: 'linux' } }]), {
        observed: {
          cis: [...apps, { class: 'server', name: 'node-1', attributes: { os: 'linux' } }],
          relations: [
            // cart no longer depends on redis-cart; frontend now also uses redis-cart directly.
            { type: 'depends_on', from: 'application/frontend', to: 'application/cart' },
            { type: 'used_by', from: 'database/redis-cart', to: 'application/frontend' },
            { type: 'runs_on', from: 'application/cart', to: 'server/node-1' },
          ],
        },
      });
      expect(report.findings.map(describeFinding)).toEqual([
        'missing application/cart depends_on database/redis-cart',
        'unexpected application/frontend depends_on database/redis-cart',
      ]);
      expect(report.summary).toMatchObject({ missing: 1, unexpected: 1, relations: 2, unauthorized: 2, matched: 4 });
      expect(report.observation.relations).toBe(3);
      expect(report.findings[0]).toMatchObject({
        ref: 'application/cart',
        class: 'application',
        ciId: expect.any(String),
      });

      // Stored with their relationship, and read back the same on both engines.
      const stored = await f.drift.listFindings({ state: 'open', limit: 10 });
      expect(stored.map(describeFinding)).toEqual(report.findings.map(describeFinding));
      expect((await f.drift.observation(report.observation.id)).relations).toBe(3);

      const accepted = await f.drift.accept({ allOpen: true }, 'auditor');
      expect(accepted.revision).not.toBeNull();
      const cart = await f.cmdb.getCi({ class: 'application', name: 'cart' });
      const frontend = await f.cmdb.getCi({ class: 'application', name: 'frontend' });
      const lines = async (id: string) =>
        (await f.cmdb.relationsOf(id)).map((r) => `${r.from} ${r.relation.type} ${r.to}`).sort();
      expect(await lines(cart.id)).toEqual([
        'application/cart runs_on server/node-1',
        'application/frontend depends_on application/cart',
      ]);
      expect(await lines(frontend.id)).toContain('application/frontend depends_on database/redis-cart');
    });

    it('remediates a removed relationship with a change that restores it', async () => {
      const f = await imported();
      await f.check(apps, {
        observed: {
          cis: apps,
          relations: [{ type: 'depends_on', from: 'application/frontend', to: 'application/cart' }],
        },
      });
      const outcome = await f.drift.remediate({ allOpen: true }, 'auditor');
      expect(outcome.draft.plan.relations).toEqual([
        { type: 'depends_on', from: 'application/cart', to: 'database/redis-cart' },
      ]);
      expect(outcome.draft.description).toContain('application/cart depends_on database/redis-cart: restore it');
    });

    it('compares no relationship when the observation reports none', async () => {
      const f = await imported();
      const report = await f.check(apps);
      expect(report.findings.filter((x) => x.relation)).toEqual([]);
    });

    it('classifies as authorized a relationship a change in force adds', async () => {
      const f = await imported();
      const lookup = {
        changesCovering: () =>
          Promise.resolve([
            {
              ref: 'CHG-9',
              state: 'implementing',
              plan: {
                cis: [],
                relations: [{ type: 'depends_on', from: 'application/frontend', to: 'database/redis-cart' }],
              },
            },
          ]),
      };
      const g = await f.reload({ changes: lookup });
      const report = await g.check(apps, {
        scope: { partial: true },
        observed: {
          cis: apps,
          relations: [
            { type: 'depends_on', from: 'application/frontend', to: 'application/cart' },
            { type: 'depends_on', from: 'application/cart', to: 'database/redis-cart' },
            { type: 'depends_on', from: 'application/frontend', to: 'database/redis-cart' },
          ],
        },
      });
      expect(report.findings.map((x) => [describeFinding(x), x.classification])).toEqual([
        ['unexpected application/frontend depends_on database/redis-cart', 'authorized'],
      ]);
    });

    it('reports nothing missing outside the scope of a partial observation', async () => {
      const f = await imported();
      // Full: the server the source wrote is missing (the observation covers all the source wrote).
      const full = await f.check(apps);
      expect(full.findings.map((x) => `${x.kind} ${x.ref}`)).toEqual(['missing server/node-1']);

      // Partial: only the classes it holds are covered; the server says nothing.
      const partial = await f.check(apps, { scope: { partial: true } });
      expect(partial.findings).toEqual([]);
      expect(partial.observation.scope).toEqual({ partial: true });
      expect((await f.drift.observation(partial.observation.id)).scope).toEqual({ partial: true });

      // Scoped to databases: a missing application says nothing, a missing database does.
      const scoped = await f.check([{ class: 'application', name: 'frontend', attributes: {} }], {
        scope: { classes: ['database'] },
      });
      expect(scoped.findings.map((x) => `${x.kind} ${x.ref}`)).toEqual(['missing database/redis-cart']);

      // A partial observation of relationships of one type: the others are not missing.
      const oneType = await f.check(apps, {
        scope: { partial: true },
        observed: {
          cis: [...apps, { class: 'server', name: 'node-1', attributes: { os: 'linux' } }],
          relations: [{ type: 'runs_on', from: 'application/cart', to: 'server/node-1' }],
        },
      });
      expect(oneType.findings).toEqual([]);
    });

    it('reports only what the named sources wrote as missing', async () => {
      const f = await imported();
      await f.cmdb.apply(
        { cis: [{ class: 'server', name: 'manual', attributes: { os: 'bsd' } }], relations: [] },
        { author: 'ops', message: 'by hand', source: 'cli' },
      );
      const report = await f.check([{ class: 'server', name: 'other', attributes: { os: 'x' } }], {
        scope: { sources: ['scan'] },
      });
      // What scan wrote is missing; the server written by hand is not the scan's to report.
      expect(report.findings.map((x) => `${x.kind} ${x.ref}`)).toEqual([
        'missing application/cart',
        'missing application/frontend',
        'missing database/redis-cart',
        'missing server/node-1',
        'unexpected server/other',
      ]);
    });

    it('refuses a scope naming an unknown class, and an observed relationship of an unknown type', async () => {
      const f = await imported();
      await expect(f.check(apps, { scope: { classes: ['nope'] } })).rejects.toMatchObject({
        code: 'DRIFT_SCOPE_INVALID',
        message: expect.stringContaining('"nope" is not a class'),
      });
      await expect(
        f.check(apps, {
          observed: { cis: apps, relations: [{ type: 'likes', from: 'application/cart', to: 'application/frontend' }] },
        }),
      ).rejects.toMatchObject({ code: 'DRIFT_OBSERVATION_INVALID' });
    });
  });
}
