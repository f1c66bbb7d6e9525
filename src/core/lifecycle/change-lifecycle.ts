/** Standard changes are pre-approved by a template; emergency ones take the short path. */
export const CHANGE_TYPES = ['standard', 'normal', 'emergency'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

/** Every state of the lifecycle; see docs/change-workflow.md for the diagram. */
export const CHANGE_STATES = [
  'draft',
  'submitted',
  'authorized',
  'rejected',
  'scheduled',
  'implementing',
  'implemented',
  'failed',
  'backed_out',
  'reviewed',
  'closed',
  'cancelled',
] as const;
export type ChangeState = (typeof CHANGE_STATES)[number];

/** A planned window, ISO-8601 UTC instants; `end` is exclusive. */
export interface TimeWindow {
  start: string;
  end: string;
}

/** States in which a change still competes for CIs and calendar time. */
export const OPEN_STATES: readonly ChangeState[] = ['submitted', 'authorized', 'scheduled', 'implementing'];

/** True while the change is open in the sense of {@link OPEN_STATES}. */
export function isOpen(state: ChangeState): boolean {
  return OPEN_STATES.includes(state);
}
