import { canonicalJson } from '../shared/canonical.js';
import { InputError, describeFieldErrors, type FieldError } from '../shared/errors.js';
import { defaultPolicy, type Policy } from './policy.types.js';

const SECTIONS = [
  'groups',
  'rules',
  'cab',
  'emergency',
  'control',
  'freeze',
  'maintenance',
  'risk',
  'templates',
] as const;

/**
 * A policy document replaces the whole policy, so it must be whole: a section the policy in force
 * sets (differs from the default) may not be left out, or `{}` would silently drop every rule,
 * group and freeze. Removing a section is said explicitly (`freeze: []`, `rules: []`). Throws
 * POLICY_INVALID naming each section left out.
 */
export function assertFullDocument(raw: unknown, current: Policy): void {
  const given = typeof raw === 'object' && raw !== null ? new Set(Object.keys(raw)) : new Set<string>();
  const defaults = defaultPolicy();
  const errors: FieldError[] = SECTIONS.filter(
    (key) => !given.has(key) && canonicalJson(current[key] ?? null) !== canonicalJson(defaults[key] ?? null),
  ).map((key) => ({
    path: key,
    message:
      'is set in the policy in force but missing here: a policy document replaces the whole policy, so give every section it sets (an empty list, or the default, removes one)',
  }));
  if (errors.length > 0)
    throw new InputError(
      'POLICY_INVALID',
      describeFieldErrors('policy.yaml leaves out sections of the policy in force', errors),
      errors,
    );
}
