import type { ChangeStore } from '../change/change.port.js';
import { loadChange } from '../change/change-transaction.js';
import type { Change } from '../change/change.types.js';
import type { CiRef } from '../ci/desired-state.js';
import { formatRef } from '../ci/desired-state.js';
import type { CiVersion } from '../ci/ci.types.js';
import type { BaselineService } from '../cmdb/baseline.service.js';
import type { CmdbStore } from '../cmdb/cmdb.port.js';
import type { CmdbService } from '../cmdb/cmdb.service.js';
import type { HistoryService } from '../cmdb/history.service.js';
import type { Environment } from '../policy/environments.js';
import type { DeploymentReader } from '../release/deployment.port.js';
import type { Revision } from '../revision/revision.types.js';
import type { Clock } from '../shared/clock.js';
import { InputError } from '../shared/errors.js';
import { configurationAuditReport } from './configuration-audit.js';
import { releasesByEnvironmentReport } from './releases-by-environment.js';
import { baselineContentsReport, baselinesReport, changeRecordReport, ciRecordReport } from './records.js';
import type { ReportDocument } from './report-document.js';
import { changeStatusReport, ciStatusReport } from './status-accounting.js';

/** How many rows one read takes when a report walks a whole listing (a baseline's CIs, a CI's revisions). */
const PAGE = 1000;

/**
 * The reports of configuration status accounting and the records an auditor asks for. Figures are
 * grouped counts read by the store, never a listing counted here; listings (a baseline's CIs, a CI's
 * revisions) are read page by page.
 */
export class ReportService {
  constructor(
    private readonly deps: {
      store: CmdbStore;
      changes: ChangeStore;
      cmdb: CmdbService;
      history: HistoryService;
      baselines: BaselineService;
      deployments: Pick<DeploymentReader, 'listDeployments' | 'listCurrentDeployments'>;
      environments: { current(): Promise<{ environments: Environment[] }> };
      clock: Clock;
    },
  ) {}

  /** CIs by class, status and environment, now or as of a point (revision, baseline, CHG-n, time). */
  async cis(at?: string): Promise<ReportDocument> {
    const rev = at === undefined ? await this.deps.history.headRev() : await this.deps.history.resolvePoint(at);
    return ciStatusReport(await this.deps.store.countCisByFacets(rev), rev, this.now());
  }

  /** Changes by state, type and risk. */
  async changes(): Promise<ReportDocument> {
    return changeStatusReport(await this.deps.changes.countChangesByFacets(), this.now());
  }

  /** Every baseline, with how many CIs it holds. */
  async baselines(): Promise<ReportDocument> {
    const list = (await this.deps.baselines.list()).sort(
      (a, b) => a.rev - b.rev || a.createdAt.localeCompare(b.createdAt),
    );
    const counted = await Promise.all(
      list.map(async (b) => ({ ...b, cis: await this.deps.store.countCis({ at: b.rev }) })),
    );
    return baselinesReport(counted, this.now());
  }

  /** What one baseline holds: every CI at its revision, by class and name. */
  async baseline(name: string): Promise<ReportDocument> {
    const baseline = await this.deps.baselines.get(name);
    const cis: CiVersion[] = [];
    for (let after: CiRef | undefined; ;) {
      const page = await this.deps.store.listCis({ at: baseline.rev, after, limit: PAGE });
      cis.push(...page);
      const last = page[page.length - 1];
      if (page.length < PAGE || !last) break;
      after = { class: last.class, name: last.name };
    }
    return baselineContentsReport(baseline, cis, this.now());
  }

  /**
   * Configuration audit of a baseline: what it holds, every difference from it to `to` (a
   * revision, baseline, CHG-n or time; default now), and the change or release deployment that
   * explains each, differences nothing explains flagged, and every write of the range nothing
   * authorized. Reads the diff (its cost follows what changed, not the CMDB's size), the revisions
   * and the deployments of that range, and the emergency writes.
   */
  async audit(name: string, to?: string): Promise<ReportDocument> {
    const baseline = await this.deps.baselines.get(name);
    const toRev = to === undefined ? await this.deps.history.headRev() : await this.deps.history.resolvePoint(to);
    if (toRev < baseline.rev)
      throw new InputError(
        'AUDIT_POINT_BEFORE_BASELINE',
        `to: revision ${toRev} is before baseline ${name} (revision ${baseline.rev}): audit a point at or after it`,
        [{ path: 'to', message: `must be at or after revision ${baseline.rev}` }],
      );
    const range = { after: baseline.rev, upTo: toRev };
    const [diff, contents, deployments, revisions, emergencies] = await Promise.all([
      this.deps.history.diff(baseline.rev, toRev),
      this.deps.store.countCisByFacets(baseline.rev),
      this.deps.deployments.listDeployments({ revisions: range }),
      this.revisionsBetween(range),
      this.deps.changes.listUnauthorized({}),
    ]);
    return configurationAuditReport({
      baseline,
      contents,
      diff,
      deployments,
      unauthorized: emergencies.filter((u) => u.revision > range.after && u.revision <= range.upTo),
      revisions,
      generatedAt: this.now(),
    });
  }

  /** Which release of each service runs in each environment, when it was deployed and by whom. */
  async releases(): Promise<ReportDocument> {
    const [deployed, environments] = await Promise.all([
      this.deps.deployments.listCurrentDeployments(),
      this.deps.environments.current(),
    ]);
    return releasesByEnvironmentReport(
      deployed,
      environments.environments.map((e) => e.name),
      this.now(),
    );
  }

  /** The full record of one CI: its attributes and labels, relationships, every revision and change. */
  async ci(ref: CiRef): Promise<ReportDocument> {
    const ci = await this.deps.cmdb.getCi(ref);
    const [relations, revisions, changes] = await Promise.all([
      this.deps.cmdb.relationsOf(ci.id),
      this.allRevisionsOf(ref),
      this.deps.changes.listChanges({ ci: formatRef(ref) }),
    ]);
    return ciRecordReport(ci, relations, revisions, changes, this.now());
  }

  /** The full record of one change: request, plan, approvals, history and the revisions it wrote. */
  async change(ref: string): Promise<ReportDocument> {
    const change = await loadChange(this.deps.changes, ref);
    return changeRecordReport(change, await this.revisionsOf(change), this.now());
  }

  /** Every revision in (after, upTo], read page by page from the newest. */
  private async revisionsBetween(range: { after: number; upTo: number }): Promise<Revision[]> {
    const all: Revision[] = [];
    for (let beforeRev = range.upTo + 1; beforeRev > range.after + 1;) {
      const page = await this.deps.history.log({ limit: PAGE, beforeRev });
      all.push(...page.filter((r) => r.rev > range.after));
      const last = page[page.length - 1];
      if (page.length < PAGE || !last) break;
      beforeRev = last.rev;
    }
    return all;
  }

  private async allRevisionsOf(ref: CiRef): Promise<Revision[]> {
    const all: Revision[] = [];
    for (let beforeRev: number | undefined; ;) {
      const page = await this.deps.history.log({ ref, limit: PAGE, beforeRev });
      all.push(...page);
      const last = page[page.length - 1];
      if (page.length < PAGE || !last) return all;
      beforeRev = last.rev;
    }
  }

  private async revisionsOf(change: Change): Promise<Revision[]> {
    const revs = [change.implementedRevision, change.backoutRevision].filter((r) => r !== undefined);
    return Promise.all(revs.map((rev) => this.deps.history.revision(rev)));
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}
