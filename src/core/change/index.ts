/** Change enablement: the change record, its lifecycle, plan binding and standard templates. */
export * from './change.types.js';
export type { ChangeActivity, ChangeListener } from './change-activity.js';
export { validateChangeInput, type ChangeDraft } from './change-input.js';
export { addApproval, applyTransition, createChange, rebasePlan, replacePlan, reviewChange } from './change-ops.js';
export { canonicalPlan, liveApprovals, planHash, voidStaleApprovals, type VoidResult } from './plan-hash.js';
export { allowedEvents, transition, type TransitionContext, type TransitionResult } from './state-machine.js';
export {
  assertWithinTemplate,
  checkPlanAgainstTemplate,
  findTemplate,
  type StandardTemplate,
  type TemplateClassRule,
  type TemplateViolation,
} from './templates.js';
