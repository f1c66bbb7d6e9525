import { afterAll, describe, expect, it } from 'vitest';
import { engines } from '../helpers/engines.js';
import { PROMOTION_POLICY, SERVICE, promotionWorld } from './promotion.harness.js';

const version = async (w: Awaited<ReturnType<typeof promotionWorld>>) =>
  (await w.s.cis.find({ class: 'application', name: 'shop-frontend' }))?.attributes['version'];

for (const harness of engines()) {
  describe(`promotion through the environments' gates on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it('promotes a release through every environment, each gate failing once with its reason', async () => {
      const w = await promotionWorld(await harness.newStore());
      // release: a proposed release is not promoted.
      await w.s.releases.create(SERVICE, '2.0.0', {}, 'alice');
      await expect(w.promote('2.0.0', 'development')).rejects.toMatchObject({
        code: 'PROMOTION_DENIED',
        fields: [
          {
            path: 'release',
            message: 'application/shop-frontend 2.0.0 is proposed: only an approved release is promoted',
          },
        ],
      });
      // previous: not into test before development.
      await expect(w.promote('1.0.0', 'test')).rejects.toMatchObject({
        code: 'PROMOTION_DENIED',
        fields: [
          {
            path: 'previous',
            message: 'application/shop-frontend 1.0.0 has not been deployed and verified in development',
          },
        ],
      });
      const dev = await w.promote('1.0.0', 'development');
      // The CMDB describes shop-frontend in production: deploying elsewhere writes no revision.
      expect(dev).toMatchObject({ state: 'succeeded', kind: 'promotion', by: 'rita', revision: null, change: null });
      expect(dev.finishedAt).not.toBeNull();
      await w.promote('1.0.0', 'test');
      // approvals: staging needs one release manager, and the requester does not count.
      await expect(w.promote('1.0.0', 'staging')).rejects.toMatchObject({
        fields: [
          { path: 'approvals', message: 'promotion into staging needs 1 more of release-managers (0 of 1 given)' },
        ],
      });
      await expect(
        w.s.promotions.approve({ service: SERVICE, version: '1.0.0', environment: 'staging' }, 'alice'),
      ).rejects.toMatchObject({ code: 'RELEASE_SOD' });
      await expect(
        w.s.promotions.approve({ service: SERVICE, version: '1.0.0', environment: 'staging' }, 'carol'),
      ).rejects.toMatchObject({ code: 'PROMOTION_NOT_APPROVER' });
      await w.s.promotions.approve({ service: SERVICE, version: '1.0.0', environment: 'staging' }, 'sam');
      await expect(
        w.s.promotions.approve({ service: SERVICE, version: '1.0.0', environment: 'staging' }, 'sam'),
      ).rejects.toMatchObject({ code: 'PROMOTION_ALREADY_APPROVED' });
      await w.promote('1.0.0', 'staging');
      // freeze: production is frozen at year end (and needs its approvals and a change).
      w.clock.moveTo('2026-12-24T10:00:00.000Z');
      const frozen = await w.s.promotions.check({ service: SERVICE, version: '1.0.0', environment: 'production' });
      expect(frozen.decision).toBe('deny');
      expect(frozen.reasons).toEqual([
        'approvals: promotion into production needs 2 more of cab (0 of 2 given)',
        'freeze: freeze window "year-end" is in force in production until 2027-01-04T00:00:00.000Z',
        'change: production is under change control and no authorized change covers application/shop-frontend 1.0.0: ' +
          "raise one whose plan is the release's CI updates (`cairn release change application/shop-frontend 1.0.0`)",
      ]);
      w.clock.moveTo('2027-01-05T10:00:00.000Z');
      await w.approveProduction('1.0.0');
      // change: an authorized change whose plan is the release's CI updates authorizes it.
      const denied = await w.s.promotions.check({ service: SERVICE, version: '1.0.0', environment: 'production' });
      expect(denied.reasons).toEqual([expect.stringMatching(/^change: production is under change control/)]);
      const change = await w.s.promotions.openChange(
        {
          service: SERVICE,
          version: '1.0.0',
          environment: 'production',
          window: { start: '2027-01-05T09:00:00.000Z', end: '2027-01-05T12:00:00.000Z' },
        },
        'rita',
      );
      await w.s.changes.submit(change.ref, 'rita');
      await w.s.changes.approve(change.ref, 'carol');
      const allowed = await w.s.promotions.check({ service: SERVICE, version: '1.0.0', environment: 'production' });
      expect(allowed).toMatchObject({ decision: 'allow', reasons: [] });
      expect(allowed.gates.map((g) => [g.gate, g.passed])).toEqual([
        ['release', true],
        ['previous', true],
        ['approvals', true],
        ['freeze', true],
        ['change', true],
      ]);
      const prod = await w.promote('1.0.0', 'production');
      expect(prod).toMatchObject({ state: 'succeeded', change: change.ref, environment: 'production' });
      expect(prod.revision).toEqual(expect.any(Number));
      expect(await version(w)).toBe('1.0.0');
      const implemented = await w.s.changes.get(change.ref);
      expect(implemented).toMatchObject({ state: 'implemented', implementedRevision: prod.revision });
      const rev = await w.s.history.log({ limit: 1 });
      expect(rev[0]).toMatchObject({ rev: prod.revision, changeId: change.ref, author: 'rita' });
      const listed = await w.s.promotions.list({ service: SERVICE });
      expect(listed.items.map((d) => d.environment)).toEqual(['production', 'staging', 'test', 'development']);
    });

    it('opens and authorizes a standard change when a template fits the CI updates', async () => {
      const w = await promotionWorld(await harness.newStore(), {
        groups: [
          { name: 'cab', members: ['carol', 'dave'] },
          { name: 'release-managers', members: ['rita', 'sam'] },
        ],
        freeze: PROMOTION_POLICY.freeze,
        templates: [
          {
            name: 'deploy-application',
            description: 'A new version of an application',
            classes: [{ class: 'application', attributes: ['version'] }],
          },
        ],
      });
      await w.toStaging('1.0.0');
      await w.approveProduction('1.0.0');
      const check = await w.s.promotions.check({ service: SERVICE, version: '1.0.0', environment: 'production' });
      expect(check.gates.at(-1)).toEqual({
        gate: 'change',
        passed: true,
        reason: 'a standard change from template deploy-application will be opened and authorized for it',
      });
      const prod = await w.promote('1.0.0', 'production');
      const change = await w.s.changes.get(prod.change!);
      expect(change).toMatchObject({ type: 'standard', template: 'deploy-application', state: 'implemented' });
      expect(change.history.map((h) => h.to)).toEqual([
        'submitted',
        'authorized',
        'scheduled',
        'implementing',
        'implemented',
      ]);
      expect(await version(w)).toBe('1.0.0');
    });

    it('rolls back to the release before, through the same gates, and restores its CI updates', async () => {
      const w = await promotionWorld(await harness.newStore(), {
        groups: [
          { name: 'cab', members: ['carol', 'dave'] },
          { name: 'release-managers', members: ['rita', 'sam'] },
        ],
        freeze: PROMOTION_POLICY.freeze,
        templates: [
          {
            name: 'deploy-application',
            description: 'A new version',
            classes: [{ class: 'application', attributes: ['version'] }],
          },
        ],
      });
      await expect(
        w.s.promotions.rollback({ service: SERVICE, environment: 'development' }, 'rita'),
      ).rejects.toMatchObject({
        code: 'ROLLBACK_NOTHING',
      });
      for (const v of ['1.0.0', '1.1.0']) {
        await w.toStaging(v);
        await w.approveProduction(v);
        await w.promote(v, 'production');
      }
      expect(await version(w)).toBe('1.1.0');
      const back = await w.s.promotions.rollback({ service: SERVICE, environment: 'production' }, 'rita');
      expect(back).toMatchObject({ kind: 'rollback', version: '1.0.0', rollbackOf: '1.1.0', state: 'succeeded' });
      expect(await version(w)).toBe('1.0.0');
      // 1.0.0 was the first release there: nothing earlier to go back to.
      await expect(
        w.s.promotions.rollback({ service: SERVICE, environment: 'production' }, 'rita'),
      ).rejects.toMatchObject({
        code: 'ROLLBACK_NOTHING',
        message: expect.stringContaining('1.0.0 is the first release deployed into production'),
      });
      // A release rolled back in staging is no longer verified there for production.
      await w.s.promotions.rollback({ service: SERVICE, environment: 'staging' }, 'rita');
      const check = await w.s.promotions.check({ service: SERVICE, version: '1.1.0', environment: 'production' });
      expect(check.reasons[0]).toMatch(/^previous: application\/shop-frontend 1\.1\.0 was rolled back in staging at /);
    });

    it('takes the emergency path: gates overridden with the reason, an emergency change implemented before authorization', async () => {
      const w = await promotionWorld(await harness.newStore());
      w.clock.moveTo('2026-12-24T10:00:00.000Z');
      const check = await w.s.promotions.check({
        service: SERVICE,
        version: '1.0.0',
        environment: 'production',
        emergency: 'checkout is down',
      });
      expect(check.decision).toBe('allow');
      expect(check.gates.filter((g) => g.overridden).map((g) => g.gate)).toEqual([
        'previous',
        'approvals',
        'freeze',
        'change',
      ]);
      await expect(w.promote('1.0.0', 'production', 'rita', { emergency: '  ' })).rejects.toMatchObject({
        code: 'PROMOTION_REASON_REQUIRED',
      });
      const d = await w.promote('1.0.0', 'production', 'rita', { emergency: 'checkout is down' });
      expect(d).toMatchObject({ state: 'succeeded', emergency: 'checkout is down' });
      const change = await w.s.changes.get(d.change!);
      expect(change).toMatchObject({ type: 'emergency', state: 'implemented', implementedBeforeAuthorization: true });
      expect(await version(w)).toBe('1.0.0');
    });

    it('records a pipeline deployment as running, then its result once; a failure writes nothing and verifies nothing', async () => {
      const w = await promotionWorld(await harness.newStore());
      const req = { service: SERVICE, version: '1.0.0', environment: 'development', pipeline: 'ci#41' };
      const started = await w.s.promotions.gate({ ...req, start: true }, 'token:ci');
      expect(started).toMatchObject({
        decision: 'allow',
        deployment: { state: 'running', pipeline: 'ci#41', by: 'token:ci' },
      });
      await expect(w.s.promotions.gate({ ...req, start: true }, 'token:ci')).rejects.toMatchObject({
        code: 'DEPLOYMENT_RUNNING',
      });
      const failed = await w.s.promotions.report(started.deployment!.id, {
        result: 'failed',
        actor: 'token:ci',
        note: 'smoke test red',
      });
      expect(failed).toMatchObject({ state: 'failed', note: 'smoke test red', revision: null });
      await expect(
        w.s.promotions.report(started.deployment!.id, { result: 'succeeded', actor: 'token:ci' }),
      ).rejects.toMatchObject({ code: 'DEPLOYMENT_FINISHED' });
      const next = await w.s.promotions.check({ ...req, environment: 'test' });
      expect(next.reasons).toEqual([
        'previous: application/shop-frontend 1.0.0 has not been deployed and verified in development',
      ]);
      const again = await w.s.promotions.gate({ ...req, start: true }, 'token:ci');
      const running = await w.s.promotions.running(SERVICE, '1.0.0', 'development');
      expect(running.id).toBe(again.deployment!.id);
      await w.s.promotions.report(running.id, { result: 'succeeded', actor: 'token:ci' });
      expect((await w.s.promotions.check({ ...req, environment: 'test' })).decision).toBe('allow');
      // Without start, a check records nothing.
      const before = (await w.s.promotions.list()).total;
      await w.s.promotions.gate({ ...req, environment: 'test' }, 'token:ci');
      expect((await w.s.promotions.list()).total).toBe(before);
    });

    it('names an unknown environment with the known ones', async () => {
      const w = await promotionWorld(await harness.newStore());
      await expect(w.promote('1.0.0', 'prod')).rejects.toMatchObject({
        code: 'ENVIRONMENT_NOT_FOUND',
        message: 'there is no environment "prod": the environments are development → test → staging → production',
      });
    });
  });
}
