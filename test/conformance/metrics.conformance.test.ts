import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { createServices } from '../../src/app/services.js';
import type { KyselyCmdbStore } from '../../src/store/connect.js';
import { engines } from '../helpers/engines.js';
import { meta, smallEstate } from '../helpers/fixtures.js';
import { movableClock } from './change.harness.js';

const SHOP = 'application/shop-frontend';

/**
 * A release history made through the real services, times set by hand (the clock stands still
 * between moves), in two environments, staging then production, neither under change control:
 *  1.0.0 created Nov 1 00:00, staging Nov 1 06:00, production Nov 2 00:00        lead 24 h
 *  1.1.0 created Nov 3 00:00, staging Nov 3 06:00, production Nov 4 12:00        lead 36 h
 *        rolled back in production Nov 5 00:00 (to 1.0.0): a change failure
 *  1.2.0 created Nov 10 00:00, staging Nov 10 06:00; a pipeline starts it in production
 *        Nov 10 12:00 and reports it failed Nov 10 13:00: a change failure, not a deployment
 * November: 2 deployments (1.0.0, 1.1.0; the rollback is not one) → 2/30 a day; lead mean and
 * median (24 + 36)/2 = 30 h; 3 production deployments finished, 2 failed → 2/3.
 */
async function history(store: KyselyCmdbStore) {
  const clock = movableClock('2026-11-01T00:00:00.000Z', 0);
  const s = await createServices(store, { clock, runsJobs: false, changeControl: false });
  await s.cmdb.initialize('tester');
  await s.cmdb.apply(smallEstate(), meta('estate'));
  await s.environments.apply({ environments: [{ name: 'staging' }, { name: 'production' }] }, 'admin');
  const at = (iso: string) => clock.moveTo(`2026-11-${iso}:00.000Z`);
  const release = async (version: string, created: string, staging: string) => {
    at(created);
    await s.releases.create(SHOP, version, {}, 'alice');
    await s.releases.approve(SHOP, version, 'rita');
    at(staging);
    await s.promotions.promote({ service: SHOP, version, environment: 'staging' }, 'bob');
  };
  await release('1.0.0', '01T00:00', '01T06:00');
  at('02T00:00');
  await s.promotions.promote({ service: SHOP, version: '1.0.0', environment: 'production' }, 'bob');
  await release('1.1.0', '03T00:00', '03T06:00');
  at('04T12:00');
  await s.promotions.promote({ service: SHOP, version: '1.1.0', environment: 'production' }, 'bob');
  at('05T00:00');
  await s.promotions.rollback({ service: SHOP, environment: 'production' }, 'bob');
  await release('1.2.0', '10T00:00', '10T06:00');
  at('10T12:00');
  const started = await s.promotions.gate(
    { service: SHOP, version: '1.2.0', environment: 'production', start: true },
    'token:ci',
  );
  at('10T13:00');
  await s.promotions.report(started.deployment!.id, { result: 'failed', actor: 'token:ci' });
  return { s, clock };
}

