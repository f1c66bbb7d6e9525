import { describe, expect, it } from 'vitest';
import type { Incident } from '../incident/incident.types.js';
import type { Deployment } from '../release/deployment.types.js';
import { doraMetrics, releaseKey, type DoraRecords } from './dora-metrics.js';

const NOVEMBER = { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' };
const SHOP = 'application/shop';
const API = 'application/api';

function deployment(
  id: string,
  d: Partial<Deployment> & Pick<Deployment, 'service' | 'version' | 'startedAt'>,
): Deployment {
  return {
    id,
    environment: 'production',
    kind: 'promotion',
    state: 'succeeded',
    by: 'token:ci',
    pipeline: null,
    finishedAt: null,
    change: null,
    revision: null,
    emergency: null,
    rollbackOf: null,
    gates: [],
    note: null,
    ...d,
  };
}

function incident(id: string, i: Partial<Incident> & Pick<Incident, 'service' | 'startedAt'>): Incident {
  return {
    id,
    title: id,
    severity: 'major',
    endedAt: null,
    change: null,
    deployment: null,
    ticket: null,
    recordedBy: 'desk',
    recordedAt: i.startedAt,
    ...i,
  };
}

/*
 * A small history worked out by hand, measured over November 2026 (30 days):
 *  releases: shop 1.0.0 created Nov 1 00:00, 1.1.0 Nov 5 00:00, 1.2.0 Nov 10 00:00, 1.3.0 Nov 20 00:00;
 *            api 2.0.0 Oct 25 00:00.
 *  dep_1 shop 1.0.0 succeeded Nov 2 12:00                     lead 36 h    no failure
 *  dep_2 shop 1.1.0 succeeded Nov 6 06:00 (CHG-2)             lead 30 h    rolled back by dep_3 on Nov 7
 *  dep_3 shop rollback of 1.1.0 to 1.0.0, Nov 7               a rollback: neither a deployment nor a failure counted
 *  dep_4 shop 1.2.0 FAILED Nov 11 02:00                       not a deployment; a failure
 *  dep_5 shop 1.3.0 succeeded Nov 21 12:00                    lead 36 h    caused INC-1 (linked to the deployment)
 *  dep_6 api 2.0.0 succeeded Nov 1 00:00 exactly (CHG-9)      lead 168 h   caused INC-2 (linked to its change)
 *  dep_7 shop 1.3.0 into staging, Nov 15                      not production: ignored
 *  dep_8 api 2.1.0 still running since Nov 30                 not finished: ignored
 *  dep_9 shop 1.4.0 succeeded Dec 1 00:00 exactly             after the period (its end is excluded)
 *  INC-1 shop Nov 21 13:00 → 15:00 (2 h); INC-2 api Nov 1 02:00 → Nov 2 02:00 (24 h);
 *  INC-3 shop Nov 29, still open; INC-4 Oct 30 00:00 → Nov 1 06:00 (54 h), started before the period.
 *
 *  deployments: dep_1, 2, 5, 6 = 4 → 4/30 a day. Lead: 36, 30, 36, 168 → mean 270/4 = 67.5 h,
 *  median (36 + 36)/2 = 36 h. Production deployments finished: dep_1, 2, 4, 5, 6 = 5; failed: dep_2
 *  (rolled back), dep_4 (failed), dep_5 and dep_6 (incidents) = 4 → 80 %. Incidents started in the
 *  period: INC-1, 2, 3 = 3. Restored in it: INC-1, 2, 4 → 2, 24, 54 h: mean 80/3 h, median 24 h.
 */
const RECORDS: DoraRecords = {
  production: 'production',
  releaseCreated: new Map([
    [releaseKey(SHOP, '1.0.0'), '2026-11-01T00:00:00.000Z'],
    [releaseKey(SHOP, '1.1.0'), '2026-11-05T00:00:00.000Z'],
    [releaseKey(SHOP, '1.2.0'), '2026-11-10T00:00:00.000Z'],
    [releaseKey(SHOP, '1.3.0'), '2026-11-20T00:00:00.000Z'],
    [releaseKey(API, '2.0.0'), '2026-10-25T00:00:00.000Z'],
  ]),
  deployments: [
    deployment('dep_6', {
      service: API,
      version: '2.0.0',
      startedAt: '2026-10-31T20:00:00.000Z',
      finishedAt: '2026-11-01T00:00:00.000Z',
      change: 'CHG-9',
    }),
    deployment('dep_1', {
      service: SHOP,
      version: '1.0.0',
      startedAt: '2026-11-02T00:00:00.000Z',
      finishedAt: '2026-11-02T12:00:00.000Z',
      change: 'CHG-1',
    }),
    deployment('dep_2', {
      service: SHOP,
      version: '1.1.0',
      startedAt: '2026-11-06T00:00:00.000Z',
      finishedAt: '2026-11-06T06:00:00.000Z',
      change: 'CHG-2',
    }),
    deployment('dep_3', {
      service: SHOP,
      version: '1.0.0',
      kind: 'rollback',
      rollbackOf: '1.1.0',
      startedAt: '2026-11-07T00:00:00.000Z',
      finishedAt: '2026-11-07T01:00:00.000Z',
    }),
    deployment('dep_4', {
      service: SHOP,
      version: '1.2.0',
      state: 'failed',
      startedAt: '2026-11-11T00:00:00.000Z',
      finishedAt: '2026-11-11T02:00:00.000Z',
    }),
    deployment('dep_7', {
      service: SHOP,
      version: '1.3.0',
      environment: 'staging',
      startedAt: '2026-11-15T00:00:00.000Z',
      finishedAt: '2026-11-15T01:00:00.000Z',
    }),
    deployment('dep_5', {
      service: SHOP,
      version: '1.3.0',
      startedAt: '2026-11-21T00:00:00.000Z',
      finishedAt: '2026-11-21T12:00:00.000Z',
    }),
    deployment('dep_8', { service: API, version: '2.1.0', state: 'running', startedAt: '2026-11-30T00:00:00.000Z' }),
    deployment('dep_9', {
      service: SHOP,
      version: '1.4.0',
      startedAt: '2026-11-30T23:00:00.000Z',
      finishedAt: '2026-12-01T00:00:00.000Z',
    }),
  ],
  incidents: [
    incident('INC-4', { service: SHOP, startedAt: '2026-10-30T00:00:00.000Z', endedAt: '2026-11-01T06:00:00.000Z' }),
    incident('INC-2', {
      service: API,
      startedAt: '2026-11-01T02:00:00.000Z',
      endedAt: '2026-11-02T02:00:00.000Z',
      change: 'CHG-9',
    }),
    incident('INC-1', {
      service: SHOP,
      startedAt: '2026-11-21T13:00:00.000Z',
      endedAt: '2026-11-21T15:00:00.000Z',
      deployment: 'dep_5',
    }),
    incident('INC-3', { service: SHOP, startedAt: '2026-11-29T00:00:00.000Z' }),
  ],
};

describe('the DORA measures', () => {
  it('measures all four on the hand-worked history', () => {
    expect(doraMetrics(RECORDS, NOVEMBER)).toEqual({
      deployments: 4,
      deploymentsPerDay: 4 / 30,
      meanLeadTimeHours: 67.5,
      medianLeadTimeHours: 36,
      productionDeployments: 5,
      failedDeployments: 4,
      changeFailureRate: 0.8,
      incidents: 3,
      restored: 3,
      meanTimeToRestoreHours: 80 / 3,
      medianTimeToRestoreHours: 24,
    });
  });

  it('without incidents, counts only failed and rolled-back deployments as failures and leaves the incident figures null', () => {
    expect(doraMetrics({ ...RECORDS, incidents: null }, NOVEMBER)).toMatchObject({
      failedDeployments: 2,
      changeFailureRate: 0.4,
      incidents: null,
      restored: null,
      meanTimeToRestoreHours: null,
      medianTimeToRestoreHours: null,
    });
  });

  it('finds production by name whatever its case, and counts a deployment finished at the period end in the next period', () => {
    const december = { from: '2026-12-01T00:00:00.000Z', to: '2026-12-02T00:00:00.000Z' };
    const m = doraMetrics({ ...RECORDS, production: 'PRODUCTION' }, december);
    expect(m).toMatchObject({ deployments: 1, deploymentsPerDay: 1, productionDeployments: 1, failedDeployments: 0 });
    // 1.4.0 has no release record here: its lead time cannot be measured and is not guessed.
    expect(m.meanLeadTimeHours).toBeNull();
  });

  it('says n/a (null), never 0, for a period with nothing to measure', () => {
    const empty = doraMetrics(RECORDS, { from: '2026-01-01T00:00:00.000Z', to: '2026-01-02T00:00:00.000Z' });
    expect(empty).toEqual({
      deployments: 0,
      deploymentsPerDay: 0,
      meanLeadTimeHours: null,
      medianLeadTimeHours: null,
      productionDeployments: 0,
      failedDeployments: 0,
      changeFailureRate: null,
      incidents: 0,
      restored: 0,
      meanTimeToRestoreHours: null,
      medianTimeToRestoreHours: null,
    });
  });
});
