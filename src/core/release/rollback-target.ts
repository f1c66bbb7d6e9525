import { ConflictError } from '../shared/errors.js';
import type { Deployment } from './deployment.types.js';

/**
 * The versions deployed in an environment, oldest at the bottom, read from its deployments in
 * order: each succeeded promotion puts its version on top, each succeeded rollback takes the top
 * one off. The top is the release running there now.
 */
export function deployedStack(history: readonly Deployment[]): string[] {
  const stack: string[] = [];
  for (const d of history) {
    if (d.state !== 'succeeded') continue;
    if (d.kind === 'promotion') stack.push(d.version);
    else if (stack.at(-1) === d.rollbackOf) stack.pop();
  }
  return stack;
}

/**
 * What a rollback in an environment goes back to (see {@link deployedStack}): the top is the
 * current release, the one under it the previous. ConflictError ROLLBACK_NOTHING when there is
 * none to go back to.
 */
export function rollbackTarget(
  history: readonly Deployment[],
  service: string,
  environment: string,
): { current: string; previous: string } {
  const stack = deployedStack(history);
  const current = stack.at(-1);
  const previous = stack.at(-2);
  if (current === undefined || previous === undefined)
    throw new ConflictError(
      'ROLLBACK_NOTHING',
      current === undefined
        ? `${service} has never been deployed into ${environment}: there is nothing to roll back`
        : `${service} ${current} is the first release deployed into ${environment}: there is no earlier one to roll back to`,
    );
  return { current, previous };
}
