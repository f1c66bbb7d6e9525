import rrulePkg from 'rrule';
import type { Options } from 'rrule';

// rrule ships CommonJS; its named exports are only reachable through the default export under NodeNext.
const { RRule, rrulestr } = rrulePkg;

/**
 * Bounds on recurrence rules (RFC 5545 RRULE) of freeze and maintenance windows. rrule walks a
 * rule from its first instant, one period at a time, and stops only at an accepted instant past
 * the range (or year 9999): `FREQ=SECONDLY` a year on is 31 million steps, and a rule that never
 * matches (`FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30`) walks to 9999 — each hung every read of the
 * calendar. So rules are bounded when the policy is applied, and expansion is always windowed.
 */

/** The most frequent a window may recur: hourly (SECONDLY and MINUTELY are refused). */
export const MIN_FREQUENCY = 'HOURLY';
/** The largest COUNT: a counted rule is walked from its start, so its length bounds the walk. */
export const MAX_COUNT = 10_000;
/** A rule must have an occurrence within this many years of its start (a horizon). */
export const HORIZON_YEARS = 5;

const STEP_MS: Partial<Record<number, number>> = {
  [RRule.HOURLY]: 3_600_000,
  [RRule.DAILY]: 86_400_000,
  [RRule.WEEKLY]: 604_800_000,
};
const DAY_FILTERS = ['bymonth', 'bymonthday', 'byyearday', 'byweekno', 'byweekday', 'byeaster'] as const;

type Rule = InstanceType<typeof RRule>;

/** Parses a rule anchored at `start`; throws a sentence naming the problem when it is malformed or unbounded. */
export function compileRule(text: string, start: number): Rule {
  const rule = parse(text, start);
  const problem = boundProblem(rule.origOptions);
  if (problem) throw new Error(problem);
  if (!occursWithinHorizon(rule.origOptions, start))
    throw new Error(`it has no occurrence within ${HORIZON_YEARS} years of its start (a day that does not exist?)`);
  return rule;
}

function parse(text: string, start: number): Rule {
  const body = text.replace(/^RRULE:/i, '');
  if (!/^[A-Z]+=/i.test(body) || !/FREQ=/i.test(body)) throw new Error(`"${text}" is not an RRULE (it needs FREQ=…)`);
  const rule = rrulestr(body, { dtstart: new Date(start) });
  if (!(rule instanceof RRule)) throw new Error('give one RRULE, not a set of rules');
  return rule;
}

/** Why a rule's shape is unbounded, or undefined. */
function boundProblem(o: Partial<Options>): string | undefined {
  if (o.freq === RRule.SECONDLY || o.freq === RRule.MINUTELY)
    return `FREQ=${RRule.FREQUENCIES[o.freq]} is too frequent: a window recurs at most ${MIN_FREQUENCY}`;
  if (o.count !== undefined && o.count !== null && o.count > MAX_COUNT) return `COUNT may be at most ${MAX_COUNT}`;
  // An interval walks whole periods from the start, so with a day filter it may never land on a
  // matching day (FREQ=DAILY;INTERVAL=7;BYDAY=MO from a Tuesday): rrule would walk to year 9999.
  const stepped = o.freq === RRule.HOURLY || o.freq === RRule.DAILY;
  if (stepped && (o.interval ?? 1) > 1 && DAY_FILTERS.some((k) => o[k] !== undefined && o[k] !== null))
    return 'INTERVAL with day filters (BYDAY, BYMONTH, BYMONTHDAY…) needs FREQ=WEEKLY, MONTHLY or YEARLY';
  return undefined;
}

const probed = new Map<string, boolean>();

/**
 * True when the rule's days and hours exist within the horizon: the same filters on a yearly rule
 * (cheap to walk: one step a year) must give an instant in the first HORIZON_YEARS years. Remembered
 * per rule, since expansion asks again on every read.
 */
function occursWithinHorizon(o: Partial<Options>, start: number): boolean {
  const key = `${RRule.optionsToString(o)}@${start}`;
  let found = probed.get(key);
  if (found === undefined) {
    const yearly = new RRule({ ...o, freq: RRule.YEARLY, interval: 1, count: null, until: null, bysetpos: null });
    const end = new Date(start + HORIZON_YEARS * 366 * 86_400_000);
    found = yearly.between(new Date(start), end, true, (_d, i) => i < 1).length > 0;
    if (probed.size > 10_000) probed.clear();
    probed.set(key, found);
  }
  return found;
}

/**
 * The instants of a rule in [after, before], at most `limit`, walking only near the range: an
 * hourly, daily or weekly rule without COUNT is re-anchored to the last whole step before `after`
 * (the same instants, since the steps are of fixed length); a rule refused when applied (stored
 * before these bounds) has none.
 */
export function ruleInstants(text: string, start: number, after: number, before: number, limit: number): Date[] {
  let rule: Rule;
  try {
    rule = parse(text, start);
  } catch {
    return [];
  }
  const o = rule.origOptions;
  if (boundProblem(o) !== undefined || !occursWithinHorizon(o, start)) return [];
  const step = STEP_MS[o.freq ?? -1];
  if (step !== undefined && (o.count === undefined || o.count === null) && after > start) {
    const whole = step * (o.interval ?? 1);
    const anchored = start + Math.floor((after - start) / whole) * whole;
    rule = new RRule({ ...o, dtstart: new Date(anchored) });
  }
  return rule.between(new Date(after), new Date(before), true, (_d, i) => i < limit);
}
