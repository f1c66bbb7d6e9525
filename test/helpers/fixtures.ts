import type { CiVersion } from '../../src/core/ci/ci.types.js';
import type { DesiredCi, DesiredState } from '../../src/core/ci/desired-state.js';
import type { WriteMeta } from '../../src/core/revision/revision.types.js';

export const meta = (message = 'test'): WriteMeta => ({ author: 'tester', message, source: 'test' });

export function makeCi(overrides: Partial<DesiredCi> & { name: string }): DesiredCi {
  return {
    class: 'server',
    status: 'active',
    attributes: { environment: 'production', cpu: 2 },
    labels: {},
    ...overrides,
  };
}

/** A small estate: a business service on an application on two servers, a database, a rack. */
export function smallEstate(): DesiredState {
  return {
    cis: [
      { class: 'business_service', name: 'shop', attributes: { criticality: 'high' } },
      { class: 'application', name: 'shop-frontend', attributes: { environment: 'production' } },
      {
        class: 'database',
        name: 'orders-db',
        attributes: { engine: 'postgresql', version: '16.3', environment: 'production' },
      },
      makeCi({ name: 'web-01', labels: { team: 'web' } }),
      makeCi({
        class: 'linux_server',
        name: 'web-02',
        labels: { team: 'web' },
        attributes: { environment: 'staging', cpu: 4, os: 'debian-12' },
      }),
      { class: 'rack', name: 'r1', attributes: { u_height: 42 } },
    ],
    relations: [
      { type: 'depends_on', from: 'business_service/shop', to: 'application/shop-frontend' },
      { type: 'runs_on', from: 'application/shop-frontend', to: 'server/web-01' },
      { type: 'runs_on', from: 'application/shop-frontend', to: 'linux_server/web-02' },
      { type: 'depends_on', from: 'application/shop-frontend', to: 'database/orders-db' },
      { type: 'contains', from: 'rack/r1', to: 'server/web-01' },
    ],
  };
}

/** `count` current versions of servers `prefix-0` … at revision 1. */
export function serverVersions(prefix: string, count: number): CiVersion[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `ci_${prefix}_${i}`,
    class: 'server',
    name: `${prefix}-${i}`,
    status: 'active',
    attributes: { cpu: i % 8 },
    labels: {},
    source: 'test',
    revFrom: 1,
    revTo: null,
    hash: `h${i}`,
    attributeSources: {},
  }));
}
