import { policyOf } from './change-transaction.js';
import type { Change, ChangeViewAction } from './change.types.js';
import { allowedActions } from './allowed-actions.js';
import type { ViewerOf } from './change-view.js';
import { managersExist } from './lifecycle-step.js';
import { OPEN_STATES, type TimeWindow } from '../lifecycle/change-lifecycle.js';
import { requiredFor } from './approval-decisions.js';
import { evaluateApprovals } from '../policy/approvals.js';
import type { ChangeReader } from './change.port.js';
import { parseInstant } from '../schedule/time.js';
import { conflictsOf } from './change-scheduling.js';

/** One change on the CAB's agenda. */
export interface AgendaItem {
  ref: string;
  title: string;
  type: Change['type'];
  state: Change['state'];
  requester: string;
  window: TimeWindow | null;
  risk: { level: string; score: number } | null;
  /** What the plan touches and what that affects: the CAB weighs it before deciding. */
  impact: { touched: string[]; impacted: string[]; businessServices: string[] } | null;
  /** Required groups still short of approvals, e.g. `cab (1 more)`. */
  awaiting: string[];
  conflicts: string[];
  /** What the viewer may do on it now (the server's rule: approve and reject only where their decision is awaited). */
  allowedActions: ChangeViewAction[];
}

export interface CabAgenda {
  date: string;
  cab: string;
  /** Submitted changes that need the CAB's decision. */
  forDecision: AgendaItem[];
  /** Authorized and scheduled changes whose window starts within the week after the meeting. */
  upcoming: AgendaItem[];
}

const WEEK = 7 * 86_400_000;

/**
 * The agenda of the CAB meeting on `date`: changes awaiting the CAB's approval, highest risk first,
 * and the changes due in the following week, each with its risk, impact and conflicts, and, when
 * someone in particular is looking, what they may do on each.
 */
export async function cabAgenda(reader: ChangeReader, date: string, viewer?: ViewerOf): Promise<CabAgenda> {
  const policy = await policyOf(reader);
  const open = await reader.listChanges({ states: [...OPEN_STATES] });
  const looking = viewer && {
    viewer: { ...viewer, groups: await reader.groupsOf(viewer.name) },
    managers: await managersExist(reader),
  };
  const item = (c: Change, awaiting: string[]): AgendaItem => ({
    ref: c.ref,
    title: c.title,
    type: c.type,
    state: c.state,
    requester: c.requester,
    window: c.window ?? null,
    risk: c.risk ? { level: c.risk.level, score: c.risk.score } : null,
    impact: c.impact
      ? { touched: c.impact.touched, impacted: c.impact.impacted, businessServices: c.impact.businessServices }
      : null,
    awaiting,
    conflicts: conflictsOf(c, open, policy).map((x) => x.message),
    allowedActions: looking ? allowedActions(c, looking.viewer, requiredFor(c, policy), looking.managers) : [],
  });
  const forDecision = open
    .filter((c) => c.state === 'submitted')
    .flatMap((c) => {
      const evaluation = evaluateApprovals(requiredFor(c, policy), c.approvals, c);
      const cab = evaluation.groups.find((g) => g.group === policy.cab.group);
      if (!cab || cab.satisfied) return [];
      return [
        item(
          c,
          evaluation.groups.filter((g) => !g.satisfied).map((g) => `${g.group} (${g.missing} more)`),
        ),
      ];
    })
    .sort((a, b) => (b.risk?.score ?? 0) - (a.risk?.score ?? 0) || a.ref.localeCompare(b.ref));
  const start = parseInstant(date) ?? Date.parse(`${date}T00:00:00Z`);
  const upcoming = open
    .filter((c) => c.state === 'authorized' || c.state === 'scheduled')
    .filter((c) => {
      const s = parseInstant(c.window?.start);
      return s !== undefined && s >= start && s < start + WEEK;
    })
    .sort((a, b) => (a.window?.start ?? '').localeCompare(b.window?.start ?? ''))
    .map((c) => item(c, []));
  return { date, cab: policy.cab.group, forDecision, upcoming };
}
