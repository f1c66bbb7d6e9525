import type { Change, HistoryEntry } from './change.types.js';
import type { Approval } from '../policy/approvals.js';
import type { ChangeState } from '../lifecycle/change-lifecycle.js';

/**
 * What one save of a change did: the transitions it appended and the decisions (approve or
 * reject) it recorded. Listeners get it after the transaction commits, from whichever process
 * and path made the change (API route, CLI, drift remediation), so events are published once.
 */
export interface ChangeActivity {
  /** The change as saved. */
  change: Change;
  /** Its state before this save; undefined when the save created it. */
  previousState?: ChangeState;
  actor: string;
  transitions: HistoryEntry[];
  decisions: Approval[];
}

export type ChangeListener = (activity: ChangeActivity) => void;

export function activityOf(before: Change | undefined, after: Change, actor: string): ChangeActivity {
  return {
    change: after,
    ...(before ? { previousState: before.state } : {}),
    actor,
    transitions: after.history.slice(before?.history.length ?? 0),
    decisions: after.approvals.slice(before?.approvals.length ?? 0),
  };
}

/** Calls each listener with each activity; a listener's failure never undoes a committed write. */
export function emitActivity(
  listeners: readonly ChangeListener[] | undefined,
  activity: readonly ChangeActivity[],
): void {
  for (const a of activity) {
    for (const l of listeners ?? []) {
      try {
        l(a);
      } catch {
        // Listeners report their own failures (they publish asynchronously anyway).
      }
    }
  }
}
