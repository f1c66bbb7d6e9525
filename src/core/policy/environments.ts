import type { ApprovalRequirement } from './policy.types.js';
import type { FreezeWindow } from '../schedule/windows.js';

/**
 * One environment a release is promoted into (development, test, staging, production). Its
 * place in the list is its order: a release reaches an environment after the one before it.
 */
export interface Environment {
  name: string;
  description?: string;
  /** The approvals a promotion into it needs, in the policy's `require: [{ group, quorum }]` form. */
  require: ApprovalRequirement[];
  /** A promotion into it needs an authorized change covering it. */
  controlled: boolean;
  /** Names of the policy's freeze windows that apply to it. */
  freezes: string[];
  /** Freeze windows of its own, written like the policy's. */
  windows: FreezeWindow[];
}

/** The environments, in promotion order. */
export interface Environments {
  environments: Environment[];
}

/**
 * What holds before any environments.yaml is applied: development → test → staging → production,
 * production under change control (as the default policy controls it), none needing approvals.
 */
export function defaultEnvironments(): Environments {
  const plain = (name: string, controlled = false): Environment => ({
    name,
    require: [],
    controlled,
    freezes: [],
    windows: [],
  });
  return { environments: [plain('development'), plain('test'), plain('staging'), plain('production', true)] };
}
