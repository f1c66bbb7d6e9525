/** Risk levels, lowest first; policy rules match on them. */
export const RISK_LEVELS = ['low', 'medium', 'high', 'very-high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Minimum total score for each level above `low`; policy may override any of them. */
export interface RiskThresholds {
  medium: number;
  high: number;
  veryHigh: number;
}

/** The factors of the model, in the order they are shown. */
export const RISK_FACTORS = [
  'criticality',
  'environment',
  'blast-radius',
  'history',
  'change-type',
  'business-hours',
  'lead-time',
] as const;
export type RiskFactorName = (typeof RISK_FACTORS)[number];

/** One factor's contribution to the score, with the sentence an assessor reads. */
export interface RiskFactor {
  factor: RiskFactorName;
  score: number;
  /** The highest score this factor can give, so that a reader can judge its weight. */
  max: number;
  reason: string;
}

/** The result of assessing a change: computed, never typed in. */
export interface RiskAssessment {
  level: RiskLevel;
  score: number;
  factors: RiskFactor[];
  thresholds: RiskThresholds;
}

/**
 * Working hours used by the business-hours factor. Days are ISO weekdays (1 = Monday … 7 =
 * Sunday); `start`/`end` are `HH:MM` local times at `utcOffsetMinutes` east of UTC.
 */
export interface BusinessHours {
  days: number[];
  start: string;
  end: string;
  utcOffsetMinutes: number;
}
