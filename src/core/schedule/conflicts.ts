import { isOpen, type ChangeState, type TimeWindow } from '../lifecycle/change-lifecycle.js';
import type { ImpactSummary } from '../graph/impact-summary.js';
import { formatRef, type DesiredCi, type DesiredState } from '../ci/desired-state.js';
import { contains, describeInterval, overlaps, parseInstant, type Interval } from './time.js';
import { expandOccurrences, type FreezeWindow, type MaintenanceWindow, type WindowOccurrence } from './windows.js';

/** What a change is checked as: its plan, window and computed impact. */
export interface CalendarChange {
  ref: string;
  title: string;
  state: ChangeState;
  window?: TimeWindow;
  plan: DesiredState;
  impact?: ImpactSummary;
}

export type ConflictKind = 'same-attribute' | 'overlap' | 'freeze' | 'maintenance';

/** One conflict, as a sentence, with what it conflicts with. */
export interface Conflict {
  kind: ConflictKind;
  message: string;
  /** `CHG-n` of the other change, for same-attribute and overlap. */
  other?: string;
  /** The window occurrence involved, for freeze (and the change's window, for maintenance). */
  window?: { name: string; start: string; end: string };
  /** The CI concerned, when there is one. */
  ci?: string;
}

/** The data conflict detection needs, gathered by the service. */
export interface ConflictContext {
  /** Other changes (any state: closed ones are skipped here). */
  others: readonly CalendarChange[];
  freezes?: readonly FreezeWindow[];
  maintenance?: readonly MaintenanceWindow[];
}

/**
 * Every conflict of `change` with the other open changes, the freeze windows and the maintenance
 * windows, in that order. Pure: the caller gathers the data; run when a change is scheduled and
 * again before it is implemented.
 */
export function detectConflicts(change: CalendarChange, context: ConflictContext): Conflict[] {
  const others = context.others.filter((o) => o.ref !== change.ref && isOpen(o.state));
  const out = others.flatMap((o) => sameAttributeConflicts(change, o));
  const window = intervalOf(change);
  if (!window) return out;
  out.push(...others.flatMap((o) => overlapConflicts(change, window, o)));
  out.push(...freezeConflicts(change, window, context.freezes ?? []));
  out.push(...maintenanceConflicts(change, window, context.maintenance ?? []));
  return out;
}

/** The keys a plan sets on each CI: attribute keys, `status` and `labels.k`. */
export function keysSetByPlan(plan: DesiredState): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (ci: DesiredCi, key: string): void => {
    const ref = formatRef(ci);
    const set = out.get(ref) ?? new Set<string>();
    set.add(key);
    out.set(ref, set);
  };
  for (const ci of plan.cis) {
    for (const key of Object.keys(ci.attributes ?? {})) add(ci, `attribute "${key}"`);
    if (ci.status !== undefined) add(ci, 'status');
    for (const key of Object.keys(ci.labels ?? {})) add(ci, `label "${key}"`);
  }
  return out;
}

function sameAttributeConflicts(change: CalendarChange, other: CalendarChange): Conflict[] {
  const mine = keysSetByPlan(change.plan);
  const theirs = keysSetByPlan(other.plan);
  const out: Conflict[] = [];
  for (const [ci, keys] of mine) {
    const shared = [...keys].filter((k) => theirs.get(ci)?.has(k) === true);
    if (shared.length === 0) continue;
    out.push({
      kind: 'same-attribute',
      other: other.ref,
      ci,
      message: `${other.ref} (${other.state}) also sets ${shared.join(', ')} of ${ci}`,
    });
  }
  return out;
}

