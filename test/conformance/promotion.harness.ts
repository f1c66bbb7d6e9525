import { createServices } from '../../src/app/services.js';
import type { KyselyCmdbStore } from '../../src/store/connect.js';
import { meta, smallEstate } from '../helpers/fixtures.js';
import { movableClock } from './change.harness.js';

/** Before the year-end freeze; windows and freezes are placed around it. */
export const PROMOTION_NOW = '2026-12-01T10:00:00.000Z';

/** Release managers approve staging; two of the CAB approve production; production freezes at year end. */
export const PROMOTION_POLICY = {
  groups: [
    { name: 'cab', members: ['carol', 'dave', 'frank'] },
    { name: 'release-managers', members: ['rita', 'sam'] },
    { name: 'change-managers', members: ['erin'] },
  ],
  rules: [{ name: 'normal needs the CAB', match: { type: ['normal'] }, require: [{ group: 'cab', quorum: 1 }] }],
  freeze: [{ name: 'year-end', start: '2026-12-20T00:00:00Z', end: '2027-01-04T00:00:00Z' }],
};

export const PROMOTION_ENVIRONMENTS = {
  environments: [
    { name: 'development' },
    { name: 'test' },
    { name: 'staging', require: [{ group: 'release-managers' }] },
    { name: 'production', controlled: true, require: [{ group: 'cab', quorum: 2 }], freeze: ['year-end'] },
  ],
};

export const SERVICE = 'application/shop-frontend';

/**
 * Services on a fresh store with change control on, the small estate (shop-frontend described in
 * production), the policy and environments above, and releases 1.0.0 and 1.1.0 proposed by alice
 * and approved by rita.
 */
export async function promotionWorld(store: KyselyCmdbStore, policy: object = PROMOTION_POLICY) {
  const clock = movableClock(PROMOTION_NOW, 1000);
  const s = await createServices(store, { clock, runsJobs: false });
  await s.cmdb.initialize('tester');
  await s.cmdb.apply(smallEstate(), meta('estate'));
  await s.policies.apply(policy, 'admin');
  await s.environments.apply(PROMOTION_ENVIRONMENTS, 'erin');
  for (const version of ['1.0.0', '1.1.0']) {
    await s.releases.create(SERVICE, version, { notes: `Release ${version}.` }, 'alice');
    await s.releases.approve(SERVICE, version, 'rita');
  }
  const promote = (version: string, environment: string, actor = 'rita', extra: object = {}) =>
    s.promotions.promote({ service: SERVICE, version, environment, ...extra }, actor);
  /** Promotes through development, test and staging (rita approving staging). */
  const toStaging = async (version: string) => {
    await promote(version, 'development');
    await promote(version, 'test');
    await s.promotions.approve({ service: SERVICE, version, environment: 'staging' }, 'sam');
    await promote(version, 'staging');
  };
  const approveProduction = async (version: string) => {
    for (const who of ['carol', 'dave'])
      await s.promotions.approve({ service: SERVICE, version, environment: 'production' }, who);
  };
  return { s, clock, promote, toStaging, approveProduction };
}
