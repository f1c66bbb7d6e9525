import { createChangeServices } from '../../src/core/change/change-services.js';
import type { DesiredState } from '../../src/core/ci/desired-state.js';
import { changeControlGuard } from '../../src/core/change/change-control.guard.js';
import { createCmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import type { Clock } from '../../src/core/shared/clock.js';
import { KyselyChangeStore } from '../../src/store/repositories/change/change.store.js';
import type { KyselyCmdbStore } from '../../src/store/connect.js';
import { meta, smallEstate } from '../helpers/fixtures.js';

/** The moment every change suite starts at; windows are planned in the weeks after it. */
export const NOW = '2026-11-20T10:00:00.000Z';

/** A policy with a CAB of three (quorum 2), change managers, emergency approvers and a template. */
export const POLICY = {
  groups: [
    { name: 'cab', members: ['carol', 'dave', 'frank'] },
    { name: 'change-managers', members: ['erin'] },
    { name: 'emergency', members: ['gina'] },
    { name: 'dba', members: ['dave', 'hana'] },
  ],
  rules: [
    { name: 'normal needs the CAB', match: { type: ['normal'] }, require: [{ group: 'cab', quorum: 2 }] },
    {
      name: 'databases need a DBA',
      match: { type: ['normal'], class: ['database'] },
      require: [{ group: 'dba', quorum: 1 }],
    },
  ],
  emergency: { group: 'emergency', quorum: 1 },
  templates: [
    { name: 'resize-server', description: 'Change CPU count', classes: [{ class: 'server', attributes: ['cpu'] }] },
  ],
  freeze: [{ name: 'year-end', start: '2026-12-20T00:00:00Z', end: '2027-01-04T00:00:00Z' }],
};

/** A night window `days` after NOW, outside business hours. */
export function night(days: number, hours = 1): { start: string; end: string } {
  const start = Date.parse(NOW) + days * 86_400_000 + 12 * 3_600_000;
  return { start: new Date(start).toISOString(), end: new Date(start + hours * 3_600_000).toISOString() };
}

/** change.yaml as a parsed document. */
export function changeDoc(plan: Partial<DesiredState>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'normal',
    title: 'A change',
    assignee: 'bob',
    window: night(10),
    plan: { cis: [], relations: [], ...plan },
    ...extra,
  };
}

export const cpu = (n: number): Partial<DesiredState> => ({
  cis: [{ class: 'server', name: 'web-01', attributes: { cpu: n } }],
});

/** CMDB and change services on a fresh store, change control installed, the small estate and POLICY loaded. */
export async function changeWorld(store: KyselyCmdbStore, options: { policy?: unknown } = {}) {
  const clock = movableClock(NOW, 1000);
  const changeStore = new KyselyChangeStore(store);
  const cmdb = createCmdbServices(store, { clock, guard: changeControlGuard(changeStore, clock) });
  await cmdb.cmdb.initialize('tester');
  await cmdb.cmdb.apply(smallEstate(), meta('estate'));
  const services = createChangeServices(cmdb, changeStore, clock);
  await services.policies.apply(options.policy ?? POLICY, 'admin');
  return { ...cmdb, ...services, changeStore, clock };
}

export type ChangeWorld = Awaited<ReturnType<typeof changeWorld>>;

/** Creates, submits and has carol and frank approve a normal change; returns its ref. */
export async function authorized(w: ChangeWorld, doc = changeDoc(cpu(8))): Promise<string> {
  const c = await w.changes.create(doc, 'alice');
  await w.changes.submit(c.ref, 'alice');
  await w.changes.approve(c.ref, 'carol');
  await w.changes.approve(c.ref, 'frank');
  return c.ref;
}

/** A fixed clock stepping `stepMs` a reading, which a test can move to another moment. */
export function movableClock(iso: string, stepMs: number): Clock & { moveTo(iso: string): void; at(): string } {
  let t = Date.parse(iso);
  return {
    now: () => {
      const d = new Date(t);
      t += stepMs;
      return d;
    },
    moveTo: (next) => {
      t = Date.parse(next);
    },
    at: () => new Date(t).toISOString(),
  };
}

/**
 * Implements a change a minute into its approved window (the clock moved there and back after),
 * as an implementer does; a change without a window is implemented now.
 */
export async function implementInWindow(w: ChangeWorld, ref: string, actor: string, comment?: string) {
  const window = (await w.changes.get(ref)).window;
  const before = w.clock.at();
  if (window) w.clock.moveTo(new Date(Date.parse(window.start) + 60_000).toISOString());
  try {
    return await w.changes.implement(ref, actor, comment);
  } finally {
    w.clock.moveTo(before);
  }
}
