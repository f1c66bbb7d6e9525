import type { ChangeService } from '../change/change.service.js';
import { policyOf } from '../change/change-transaction.js';
import type { Change } from '../change/change.types.js';
import type { EnvironmentService } from '../change/environment.service.js';
import { parseRef, type CiRef } from '../ci/desired-state.js';
import type { TimeWindow } from '../lifecycle/change-lifecycle.js';
import type { Environment } from '../policy/environments.js';
import type { Clock } from '../shared/clock.js';
import { ConflictError, InputError, NotFoundError } from '../shared/errors.js';
import type { IdGenerator } from '../shared/ids.js';
import { finishDeployment, recordDeployment, type FinishInput } from './deployment-steps.js';
import type { DeploymentQuery, DeploymentStore } from './deployment.port.js';
import type { Deployment, DeploymentKind, GateResult, PromotionApproval } from './deployment.types.js';
import { approvePromotion } from './promotion-approval.js';
import { answerGates, denials, type ChangeCover } from './gates.js';
import { rollbackTarget } from './rollback-target.js';
import { cmdbEnvironment, findCover, findEnvironment, freezesOf, updatesApplyIn } from './promotion-facts.js';
import type { ReleaseService } from './release.service.js';
import type { Release } from './release.types.js';

export interface PromotionDeps {
  changes: ChangeService;
  releases: ReleaseService;
  environments: EnvironmentService;
  deployments: DeploymentStore;
  /** Reads the service's CI: its `environment` attribute says where the CMDB describes it. */
  cis: { find(ref: CiRef): Promise<{ attributes: Record<string, unknown> } | undefined> };
  clock: Clock;
  ids: IdGenerator;
}

/** The answer of the gates for one promotion (or rollback) of a release into an environment. */
export interface GateAnswer {
  decision: 'allow' | 'deny';
  service: string;
  version: string;
  environment: string;
  kind: DeploymentKind;
  /** Each gate, in order, passed or not, with its reason. */
  gates: GateResult[];
  /** The failing gates, one line each: `gate: reason`. */
  reasons: string[];
  /** The version a rollback replaces. */
  rollbackOf?: string;
  /** The deployment recorded as started, when the check was asked to record it and allowed. */
  deployment?: Deployment;
}

/** How a promotion is asked for. */
export interface PromotionRequest {
  service: string;
  version: string;
  environment: string;
  /** The emergency path, with why: the previous-environment, approvals and freeze gates are overridden. */
  emergency?: string;
  /** The pipeline run deploying it (a name or URL). */
  pipeline?: string;
}

/** One promotion, resolved: the release, where it goes, and what the gates read. */
interface Target {
  release: Release;
  kind: DeploymentKind;
  rollbackOf: string | null;
  environment: Environment;
  answer: GateAnswer;
  cover: ChangeCover;
  applies: boolean;
}

/**
 * Promotion of releases through the environments past their gates, deployments and rollback.
 * A promotion by a person records a deployment started and finished at once; a pipeline asks the
 * gates (`check`), records the start when allowed, and reports the result. A deployment's success
 * applies the release's CI updates as one revision, through the change that authorized it where
 * the environment is under change control.
 */
export class PromotionService {
  private readonly listeners: (() => void)[] = [];

  constructor(private readonly deps: PromotionDeps) {}

