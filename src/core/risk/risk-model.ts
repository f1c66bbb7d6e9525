import type { ChangeType, TimeWindow } from '../lifecycle/change-lifecycle.js';
import { parseInstant } from '../schedule/time.js';
import { overlapsBusinessHours } from './business-hours.js';
import type { BusinessHours, RiskAssessment, RiskFactor, RiskLevel, RiskThresholds } from './risk.types.js';

/**
 * Cairn's risk model: a sum of points from seven factors, mapped to a level by thresholds.
 * docs/risk-model.md explains it with examples computed by this code; keep the two in step.
 */

/** A CI the change touches or impacts, with the attributes the model reads. */
export interface RiskCi {
  ref: string;
  /** `attributes.criticality`: low | medium | high | critical; anything else counts as unknown. */
  criticality?: string;
  /** `attributes.environment`. */
  environment?: string;
}

/** Everything the model needs, gathered by the service from the change, the graph and history. */
export interface RiskInput {
  type: ChangeType;
  /** Touched and impacted CIs together (the blast radius). */
  cis: RiskCi[];
  /** Failed (or backed-out) changes in the look-back period on the same CIs, and on the same classes. */
  failedChanges?: { sameCis: number; sameClasses: number };
  window?: TimeWindow;
  /** The moment of assessment, from the service's clock: lead time is measured from it. */
  now: string;
  businessHours?: BusinessHours;
  /** Policy overrides of {@link DEFAULT_THRESHOLDS}. */
  thresholds?: Partial<RiskThresholds>;
}

export const DEFAULT_THRESHOLDS: RiskThresholds = { medium: 25, high: 45, veryHigh: 75 };

export const DEFAULT_BUSINESS_HOURS: BusinessHours = {
  days: [1, 2, 3, 4, 5],
  start: '08:00',
  end: '18:00',
  utcOffsetMinutes: 0,
};

/** Points of each factor; exported so that the documentation and the tests read the same numbers. */
export const RISK_WEIGHTS = {
  criticality: { low: 0, medium: 10, high: 20, critical: 30 },
  environment: { production: 20, staging: 10, other: 0, unknown: 5 },
  /** [upper bound of CI count, points]; above the last bound: `blastMax`. */
  blast: [
    [1, 0],
    [5, 5],
    [20, 10],
    [100, 15],
  ] as [number, number][],
  blastMax: 20,
  history: { perFailedOnSameCi: 5, perFailedOnSameClass: 2, max: 20 },
  changeType: { standard: 0, normal: 5, emergency: 15 },
  businessHours: { inside: 10, unplanned: 5 },
  /** [lead time below, in hours, points]. */
  leadTime: [
    [24, 10],
    [72, 5],
  ] as [number, number][],
  leadTimeMax: 10,
} as const;

const PRODUCTION = ['production', 'prod', 'live'];
const STAGING = ['staging', 'stage', 'preprod', 'pre-production', 'uat', 'acceptance'];
const CRITICALITY_ORDER = ['low', 'medium', 'high', 'critical'] as const;
type Criticality = (typeof CRITICALITY_ORDER)[number];

/** Computes the risk of a change: level, total and each factor's points with its reason. */
export function assessRisk(input: RiskInput): RiskAssessment {
  const thresholds = { ...DEFAULT_THRESHOLDS, ...input.thresholds };
  const factors: RiskFactor[] = [
    criticalityFactor(input.cis),
    environmentFactor(input.cis),
    blastFactor(input.cis.length),
    historyFactor(input.failedChanges ?? { sameCis: 0, sameClasses: 0 }),
    typeFactor(input.type),
    businessHoursFactor(input.window, input.businessHours ?? DEFAULT_BUSINESS_HOURS),
    leadTimeFactor(input.window, input.now),
  ];
  const score = factors.reduce((sum, f) => sum + f.score, 0);
  return { level: levelFor(score, thresholds), score, factors, thresholds };
}

/** The level a score falls in. */
export function levelFor(score: number, thresholds: RiskThresholds): RiskLevel {
  if (score >= thresholds.veryHigh) return 'very-high';
  if (score >= thresholds.high) return 'high';
  if (score >= thresholds.medium) return 'medium';
  return 'low';
}

