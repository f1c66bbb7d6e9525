import type { Transition } from '../../types.js';
import type { TransitionResult } from '../../../../src/contracts/change.contracts.js';
import { humanize } from '../../ui/format.js';

/**
 * What a person is told after an action: for a decision, what was recorded and for which group,
 * and what is still missing ("cab needs 1 more"); otherwise the change's new state.
 */
export function actionNotice(action: Transition, result: TransitionResult): string {
  const { change, group, evaluation } = result;
  const state = humanize(change.state).toLowerCase();
  if ((action === 'approve' || action === 'reject') && group !== undefined) {
    const recorded = `Your ${action === 'approve' ? 'approval' : 'rejection'} of ${change.ref} was recorded for ${group}.`;
    if (change.state !== 'submitted') return `${recorded} ${change.ref} is now ${state}.`;
    const short = (evaluation?.groups ?? []).filter((g) => !g.satisfied);
    if (short.length === 0) return `${recorded} ${change.ref} is still submitted.`;
    return `${recorded} Still missing: ${short.map((g) => `${g.group} needs ${g.missing} more`).join(', ')}.`;
  }
  if (action === 'implement' && change.windowOverride)
    return `${change.ref} is now ${state}, outside its approved window (override by ${change.windowOverride.by}: ${change.windowOverride.reason}).`;
  return `${change.ref} is now ${state}.`;
}