  /** Told after each write commits (the server relays the events it recorded at once). */
  onWrite(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** The gates' answer for promoting a release into an environment; writes nothing. */
  async check(request: PromotionRequest): Promise<GateAnswer> {
    return (await this.target(request, 'promotion')).answer;
  }

  /** The gates' answer for rolling the environment back to the release before the current one; writes nothing. */
  async checkRollback(request: Omit<PromotionRequest, 'version'>): Promise<GateAnswer> {
    return (await this.rollbackTarget(request)).answer;
  }

  /**
   * Promotes a release into an environment as `actor`: refused with every failing gate named
   * (PROMOTION_DENIED) unless all pass; else a deployment recorded as started and succeeded, its
   * CI updates applied.
   */
  async promote(request: PromotionRequest, actor: string): Promise<Deployment> {
    return this.deploy(await this.target(request, 'promotion'), request, actor, true);
  }

  /** Redeploys the release before the current one in the environment, through the same gates. */
  async rollback(request: Omit<PromotionRequest, 'version'>, actor: string): Promise<Deployment> {
    return this.deploy(await this.rollbackTarget(request), request, actor, true);
  }

  /**
   * The pipeline gate: the gates' answer, and when `start` is set and they allow, the deployment
   * recorded as running (its result reported later with {@link report}).
   */
  async gate(request: PromotionRequest & { start?: boolean }, actor: string): Promise<GateAnswer> {
    const target = await this.target(request, 'promotion');
    if (!request.start || target.answer.decision === 'deny') return target.answer;
    return { ...target.answer, deployment: await this.deploy(target, request, actor, false) };
  }

  /** Records the result of a running deployment; success applies the release's CI updates. */
  async report(id: string, input: FinishInput): Promise<Deployment> {
    const d = await this.get(id);
    const release = await this.deps.releases.show(d.service, d.version);
    const envs = (await this.deps.environments.current()).environments;
    const { environment } = findEnvironment(envs, d.environment);
    const applies = updatesApplyIn(environment, cmdbEnvironment(await this.serviceAttributes(d.service), envs));
    const { deployment } = await finishDeployment(this.change(), id, {
      ...input,
      updates: release.updates,
      applies,
    });
    this.written();
    return deployment;
  }

  /**
   * Records a result for the deployment named by its id, or by the service, environment and
   * version it is deploying (the running one); see {@link report}.
   */
  async reportResult(
    which: { deployment?: string; service?: string; environment?: string; release?: string },
    input: FinishInput,
  ): Promise<Deployment> {
    if (which.deployment) return this.report(which.deployment, input);
    const missing = (['service', 'environment', 'release'] as const).filter((k) => !which[k]?.trim());
    if (missing.length > 0)
      throw new InputError(
        'GATE_REPORT_INVALID',
        'say which deployment the result is for: its id (deployment), or service, environment and release',
        missing.map((k) => ({ path: k, message: 'is required without a deployment id' })),
      );
    const d = await this.running(which.service!.trim(), which.release!.trim(), which.environment!.trim());
    return this.report(d.id, input);
  }

  async get(id: string): Promise<Deployment> {
    const d = await this.deps.deployments.getDeployment(id);
    if (!d) throw new NotFoundError('DEPLOYMENT_NOT_FOUND', `deployment ${id} does not exist`);
    return d;
  }

  /** The running deployment of a release into an environment (what `gate report` finishes when given no id). */
  async running(service: string, version: string, environment: string): Promise<Deployment> {
    const found = await this.deps.deployments.listDeployments({ service, version, environment, state: 'running' });
    const d = found.find((x) => x.environment.toLowerCase() === environment.toLowerCase());
    if (!d)
      throw new NotFoundError(
        'DEPLOYMENT_NOT_FOUND',
        `no deployment of ${service} ${version} into ${environment} is running: start one with \`cairn gate check --start\``,
      );
    return d;
  }

  /** Approves promoting a release into an environment that requires approvals; see {@link approvePromotion}. */
  async approve(
    request: Omit<PromotionRequest, 'emergency' | 'pipeline'>,
    actor: string,
    options: { group?: string; comment?: string } = {},
  ): Promise<PromotionApproval> {
    const release = await this.deps.releases.show(request.service, request.version);
    const { environment } = findEnvironment((await this.deps.environments.current()).environments, request.environment);
    const approval = await approvePromotion(
      { ...this.deps, change: this.deps.changes.transactionDeps },
      release,
      environment,
      actor,
      options,
    );
    this.written();
    return approval;
  }

  /** Deployments matching the query, newest first, at most `limit`, with how many matched. */
  async list(query: DeploymentQuery & { limit?: number } = {}): Promise<{ items: Deployment[]; total: number }> {
    const all = (await this.deps.deployments.listDeployments(query)).reverse();
    return { items: all.slice(0, query.limit ?? all.length), total: all.length };
  }

  /**
   * Opens a normal change whose plan is the release's CI updates, to authorize its promotion into a
   * controlled environment; it goes through the approvals of the policy like any change.
   */
  async openChange(
    request: Omit<PromotionRequest, 'emergency' | 'pipeline'> & { window?: TimeWindow; assignee?: string },
    actor: string,
  ): Promise<Change> {
    const release = await this.deps.releases.show(request.service, request.version);
    const { environment } = findEnvironment((await this.deps.environments.current()).environments, request.environment);
    return this.deps.changes.create(
      {
        type: 'normal',
        title: `Deploy ${release.service} ${release.version} to ${environment.name}`,
        description: release.notes,
        justification: `Release ${release.service} ${release.version}, approved by ${release.decidedBy ?? '(not yet)'}.`,
        plan: release.updates,
        ...(request.window ? { window: request.window } : {}),
        ...(request.assignee ? { assignee: request.assignee } : {}),
      },
      actor,
    );
  }

  private async deploy(
    target: Target,
    request: Pick<PromotionRequest, 'emergency' | 'pipeline'>,
    actor: string,
    finish: boolean,
  ): Promise<Deployment> {
    const { answer, release } = target;
    if (answer.decision === 'deny')
      throw new ConflictError(
        'PROMOTION_DENIED',
        `Cannot ${target.kind === 'rollback' ? 'roll back' : 'promote'} ${release.service} ${release.version} into ${answer.environment}: ${answer.reasons.join('; ')}`,
        answer.gates.filter((g) => !g.passed).map((g) => ({ path: g.gate, message: g.reason })),
      );
    const change = await this.authorizingChange(target, request, actor);
    const started: Deployment = {
      id: this.deps.ids.next('dep'),
      service: release.service,
      version: release.version,
      environment: target.environment.name,
      kind: target.kind,
      state: 'running',
      by: actor,
      pipeline: request.pipeline?.trim() ? request.pipeline.trim() : null,
      startedAt: this.deps.clock.now().toISOString(),
      finishedAt: null,
      change,
      revision: null,
      emergency: request.emergency ?? null,
      rollbackOf: target.rollbackOf,
      gates: answer.gates,
      note: null,
    };
    const plan = { updates: release.updates, applies: target.applies };
    const { deployment } = await recordDeployment(
      this.change(),
      started,
      finish ? { result: 'succeeded', actor, ...plan } : undefined,
    );
    this.written();
    return deployment;
  }

  /**
   * The change that authorizes a promotion into a controlled environment where the CI updates
   * apply: the covering one, or one opened now — a standard change when a template fits (authorized
   * by it at once), an emergency change on the emergency path (implemented before authorization,
   * reviewed afterwards).
   */
  private async authorizingChange(
    target: Target,
    request: Pick<PromotionRequest, 'emergency'>,
    actor: string,
  ): Promise<string | null> {
    if (!target.environment.controlled) return null;
    const cover = target.cover;
    if (cover.kind === 'elsewhere') return null;
    if (cover.kind === 'change') return cover.change.ref;
    const { release } = target;
    const title = `${target.kind === 'rollback' ? 'Roll back to' : 'Deploy'} ${release.service} ${release.version} in ${target.environment.name}`;
    const doc =
      cover.kind === 'template'
        ? { type: 'standard', template: cover.template, title, plan: release.updates }
        : { type: 'emergency', title, justification: request.emergency ?? '', plan: release.updates };
    const change = await this.deps.changes.create({ ...doc, description: release.notes }, actor);
    await this.deps.changes.submit(
      change.ref,
      actor,
      `opened for the ${target.kind} of ${release.service} ${release.version}`,
    );
    return change.ref;
  }

  private async target(request: PromotionRequest, kind: DeploymentKind, rollbackOf: string | null = null) {
    const release = await this.deps.releases.show(request.service, request.version);
    const envs = (await this.deps.environments.current()).environments;
    const { environment, previous } = findEnvironment(envs, request.environment);
    const changeDeps = this.deps.changes.transactionDeps;
    const policy = await policyOf(changeDeps.changes);
    const cmdbEnv = cmdbEnvironment(await this.serviceAttributes(release.service), envs);
    const applies = updatesApplyIn(environment, cmdbEnv);
    const cover = environment.controlled
      ? await findCover(changeDeps.changes, policy, release.updates, { here: applies, cmdbEnvironment: cmdbEnv })
      : ({ kind: 'none' } as const);
    const gates = answerGates({
      release,
      environment,
      previous,
      previousDeployments: previous
        ? await this.deps.deployments.listDeployments({ service: release.service, environment: previous.name })
        : [],
      approvals: await this.deps.deployments.listPromotionApprovals(release.id, environment.name),
      freezes: freezesOf(environment, policy, release.service),
      cover,
      now: this.deps.clock.now().getTime(),
      ...(request.emergency !== undefined ? { emergency: checkedReason(request.emergency) } : {}),
    });
    const reasons = denials(gates);
    const answer: GateAnswer = {
      decision: reasons.length === 0 ? 'allow' : 'deny',
      service: release.service,
      version: release.version,
      environment: environment.name,
      kind,
      gates,
      reasons,
      ...(rollbackOf ? { rollbackOf } : {}),
    };
    return { release, kind, rollbackOf, environment, answer, cover, applies } satisfies Target;
  }

  private async rollbackTarget(request: Omit<PromotionRequest, 'version'>): Promise<Target> {
    const envs = (await this.deps.environments.current()).environments;
    const { environment } = findEnvironment(envs, request.environment);
    const service = request.service.trim();
    const history = await this.deps.deployments.listDeployments({ service, environment: environment.name });
    const { current, previous } = rollbackTarget(history, service, environment.name);
    return this.target({ ...request, version: previous, environment: environment.name }, 'rollback', current);
  }

  private async serviceAttributes(service: string): Promise<Record<string, unknown> | undefined> {
    const ref = parseRef(service);
    return ref ? (await this.deps.cis.find(ref))?.attributes : undefined;
  }

  private change() {
    return { change: this.deps.changes.transactionDeps, deployments: this.deps.deployments };
  }

  private written(): void {
    for (const l of this.listeners) l();
  }
}

function checkedReason(reason: string): string {
  const r = reason.trim();
  if (r === '')
    throw new InputError('PROMOTION_REASON_REQUIRED', 'the emergency path needs a reason: say why with --reason', [
      { path: 'emergency', message: 'must say why' },
    ]);
  return r;
}
