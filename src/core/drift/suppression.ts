import { parseRef } from '../ci/desired-state.js';
import { describeFieldErrors, InputError, type FieldError } from '../shared/errors.js';
import type { NewFinding, SuppressionMatch, SuppressionRule } from './drift.types.js';
import { parseRealTime } from '../shared/calendar.js';

/** What `drift suppress add` asks for. */
export interface SuppressionInput {
  match: SuppressionMatch;
  owner: string;
  reason: string;
  /** ISO-8601 time, or a date alone meaning the end of that day (UTC). */
  expires: string;
}

/** Checks a new rule; InputError (DRIFT_SUPPRESSION_INVALID) naming each problem. Returns the expiry as an instant. */
export function checkSuppression(input: SuppressionInput, now: Date): string {
  const errors: FieldError[] = [];
  if (input.owner.trim() === '')
    errors.push({ path: 'owner', message: 'is required: who answers for this accepted drift' });
  if (input.reason.trim() === '') errors.push({ path: 'reason', message: 'is required: why this drift is accepted' });
  const m = input.match;
  if (!m.source && !m.class && !m.ci && !m.attribute)
    errors.push({
      path: 'match',
      message: 'needs at least one of source, class, ci, attribute (a rule may not suppress everything)',
    });
  if (m.ci !== undefined && !parseRef(m.ci))
    errors.push({ path: 'match.ci', message: `"${m.ci}" is not a CI reference (class/name)` });
  const expiresAt = expiryInstant(input.expires);
  if (expiresAt === undefined)
    errors.push({ path: 'expires', message: `"${input.expires}" is not an ISO-8601 date or time` });
  else if (expiresAt <= now.toISOString())
    errors.push({ path: 'expires', message: `${expiresAt} is already past: a rule must expire in the future` });
  if (errors.length > 0)
    throw new InputError(
      'DRIFT_SUPPRESSION_INVALID',
      describeFieldErrors('the suppression rule is invalid', errors),
      errors,
    );
  return expiresAt!;
}

function expiryInstant(text: string): string | undefined {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text.trim());
  const t = parseRealTime(dateOnly ? `${text.trim()}T00:00:00Z` : text);
  if (Number.isNaN(t)) return undefined;
  return new Date(dateOnly ? t + 86_400_000 : t).toISOString();
}

/** Rules in force at `now`: not removed and not yet expired. */
export function activeRules(rules: SuppressionRule[], now: Date): SuppressionRule[] {
  const iso = now.toISOString();
  return rules.filter((r) => r.removedAt === undefined && r.expiresAt > iso);
}

/**
 * The rule that suppresses a finding, if any. A rule without `attribute` suppresses every finding
 * it matches; rules with one suppress a modified finding only when together they name each of
 * its attributes, so that a new, unrelated difference on the same CI still shows.
 */
export function suppressingRule(
  finding: NewFinding,
  rules: SuppressionRule[],
  isA: (cls: string, ancestor: string) => boolean,
): string | undefined {
  const matching = rules.filter((r) => matchesScope(r.match, finding, isA));
  const whole = matching.find((r) => r.match.attribute === undefined);
  if (whole) return whole.id;
  if (finding.kind !== 'modified' || finding.attributes.length === 0) return undefined;
  const byAttribute = new Map(matching.map((r) => [r.match.attribute!, r.id]));
  const ids = finding.attributes.map((a) => byAttribute.get(a.name));
  return ids.every((id) => id !== undefined) ? ids[0] : undefined;
}

function matchesScope(m: SuppressionMatch, f: NewFinding, isA: (cls: string, ancestor: string) => boolean): boolean {
  if (m.source !== undefined && m.source !== f.source) return false;
  if (m.class !== undefined && !isA(f.class, m.class)) return false;
  if (m.ci !== undefined && m.ci !== f.ref && m.ci !== f.observedRef) return false;
  return true;
}
