import type { ChangeState, ChangeType, TimeWindow } from '../lifecycle/change-lifecycle.js';
import type { ImpactSummary } from '../graph/impact-summary.js';
import type { Conflict } from './conflicts.js';
import { overlaps, parseInstant, toIso, type Interval } from './time.js';
import { expandOccurrences, type FreezeWindow, type MaintenanceWindow } from './windows.js';

/** One line of the change calendar: a change's window or an occurrence of a freeze or maintenance window. */
export interface CalendarEntry {
  kind: 'change' | 'freeze' | 'maintenance';
  start: string;
  end: string;
  /** `CHG-12 Upgrade orders-db`, `Freeze: year-end`, `Maintenance: sat-night`. */
  title: string;
  description: string;
  /** `CHG-n` for changes, the window's name for windows. */
  ref: string;
  state?: ChangeState;
  conflicts?: Conflict[];
}

/** What the calendar shows of a change. */
export interface CalendarRow {
  ref: string;
  title: string;
  type: ChangeType;
  state: ChangeState;
  window?: TimeWindow;
  requester: string;
  assignee?: string;
  risk?: { level: string; score: number };
  impact?: ImpactSummary;
}

/** What the calendar is built from; the service loads the changes whose windows meet the range. */
export interface CalendarInput {
  from: string;
  to: string;
  changes: readonly CalendarRow[];
  freezes?: readonly FreezeWindow[];
  maintenance?: readonly MaintenanceWindow[];
  /** Conflicts per change ref, shown beside the change. */
  conflicts?: ReadonlyMap<string, Conflict[]>;
}

// Drafts are not requests yet; rejected and cancelled changes will not happen.
const HIDDEN: readonly ChangeState[] = ['draft', 'rejected', 'cancelled'];

/**
 * Merges changes and window occurrences that meet [from, to) into one list, earliest first (windows
 * before changes at the same instant, so that a freeze reads before what it blocks).
 */
export function listCalendar(input: CalendarInput): CalendarEntry[] {
  const from = parseInstant(input.from);
  const to = parseInstant(input.to);
  if (from === undefined || to === undefined || to <= from) return [];
  const range: Interval = { start: from, end: to };
  const entries: CalendarEntry[] = [];
  for (const c of input.changes) {
    const start = parseInstant(c.window?.start);
    const end = parseInstant(c.window?.end);
    if (start === undefined || end === undefined || HIDDEN.includes(c.state) || !overlaps(range, { start, end }))
      continue;
    const entry: CalendarEntry = {
      kind: 'change',
      start: toIso(start),
      end: toIso(end),
      title: `${c.ref} ${c.title}`,
      ref: c.ref,
      state: c.state,
      description: describeChange(c),
    };
    const conflicts = input.conflicts?.get(c.ref);
    if (conflicts && conflicts.length > 0) entry.conflicts = conflicts;
    entries.push(entry);
  }
  const windows = [
    ...(input.freezes ?? []).map((w) => ({ w, kind: 'freeze' as const, label: 'Freeze' })),
    ...(input.maintenance ?? []).map((w) => ({ w, kind: 'maintenance' as const, label: 'Maintenance' })),
  ];
  for (const { w, kind, label } of windows) {
    for (const o of expandOccurrences(w, range)) {
      entries.push({
        kind,
        start: toIso(o.start),
        end: toIso(o.end),
        title: `${label}: ${w.name}`,
        ref: w.name,
        description: w.description ?? describeWindow(kind, w),
      });
    }
  }
  const rank = { freeze: 0, maintenance: 1, change: 2 };
  return entries.sort(
    (a, b) => a.start.localeCompare(b.start) || rank[a.kind] - rank[b.kind] || a.ref.localeCompare(b.ref),
  );
}

function describeChange(c: CalendarInput['changes'][number]): string {
  const lines = [`${c.type} change, ${c.state.replace('_', ' ')}`, `requester: ${c.requester}`];
  if (c.assignee !== undefined) lines.push(`assignee: ${c.assignee}`);
  if (c.risk) lines.push(`risk: ${c.risk.level} (${c.risk.score} points)`);
  if (c.impact && c.impact.touched.length > 0) lines.push(`touches: ${c.impact.touched.join(', ')}`);
  if (c.impact && c.impact.businessServices.length > 0)
    lines.push(`business services: ${c.impact.businessServices.join(', ')}`);
  return lines.join('\n');
}

function describeWindow(kind: 'freeze' | 'maintenance', w: FreezeWindow | MaintenanceWindow): string {
  if (kind === 'freeze') {
    const scope = 'scope' in w ? w.scope : undefined;
    const parts = [...(scope?.services ?? []), ...(scope?.environments ?? [])];
    return `No changes ${parts.length > 0 ? `to ${parts.join(', ')}` : 'at all'} during this freeze.`;
  }
  const m = w as MaintenanceWindow;
  const parts = [...(m.cis ?? []), ...(m.services ?? [])];
  return `Maintenance window for ${parts.length > 0 ? parts.join(', ') : 'everything'}.`;
}
