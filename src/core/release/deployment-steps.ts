import type { ApplyOutcome } from '../cmdb/cmdb.service.js';
import { applyInTx, implementWithin } from '../change/change-implementation.js';
import { inChangeTx, loadChange, saveChange, type ChangeDeps, type ChangeTx } from '../change/change-transaction.js';
import { applyTransition } from '../change/change-updates.js';
import type { DesiredState } from '../ci/desired-state.js';
import { ConflictError, InvalidTransitionError } from '../shared/errors.js';
import type { OutboxEntry } from '../shared/outbox.js';
import type { DeploymentStore, DeploymentWriter } from './deployment.port.js';
import type { Deployment, DeploymentState } from './deployment.types.js';

/** The events deployments record; the events module publishes them as webhooks. */
export type DeploymentEventType = 'deployment.started' | 'deployment.succeeded' | 'deployment.failed';

/** What finishing a deployment needs to know of its release and environment. */
export interface FinishPlan {
  /** The release's CI updates, applied when `applies`. */
  updates: DesiredState;
  /** Whether the CMDB describes the service in the deployment's environment. */
  applies: boolean;
}

/** The result a deployer reports: succeeded (deployed and verified) or failed. */
export interface FinishInput {
  result: Extract<DeploymentState, 'succeeded' | 'failed'>;
  actor: string;
  note?: string;
}

/**
 * Records a deployment as started and, when `finish` is given, finishes it in the same
 * transaction (a promotion by a person: started and done at once). Refused while another
 * deployment of the service into that environment is running.
 */
export async function recordDeployment(
  deps: { change: ChangeDeps; deployments: DeploymentStore },
  started: Deployment,
  finish?: FinishInput & FinishPlan,
): Promise<{ deployment: Deployment; outcome?: ApplyOutcome }> {
  const result = await inChangeTx(deps.change, async (t) => {
    const w = deps.deployments.within(t.tx);
    const running = await w.listDeployments({
      service: started.service,
      environment: started.environment,
      state: 'running',
    });
    if (running.length > 0)
      throw new ConflictError(
        'DEPLOYMENT_RUNNING',
        `${started.service} ${running[0]!.version} is being deployed into ${started.environment} (${running[0]!.id}): ` +
          'report its result first (`cairn gate report`)',
      );
    const d = { ...started, startedAt: t.at };
    await w.insertDeployment(d);
    await t.tx.appendEvents([event('deployment.started', d, t.at)]);
    if (!finish) return { deployment: d };
    return finishWithin(deps.change, t, w, d, finish);
  });
  if (result.outcome) deps.change.cmdb.notify(result.outcome);
  return result;
}

/** Records the result of a running deployment (`cairn gate report`), applying the CI updates on success. */
export async function finishDeployment(
  deps: { change: ChangeDeps; deployments: DeploymentStore },
  id: string,
  finish: FinishInput & FinishPlan,
): Promise<{ deployment: Deployment; outcome?: ApplyOutcome }> {
  const result = await inChangeTx(deps.change, async (t) => {
    const w = deps.deployments.within(t.tx);
    const d = await w.getDeployment(id);
    if (!d) throw new ConflictError('CONFLICT', `deployment ${id} vanished meanwhile`);
    if (d.state !== 'running')
      throw new InvalidTransitionError(
        'DEPLOYMENT_FINISHED',
        `deployment ${id} already ${d.state} at ${d.finishedAt ?? d.startedAt}: a result is reported once`,
      );
    return finishWithin(deps.change, t, w, d, finish);
  });
  if (result.outcome) deps.change.cmdb.notify(result.outcome);
  return result;
}

/**
 * Finishes a deployment inside the caller's transaction. On success its release's CI updates are
 * applied as one revision — by implementing the change that authorized it (scheduled first when it
 * was only authorized), or directly where no change is needed — so the deployment, the change and
 * the revision commit together. A failure writes nothing to the CMDB and leaves the change as it was.
 */
async function finishWithin(
  deps: ChangeDeps,
  t: ChangeTx,
  w: DeploymentWriter,
  d: Deployment,
  finish: FinishInput & FinishPlan,
): Promise<{ deployment: Deployment; outcome?: ApplyOutcome }> {
  let outcome: ApplyOutcome | undefined;
  if (finish.result === 'succeeded' && finish.applies) {
    const what = `${d.kind === 'rollback' ? 'Roll back' : 'Deploy'} ${d.service} ${d.version} to ${d.environment}`;
    if (d.change) {
      let change = await loadChange(t.w, d.change);
      if (change.state === 'authorized' && change.type !== 'emergency') {
        const scheduled = applyTransition(change, 'schedule', finish.actor, t.at, `scheduled by deployment ${d.id}`);
        await saveChange(t, change, scheduled, finish.actor);
        change = scheduled;
      }
      outcome = (await implementWithin(deps, t, change, finish.actor, `${what} (deployment ${d.id})`)).outcome;
    } else {
      outcome = await applyInTx(deps, t.tx, finish.updates, { author: finish.actor, message: what, source: 'release' });
    }
  }
  const done: Deployment = {
    ...d,
    state: finish.result,
    finishedAt: t.at,
    revision: outcome?.revision?.rev ?? null,
    note: finish.note?.trim() ? finish.note.trim() : null,
  };
  if (!(await w.updateDeployment(done, 'running')))
    throw new ConflictError('CONFLICT', `deployment ${d.id} was finished meanwhile: read it again`);
  const type = finish.result === 'succeeded' ? 'deployment.succeeded' : 'deployment.failed';
  await t.tx.appendEvents([event(type, done, t.at)]);
  return outcome ? { deployment: done, outcome } : { deployment: done };
}

function event(type: DeploymentEventType, d: Deployment, at: string): OutboxEntry {
  return {
    type,
    at,
    data: {
      deployment: {
        id: d.id,
        service: d.service,
        version: d.version,
        environment: d.environment,
        kind: d.kind,
        state: d.state,
        change: d.change,
        revision: d.revision,
        pipeline: d.pipeline,
        ...(d.rollbackOf ? { rollbackOf: d.rollbackOf } : {}),
        ...(d.emergency ? { emergency: d.emergency } : {}),
      },
      actor: d.by,
    },
  };
}
