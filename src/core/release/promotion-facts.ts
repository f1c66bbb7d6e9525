import type { Change } from '../change/change.types.js';
import type { ChangeReader } from '../change/change.port.js';
import { planHash } from '../change/plan-hash.js';
import type { DesiredState } from '../ci/desired-state.js';
import type { Environment } from '../policy/environments.js';
import type { Policy } from '../policy/policy.types.js';
import { checkPlanAgainstTemplate } from '../policy/templates.js';
import { NotFoundError } from '../shared/errors.js';
import type { FreezeWindow } from '../schedule/windows.js';
import type { ChangeCover } from './gates.js';

/** An environment by name (case-insensitive) with its place in the order; NotFoundError naming the known ones. */
export function findEnvironment(
  environments: readonly Environment[],
  name: string,
): { environment: Environment; previous: Environment | undefined } {
  const i = environments.findIndex((e) => e.name.toLowerCase() === name.trim().toLowerCase());
  if (i < 0)
    throw new NotFoundError(
      'ENVIRONMENT_NOT_FOUND',
      `there is no environment "${name}": the environments are ${environments.map((e) => e.name).join(' → ')}`,
    );
  return { environment: environments[i]!, previous: i > 0 ? environments[i - 1] : undefined };
}

/**
 * The environment the CMDB describes a service in: its CI's `environment` attribute, else the last
 * environment of the order (what runs for customers). A release's CI updates are applied there,
 * and only there: the CMDB holds one state of each CI, not one per environment.
 */
export function cmdbEnvironment(
  serviceAttributes: Record<string, unknown> | undefined,
  environments: readonly Environment[],
): string {
  const own = serviceAttributes?.['environment'];
  return typeof own === 'string' && own.trim() !== '' ? own : (environments.at(-1)?.name ?? 'production');
}

/** True when a deployment into `environment` applies the CI updates (see {@link cmdbEnvironment}). */
export function updatesApplyIn(environment: Environment, cmdbEnv: string): boolean {
  return environment.name.toLowerCase() === cmdbEnv.toLowerCase();
}

/**
 * The freeze windows of an environment: its own, the policy's it names, and the policy's whose
 * scope lists it (and, when the scope lists services, the service).
 */
export function freezesOf(environment: Environment, policy: Policy, service: string): FreezeWindow[] {
  const env = environment.name.toLowerCase();
  const fromPolicy = policy.freeze.filter((f) => {
    if (environment.freezes.includes(f.name)) return true;
    const envs = (f.scope?.environments ?? []).map((e) => e.toLowerCase());
    const services = f.scope?.services ?? [];
    if (!envs.includes(env)) return false;
    return (
      services.length === 0 || services.some((s) => s === service || s === service.slice(service.indexOf('/') + 1))
    );
  });
  return [...environment.windows, ...fromPolicy];
}

/** States in which a change authorizes a promotion. */
const AUTHORIZING: Change['state'][] = ['authorized', 'scheduled'];

/**
 * How a promotion into a controlled environment would be authorized: by an authorized or
 * scheduled change whose plan is exactly the CI updates (the newest such), else by a
 * standard-change template that the updates stay within, else not at all.
 */
export async function findCover(
  changes: ChangeReader,
  policy: Policy,
  updates: DesiredState,
  applies: { here: boolean; cmdbEnvironment: string },
): Promise<ChangeCover> {
  if (!applies.here) return { kind: 'elsewhere', cmdbEnvironment: applies.cmdbEnvironment };
  const hash = planHash(updates);
  const open = await changes.listChanges({ states: AUTHORIZING });
  const change = open.filter((c) => c.planHash === hash).at(-1);
  if (change) return { kind: 'change', change };
  const template = policy.templates.find((t) => checkPlanAgainstTemplate(updates, t).length === 0);
  if (template) return { kind: 'template', template: template.name };
  return { kind: 'none' };
}
