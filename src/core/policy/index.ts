/** Approval policy as data: groups, rules, quorum, segregation of duties, change control, windows. */
export * from './policy.types.js';
export { validatePolicy } from './policy-input.js';
export {
  canApprove,
  evaluateApprovals,
  requiredApprovals,
  ruleMatches,
  type ApprovalEvaluation,
  type ChangeFacts,
  type FactCi,
  type GroupStatus,
  type RequiredApproval,
} from './approvals.js';
export { changeControlRefusal, isUnderControl } from './control.js';
