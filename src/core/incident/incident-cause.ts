import type { DesiredState } from '../ci/desired-state.js';
import type { ImpactSummary } from '../graph/impact-summary.js';
import type { FieldError } from '../shared/errors.js';
import type { IncidentCause } from './incident.types.js';

/** What the cause check reads of a change: what its plan touches and what that impacts. */
export interface CauseChange {
  ref: string;
  plan: DesiredState;
  impact?: Pick<ImpactSummary, 'touched' | 'impacted'>;
}

/** What the cause check reads of a deployment. */
export interface CauseDeployment {
  id: string;
  service: string;
  version: string;
  /** The change that authorized it, where its environment is under change control. */
  change: string | null;
}

/**
 * Whether a cause can be the cause of an incident of `service`: a deployment of that service, a
 * change whose plan touches it or whose impact reaches it, and — when both are named — the change
 * that authorized the deployment. An incident cannot be blamed on something that never touched
 * the service, or the failure rates measured from these links would count the wrong changes.
 */
export function causeErrors(
  service: string,
  found: { change?: CauseChange; deployment?: CauseDeployment },
): FieldError[] {
  const errors: FieldError[] = [];
  const d = found.deployment;
  if (d && d.service !== service)
    errors.push({
      path: 'deployment',
      message: `is of ${d.service} ${d.version}, not of ${service}: link the deployment of the service that was hurt`,
    });
  const c = found.change;
  if (c && !covers(c, service))
    errors.push({
      path: 'change',
      message: `${c.ref} neither changes ${service} nor impacts it: link the change whose plan or impact reaches the service`,
    });
  if (c && d && d.change !== null && d.change !== c.ref)
    errors.push({ path: 'change', message: `is not the change of deployment ${d.id}, which ${d.change} authorized` });
  return errors;
}

/**
 * The cause as recorded: a deployment made under a change brings its change along, so that change
 * failure rate counts the change even when only the deployment was named.
 */
export function completeCause(cause: IncidentCause, deployment: CauseDeployment | undefined): IncidentCause {
  return { change: cause.change ?? deployment?.change ?? null, deployment: cause.deployment };
}

function covers(c: CauseChange, service: string): boolean {
  if (c.plan.cis.some((ci) => `${ci.class}/${ci.name}` === service)) return true;
  return (c.impact?.touched ?? []).includes(service) || (c.impact?.impacted ?? []).includes(service);
}