function overlapConflicts(change: CalendarChange, window: Interval, other: CalendarChange): Conflict[] {
  const theirs = intervalOf(other);
  if (!theirs || !overlaps(window, theirs)) return [];
  const myTouched = touchedOf(change);
  const theirTouched = touchedOf(other);
  const myImpact = new Set(change.impact?.impacted ?? []);
  const theirImpact = new Set(other.impact?.impacted ?? []);
  const when = describeInterval(theirs);
  const out: Conflict[] = [];
  const seen = new Set<string>();
  const push = (ci: string, how: string): void => {
    if (seen.has(ci)) return;
    seen.add(ci);
    out.push({ kind: 'overlap', other: other.ref, ci, message: `${other.ref} (${when}) ${how}` });
  };
  for (const ci of myTouched) if (theirTouched.has(ci)) push(ci, `also touches ${ci} at the same time`);
  for (const ci of theirTouched)
    if (myImpact.has(ci)) push(ci, `touches ${ci}, which this change impacts, at the same time`);
  for (const ci of myTouched)
    if (theirImpact.has(ci)) push(ci, `impacts ${ci}, which this change touches, at the same time`);
  return out;
}

function freezeConflicts(change: CalendarChange, window: Interval, freezes: readonly FreezeWindow[]): Conflict[] {
  return freezes
    .filter((f) => freezeApplies(f, change))
    .flatMap((f) => expandOccurrences(f, window))
    .map((o) => ({
      kind: 'freeze' as const,
      window: occurrenceJson(o),
      message: `the window overlaps freeze ${o.name} (${describeInterval(o)})`,
    }));
}

/** True when the freeze's scope covers the change: no scope, or a service or environment in common. */
export function freezeApplies(freeze: FreezeWindow, change: Pick<CalendarChange, 'impact'>): boolean {
  const services = freeze.scope?.services ?? [];
  const environments = freeze.scope?.environments ?? [];
  if (services.length === 0 && environments.length === 0) return true;
  const mine = change.impact?.businessServices ?? [];
  if (services.some((s) => mine.some((m) => sameService(s, m)))) return true;
  const envs = (change.impact?.environments ?? []).map((e) => e.toLowerCase());
  return environments.some((e) => envs.includes(e.toLowerCase()));
}

function maintenanceConflicts(
  change: CalendarChange,
  window: Interval,
  windows: readonly MaintenanceWindow[],
): Conflict[] {
  // Each touched CI (or impacted business service) with maintenance windows must fit inside one of them.
  const subjects = new Map<string, MaintenanceWindow[]>();
  const add = (subject: string, w: MaintenanceWindow): void =>
    void subjects.set(subject, [...(subjects.get(subject) ?? []), w]);
  for (const w of windows) {
    for (const ci of touchedOf(change)) if ((w.cis ?? []).includes(ci)) add(ci, w);
    for (const s of change.impact?.businessServices ?? [])
      if ((w.services ?? []).some((x) => sameService(x, s))) add(s, w);
  }
  const out: Conflict[] = [];
  for (const [subject, list] of subjects) {
    const fits = list.some((w) => expandOccurrences(w, window).some((o) => contains(o, window)));
    if (fits) continue;
    const names = [...new Set(list.map((w) => w.name))].join(', ');
    out.push({
      kind: 'maintenance',
      ci: subject,
      window: { name: names, start: new Date(window.start).toISOString(), end: new Date(window.end).toISOString() },
      message: `the window ${describeInterval(window)} is outside the maintenance windows of ${subject} (${names})`,
    });
  }
  return out;
}

function touchedOf(change: CalendarChange): Set<string> {
  const refs = change.impact?.touched ?? change.plan.cis.map((c) => formatRef(c));
  return new Set(refs);
}

function intervalOf(change: Pick<CalendarChange, 'window'>): Interval | undefined {
  const start = parseInstant(change.window?.start);
  const end = parseInstant(change.window?.end);
  return start === undefined || end === undefined || end <= start ? undefined : { start, end };
}

/** `shop` and `business_service/shop` name the same service. */
function sameService(scope: string, ref: string): boolean {
  return scope === ref || ref.slice(ref.indexOf('/') + 1) === scope;
}

function occurrenceJson(o: WindowOccurrence): { name: string; start: string; end: string } {
  return { name: o.name, start: new Date(o.start).toISOString(), end: new Date(o.end).toISOString() };
}
