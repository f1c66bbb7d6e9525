import { NotAllowedError } from '../shared/errors.js';
import type { Policy } from './policy.types.js';

/**
 * True when a CI is under change control: its class is controlled and its
 * `attributes.environment` is one of the policy's controlled environments (case-insensitive).
 * A CI with no environment is not controlled: the policy names environments, not their absence.
 */
export function isUnderControl(
  policy: Pick<Policy, 'control'>,
  classControlled: boolean,
  attributes: Record<string, unknown>,
): boolean {
  if (!classControlled) return false;
  const env = attributes.environment;
  if (typeof env !== 'string') return false;
  return policy.control.environments.some((e) => e.toLowerCase() === env.toLowerCase());
}

/**
 * The error a direct write gets when it would modify or delete controlled CIs: names them (the
 * first five) and says how to proceed.
 */
export function changeControlRefusal(refs: readonly string[]): NotAllowedError {
  const shown = refs.slice(0, 5).join(', ');
  const more = refs.length > 5 ? ` and ${refs.length - 5} more` : '';
  const verb = refs.length === 1 ? 'is' : 'are';
  return new NotAllowedError(
    'CHANGE_CONTROL',
    `${shown}${more} ${verb} under change control: open a change with \`cairn change create\`, ` +
      'or write anyway with --emergency --reason "…" (recorded as an unauthorized change).',
  );
}
