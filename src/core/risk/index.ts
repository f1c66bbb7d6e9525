/** The risk model; see docs/risk-model.md. */
export * from './risk.types.js';
export {
  DEFAULT_BUSINESS_HOURS,
  DEFAULT_THRESHOLDS,
  RISK_WEIGHTS,
  assessRisk,
  levelFor,
  type RiskCi,
  type RiskInput,
} from './risk-model.js';
export { overlapsBusinessHours, parseClock } from './business-hours.js';