function criticalityFactor(cis: RiskCi[]): RiskFactor {
  const w = RISK_WEIGHTS.criticality;
  let top: { level: Criticality; ref: string } | undefined;
  for (const ci of cis) {
    const level = CRITICALITY_ORDER.find((l) => l === ci.criticality);
    if (level && (!top || CRITICALITY_ORDER.indexOf(level) > CRITICALITY_ORDER.indexOf(top.level)))
      top = { level, ref: ci.ref };
  }
  const base = { factor: 'criticality' as const, max: w.critical };
  if (!top) return { ...base, score: 0, reason: 'no touched or impacted CI records a criticality' };
  return {
    ...base,
    score: w[top.level],
    reason: `highest criticality touched or impacted is ${top.level} (${top.ref})`,
  };
}

function environmentFactor(cis: RiskCi[]): RiskFactor {
  const w = RISK_WEIGHTS.environment;
  const base = { factor: 'environment' as const, max: w.production };
  const envs = [
    ...new Set(cis.map((c) => c.environment?.toLowerCase()).filter((e): e is string => e !== undefined && e !== '')),
  ];
  const prod = envs.find((e) => PRODUCTION.includes(e));
  if (prod) return { ...base, score: w.production, reason: `reaches the ${prod} environment` };
  const staging = envs.find((e) => STAGING.includes(e));
  if (staging) return { ...base, score: w.staging, reason: `reaches ${staging}, a pre-production environment` };
  if (envs.length > 0) return { ...base, score: w.other, reason: `stays in ${envs.sort().join(', ')}` };
  return { ...base, score: w.unknown, reason: 'no environment recorded on the CIs, so it may be production' };
}

function blastFactor(count: number): RiskFactor {
  const step = RISK_WEIGHTS.blast.find(([bound]) => count <= bound);
  const score = step ? step[1] : RISK_WEIGHTS.blastMax;
  const reason = `${count} CI${count === 1 ? '' : 's'} touched or impacted`;
  return { factor: 'blast-radius', score, max: RISK_WEIGHTS.blastMax, reason };
}

function historyFactor(failed: { sameCis: number; sameClasses: number }): RiskFactor {
  const w = RISK_WEIGHTS.history;
  const raw = failed.sameCis * w.perFailedOnSameCi + failed.sameClasses * w.perFailedOnSameClass;
  const reason =
    failed.sameCis + failed.sameClasses === 0
      ? 'no failed changes on these CIs or their classes'
      : `${failed.sameCis} failed change(s) on the same CIs, ${failed.sameClasses} on the same classes`;
  return { factor: 'history', score: Math.min(raw, w.max), max: w.max, reason };
}

function typeFactor(type: ChangeType): RiskFactor {
  const reasons: Record<ChangeType, string> = {
    standard: 'a standard change from a pre-approved template',
    normal: 'a normal change',
    emergency: 'an emergency change, with less time to prepare and test',
  };
  return {
    factor: 'change-type',
    score: RISK_WEIGHTS.changeType[type],
    max: RISK_WEIGHTS.changeType.emergency,
    reason: reasons[type],
  };
}

function businessHoursFactor(window: TimeWindow | undefined, hours: BusinessHours): RiskFactor {
  const w = RISK_WEIGHTS.businessHours;
  const base = { factor: 'business-hours' as const, max: w.inside };
  const interval = toInterval(window);
  if (!interval)
    return { ...base, score: w.unplanned, reason: 'no window planned yet, so it may fall in business hours' };
  if (overlapsBusinessHours(interval, hours))
    return { ...base, score: w.inside, reason: 'the window falls in business hours' };
  return { ...base, score: 0, reason: 'the window is outside business hours' };
}

function leadTimeFactor(window: TimeWindow | undefined, now: string): RiskFactor {
  const base = { factor: 'lead-time' as const, max: RISK_WEIGHTS.leadTimeMax };
  const interval = toInterval(window);
  const at = parseInstant(now);
  if (!interval || at === undefined) return { ...base, score: 0, reason: 'no window planned yet' };
  const hours = (interval.start - at) / 3_600_000;
  if (hours < 0) return { ...base, score: RISK_WEIGHTS.leadTimeMax, reason: 'the window has already started' };
  const step = RISK_WEIGHTS.leadTime.find(([below]) => hours < below);
  const shown = hours < 48 ? `${Math.floor(hours)} hours` : `${Math.floor(hours / 24)} days`;
  return { ...base, score: step ? step[1] : 0, reason: `${shown} of lead time before the window` };
}

function toInterval(window: TimeWindow | undefined): { start: number; end: number } | undefined {
  if (!window) return undefined;
  const start = parseInstant(window.start);
  const end = parseInstant(window.end);
  return start === undefined || end === undefined ? undefined : { start, end };
}
