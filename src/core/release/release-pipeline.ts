import type { EnvironmentService } from '../change/environment.service.js';
import type { Deployment } from './deployment.types.js';
import type { GateAnswer, PromotionService } from './promotion.service.js';
import type { ReleaseService } from './release.service.js';
import type { Release, ReleaseState } from './release.types.js';
import { deployedStack } from './rollback-target.js';

/** What would be deployed into an environment next, and what the gates say about it now. */
export interface PipelineStep {
  version: string;
  /** The release's own state (a proposed one is denied by the `release` gate). */
  state: ReleaseState;
  answer: GateAnswer;
}

/** One service in one environment. */
export interface PipelineCell {
  environment: string;
  /** The release running there: the deployment that put it there (a promotion or a rollback), none before the first. */
  current: Deployment | null;
  /** The newest deployment there when it did not succeed: one running now, or a failure since `current`. */
  attempt: Deployment | null;
  /**
   * The next promotion into the environment: the release running in the environment before it
   * (for the first environment, the newest release not rejected), when that is not the one here.
   */
  next: PipelineStep | null;
  /** What a rollback there would redeploy, and the gates' answer; none without an earlier release. */
  rollback: PipelineStep | null;
}

export interface PipelineRow {
  service: string;
  /** The service's newest release by semantic version. */
  newest: { version: string; state: ReleaseState };
  /** One cell per environment, in promotion order. */
  cells: PipelineCell[];
}

/** Services × environments: what runs where and what may move next. */
export interface PipelineView {
  environments: { name: string; controlled: boolean }[];
  /** Every service that has a release, by name. */
  services: PipelineRow[];
}

export interface ReleasePipelineDeps {
  releases: ReleaseService;
  promotions: PromotionService;
  environments: Pick<EnvironmentService, 'current'>;
}

/**
 * The release pipeline as a release manager reads it: for each service with releases and each
 * environment, the release deployed, a deployment under way or failed, and the gates' answer for
 * the next promotion and for a rollback. It reads only; each answer is the one `gates` and
 * `rollback --dry-run` would give now.
 */
export class ReleasePipeline {
  constructor(private readonly deps: ReleasePipelineDeps) {}

  /** The whole matrix, or one service's row when `service` is given. */
  async view(query: { service?: string } = {}): Promise<PipelineView> {
    const environments = (await this.deps.environments.current()).environments;
    const releases = (await this.deps.releases.list(query.service ? { service: query.service } : {})).items;
    const byService = new Map<string, Release[]>();
    for (const r of releases) byService.set(r.service, [...(byService.get(r.service) ?? []), r]);
    const services: PipelineRow[] = [];
    for (const [service, list] of [...byService].sort(([a], [b]) => a.localeCompare(b)))
      services.push(
        await this.row(
          service,
          list,
          environments.map((e) => e.name),
        ),
      );
    return { environments: environments.map((e) => ({ name: e.name, controlled: e.controlled })), services };
  }

  /** `releases` newest version first, as the release service lists them. */
  private async row(service: string, releases: Release[], environments: string[]): Promise<PipelineRow> {
    const state = new Map(releases.map((r) => [r.version, r.state]));
    const cells: PipelineCell[] = [];
    let incoming = releases.find((r) => r.state !== 'rejected')?.version;
    for (const environment of environments) {
      const history = (await this.deps.promotions.list({ service, environment })).items.reverse();
      const stack = deployedStack(history);
      const here = stack.at(-1);
      const current = here === undefined ? null : (history.findLast((d) => isPlacing(d, here)) ?? null);
      const newest = history.at(-1);
      const attempt = newest && newest !== current && newest.state !== 'succeeded' ? newest : null;
      const step = async (version: string, answer: Promise<GateAnswer>): Promise<PipelineStep> => ({
        version,
        state: state.get(version) ?? 'approved',
        answer: await answer,
      });
      const previous = stack.at(-2);
      cells.push({
        environment,
        current,
        attempt,
        next:
          incoming !== undefined && incoming !== here
            ? await step(incoming, this.deps.promotions.check({ service, version: incoming, environment }))
            : null,
        rollback:
          previous !== undefined
            ? await step(previous, this.deps.promotions.checkRollback({ service, environment }))
            : null,
      });
      incoming = here;
    }
    return { service, newest: { version: releases[0]!.version, state: releases[0]!.state }, cells };
  }
}

/** The succeeded deployment that made `version` the one running: its promotion, or a rollback to it. */
function isPlacing(d: Deployment, version: string): boolean {
  return d.state === 'succeeded' && d.version === version;
}
