import type { DesiredCi } from '../../src/core/ci/desired-state.js';
import type { CheckInput } from '../../src/core/drift/drift-check.js';
import { DriftService, loadAuthority, type DriftServiceDeps } from '../../src/core/drift/drift.service.js';
import type { Finding } from '../../src/core/drift/drift.types.js';
import { createCmdbServices, type CmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import type { Clock } from '../../src/core/shared/clock.js';
import type { KyselyCmdbStore } from '../../src/store/connect.js';
import { KyselyDriftStore } from '../../src/store/repositories/drift/drift.store.js';
import type { EngineHarness } from '../helpers/engines.js';

/** A clock tests move by hand: each reading is one second after the last, from where it was set. */
export class TestClock implements Clock {
  private t: number;
  constructor(iso: string) {
    this.t = Date.parse(iso);
  }
  now(): Date {
    const d = new Date(this.t);
    this.t += 1000;
    return d;
  }
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
}

export interface DriftFixture extends CmdbServices {
  store: KyselyCmdbStore;
  driftStore: KyselyDriftStore;
  drift: DriftService;
  clock: TestClock;
  /** Rebuilds the services with the stored authority rules (as the CLI does on each run). */
  reload(extra?: Partial<DriftServiceDeps>): Promise<DriftFixture>;
  check(cis: DesiredCi[], options?: Partial<CheckInput>): ReturnType<DriftService['check']>;
}

export async function driftFixture(
  harness: EngineHarness,
  extra: Partial<DriftServiceDeps> = {},
  store?: KyselyCmdbStore,
  clock?: TestClock,
): Promise<DriftFixture> {
  const s = store ?? (await harness.newStore());
  const c = clock ?? new TestClock('2026-03-01T10:00:00.000Z');
  const driftStore = new KyselyDriftStore(s);
  const services = createCmdbServices(s, { clock: c, authority: await loadAuthority(driftStore, s) });
  await services.cmdb.initialize('tester');
  const drift = new DriftService({ store: s, drift: driftStore, cmdb: services.cmdb, clock: c, ...extra });
  const fixture: DriftFixture = {
    ...services,
    store: s,
    driftStore,
    drift,
    clock: c,
    reload: (more) => driftFixture(harness, { ...extra, ...more }, s, c),
    check: (cis, options) =>
      drift.check({ observed: { cis, relations: [] }, source: 'scan', format: 'cairn', author: 'scanner', ...options }),
  };
  return fixture;
}

export const byRef = (findings: Finding[]): Record<string, Finding> =>
  Object.fromEntries(findings.map((f) => [f.ref, f]));

export const cliMeta = { author: 'tester', message: 'test', source: 'cli' };