for (const harness of engines()) {
  describe(`DORA metrics from stored deployments on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it('measures the hand-worked history overall, for the service, and week by week', async () => {
      const { s } = await history(await harness.newStore());
      const november = { from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' };
      const expected = {
        deployments: 2,
        deploymentsPerDay: 2 / 30,
        meanLeadTimeHours: 30,
        medianLeadTimeHours: 30,
        productionDeployments: 3,
        failedDeployments: 2,
        changeFailureRate: 2 / 3,
        incidents: 0,
        restored: 0,
        meanTimeToRestoreHours: null,
        medianTimeToRestoreHours: null,
      };
      const all = await s.metrics.report(november);
      expect(all.figures.dora).toEqual(expected);
      expect(all.scope).toMatchObject({ service: null, production: 'production', incidentsRecorded: true });
      expect(all.series).toEqual([]);
      const shop = await s.metrics.report({ ...november, service: SHOP, interval: 'week' });
      expect(shop.figures.dora).toEqual(expected);
      // Weeks: Nov 1 (a Sunday) alone; Nov 2–9 has 1.0.0 and 1.1.0 (1.1.0 rolled back); Nov 9–16 the failed 1.2.0.
      expect(shop.series.map((p) => [p.from.slice(5, 10), p.dora.deployments, p.dora.failedDeployments])).toEqual([
        ['11-01', 0, 0],
        ['11-02', 2, 1],
        ['11-09', 0, 1],
        ['11-16', 0, 0],
        ['11-23', 0, 0],
        ['11-30', 0, 0],
      ]);
      expect(shop.series[1]!.dora.changeFailureRate).toBe(0.5);
      expect(shop.series[2]!.dora.changeFailureRate).toBe(1);
      // With incidents: one traced to 1.0.0's deployment (now a failure too), restored in 3 h; one of
      // the database, 30 min; one still open. CFR 3/3; restored 2: mean (3 + 0.5)/2 = 1.75 h, median the same.
      const deployments = await s.promotions.list({ service: SHOP, environment: 'production' });
      const v100 = deployments.items.find((d) => d.version === '1.0.0' && d.kind === 'promotion')!;
      await s.incidents.record(
        {
          service: SHOP,
          title: 'checkout down',
          severity: 'critical',
          startedAt: '2026-11-02T01:00:00Z',
          endedAt: '2026-11-02T04:00:00Z',
          deployment: v100.id,
        },
        'erin',
      );
      const db = { service: 'database/orders-db', title: 'slow', severity: 'minor' };
      await s.incidents.record({ ...db, startedAt: '2026-11-20T10:00:00Z', endedAt: '2026-11-20T10:30:00Z' }, 'erin');
      await s.incidents.record({ ...db, startedAt: '2026-11-25T00:00:00Z' }, 'erin');
      const measured = await s.metrics.report(november);
      expect(measured.scope.incidentsRecorded).toBe(true);
      expect(measured.figures.dora).toEqual({
        ...expected,
        failedDeployments: 3,
        changeFailureRate: 1,
        incidents: 3,
        restored: 2,
        meanTimeToRestoreHours: 1.75,
        medianTimeToRestoreHours: 1.75,
      });
      const shopOnly = await s.metrics.report({ ...november, service: SHOP });
      expect(shopOnly.figures.dora).toMatchObject({ incidents: 1, restored: 1, medianTimeToRestoreHours: 3 });
      const other = await s.metrics.report({ ...november, service: 'database/orders-db' });
      expect(other.figures.dora).toMatchObject({
        deployments: 0,
        productionDeployments: 0,
        changeFailureRate: null,
        incidents: 2,
        restored: 1,
        meanTimeToRestoreHours: 0.5,
      });
    });

    it('exposes the figures of the last 30 days on /metrics, read again only after a minute', async () => {
      const { s, clock } = await history(await harness.newStore());
      clock.moveTo('2026-11-20T00:00:00.000Z');
      const app = await buildApp({ services: s, logger: false });
      const scrape = async () => (await app.inject({ url: '/metrics' })).body;
      const first = await scrape();
      expect(first).toContain('\ncairn_dora_deployments 2\n');
      expect(first).toContain(`\ncairn_dora_deployments{service="${SHOP}"} 2\n`);
      expect(first).toContain(`\ncairn_dora_change_failure_ratio{service="${SHOP}"} ${2 / 3}\n`);
      expect(first).toContain(`\ncairn_dora_lead_time_hours{service="${SHOP}",stat="median"} 30\n`);
      expect(first).toContain(`\ncairn_dora_deployment_frequency_per_day ${2 / 30}\n`);
      // Nothing to measure shows no sample, not 0.
      expect(first).not.toMatch(/^cairn_dora_time_to_restore_hours/m);
      expect(first).not.toMatch(/^cairn_change_success_ratio/m);

      // A deployment 30 s later is not read yet; a minute after the first read, it is.
      clock.moveTo('2026-11-20T00:00:30.000Z');
      await s.promotions.promote({ service: SHOP, version: '1.2.0', environment: 'production' }, 'bob');
      expect(await scrape()).toContain('\ncairn_dora_deployments 2\n');
      clock.moveTo('2026-11-20T00:01:01.000Z');
      expect(await scrape()).toContain('\ncairn_dora_deployments 3\n');
      await app.close();
    });
  });
}
