import { CalendarFeedService } from '../core/auth/calendar-feed.service.js';
import type { DesiredState } from '../core/ci/desired-state.js';
import { AuditService } from '../core/audit/audit.service.js';
import { CabMinutesService } from '../core/change/cab-minutes.service.js';
import { AuthService } from '../core/auth/auth.service.js';
import { LoginThrottle } from '../core/auth/login-throttle.js';
import { DEFAULT_CLAIM_MAPPING } from '../core/auth/claim-mapping.js';
import { SsoService } from '../core/auth/sso.service.js';
import type { WriteGuard } from '../core/cmdb/cmdb.service.js';
import { changeEvents, driftEvents } from '../core/events/domain-events.js';
import { EventPublisher } from '../core/events/event-publisher.js';
import { JobRunner } from '../core/jobs/job-runner.js';
import { Ticker } from '../core/jobs/ticker.js';
import { DELIVERY_JOB, WebhookService, type DeliveryPayload } from '../core/events/webhook.service.js';
import type { Job } from '../core/jobs/jobs.port.js';
import { createChangeServices, type ChangeServices } from '../core/change/change-services.js';
import { ChangeRecordLookup } from '../core/drift/change-lookup.js';
import { DRIFT_CHECK_JOB, DriftScheduleService } from '../core/drift/drift-schedule.service.js';
import { DriftService } from '../core/drift/drift.service.js';
import { LiveAuthority } from '../core/drift/live-authority.js';
import { changeControlGuard } from '../core/change/change-control.guard.js';
import { createCmdbServices } from '../core/cmdb/cmdb-services.js';
import { systemClock } from '../core/shared/clock.js';
import { ulidIds } from '../core/shared/ids.js';
import { GraphSync } from '../core/graph/graph-sync.js';
import { ExportService } from '../core/import/export.service.js';
import { ImportService } from '../core/import/import.service.js';
import { ModelService } from '../core/cmdb/model.service.js';
import { ReleaseService } from '../core/release/release.service.js';
import type { IncidentStore } from '../core/incident/incident.port.js';
import type { IncidentSource } from '../core/report/incident-source.port.js';
import { MetricsService } from '../core/report/metrics.service.js';
import { IncidentService } from '../core/incident/incident.service.js';
import { InboundIncidents } from '../core/incident/incident-inbound.js';
import { ReportService } from '../core/report/report.service.js';
import { PromotionService } from '../core/release/promotion.service.js';
import { ReleasePipeline } from '../core/release/release-pipeline.js';
import { KyselyDeploymentStore } from '../store/repositories/release/deployment.store.js';
import { KyselyChangeStore } from '../store/repositories/change/change.store.js';
import { KyselyDriftStore } from '../store/repositories/drift/drift.store.js';
import { storeRepositories } from '../store/store-repositories.js';
import { fetchSender } from './webhook-sender.js';
import { NOTIFIED_EVENT_TYPES } from '../core/notify/recipients.js';
import {
  DELIVER_JOB,
  DIGEST_JOB,
  FANOUT_JOB,
  type DeliverPayload,
  type DigestPayload,
  type FanoutPayload,
} from '../core/notify/notification-sender.js';
import { peopleOf } from '../core/notify/people.js';
import { notificationServices } from './notification-services.js';
import type { ServiceOptions, Services, ServicesStore } from './services.types.js';

export type { ServiceOptions, Services, ServicesStore } from './services.types.js';

/**
 * The one place that wires services. The server (`api/server.ts`) and the CLI (`cli/local-root.ts`)
 * reach it through `openServices` (open-services.ts), which opens the store; tests call it on a store
 * of their own. Building it starts nothing: a server starts `jobs` and `scheduler` itself.
 */
export async function createServices(store: ServicesStore, options: ServiceOptions = {}): Promise<Services> {
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? ulidIds();
  const changeStore = new KyselyChangeStore(store);
  const control = options.changeControl === false ? undefined : changeControlGuard(changeStore, clock);
  const before = options.beforeWrite;
  const guard: WriteGuard = async (check) => {
    await before?.(check);
    await control?.(check);
  };
  const graphSync = new GraphSync(store);
  const driftStore = new KyselyDriftStore(store);
  // Source authority rules: loaded now, and again whenever a newer version is stored (refresh()).
  const authority = new LiveAuthority({ drift: driftStore, cmdb: store });
  await authority.refresh();
  const cmdb = createCmdbServices(store, {
    clock,
    ids,
    graph: options.memoryGraph === true ? graphSync.graph : undefined,
    guard,
    authority: authority.check,
  });
  const repositories = storeRepositories(store, { clock, ids });
  const queue = repositories.jobs();
  const webhooks = new WebhookService({
    store: repositories.webhooks(),
    queue,
    sender: options.sender ?? fetchSender,
    clock,
    ids,
  });
  const onError = options.onError ?? (() => undefined);
  const changeServices = createChangeServices(cmdb, changeStore, clock);
  const drift = new DriftService({
    store,
    drift: driftStore,
    cmdb: cmdb.cmdb,
    clock,
    changes: new ChangeRecordLookup(changeStore),
    opener: driftOpener(changeServices),
  });
  const driftSchedules = new DriftScheduleService({
    store: repositories.driftSchedules(),
    drift,
    queue,
    clock,
    ids,
    read: options.readObservation,
  });
  const notify = notificationServices({
    store: repositories.notifications(),
    people: peopleOf(changeStore, repositories.auth()),
    changes: changeStore,
    queue,
    sender: options.sender ?? fetchSender,
    clock,
    ids,
    options: options.notify ?? {},
  });
  // Events are recorded by each write in its own transaction (the outbox); the relay turns them
  // into delivery jobs after the commit, and a running job runner (a server's) delivers them,
  // nudged when one is queued.
  const nudge = options.runsJobs === false ? undefined : () => void jobs.poll();
  const jobs = new JobRunner({
    queue,
    worker: options.worker ?? `${process.pid}`,
    intervalMs: options.pollIntervalMs,
    handlers: {
      [DELIVERY_JOB]: (job: Job) => webhooks.deliver(job as Job<DeliveryPayload>),
      [DRIFT_CHECK_JOB]: async (job: Job) => {
        await driftSchedules.run((job.payload as { scheduleId: string }).scheduleId);
        await queue.complete(job.id);
      },
      [FANOUT_JOB]: async (job: Job) => {
        // The deliveries it queued run now rather than at the next poll (in a process that runs jobs).
        if ((await notify.sender.fanOut(job as Job<FanoutPayload>)).length > 0) nudge?.();
      },
      [DELIVER_JOB]: (job: Job) => notify.sender.deliver(job as Job<DeliverPayload>),
      [DIGEST_JOB]: (job: Job) => notify.sender.digest(job as Job<DigestPayload>),
    },
    onError: (e) => onError(e, 'job'),
  });
  // One tick for what falls due by time: scheduled drift checks, and notifications (windows and
  // freezes starting, digests); a failure of one does not hold up the other.
  const scheduler = new Ticker(
    async () => {
      const checks = await driftSchedules.enqueueDue().catch((e: unknown) => (onError(e, 'drift schedule'), 0));
      const raised = await notify.triggers.tick().catch((e: unknown) => (onError(e, 'notification triggers'), 0));
      if (raised > 0) events.nudge();
      if (checks + raised > 0) await jobs.poll();
    },
    options.scheduleTickMs ?? 15_000,
    (e) => onError(e, 'schedule'),
  );
  const events = new EventPublisher({
    outbox: repositories.outbox(),
    webhooks,
    reads: { revision: (rev) => store.getRevision(rev), diff: (from, to) => cmdb.history.diff(from, to) },
    ids,
    fanout: { kind: FANOUT_JOB, types: NOTIFIED_EVENT_TYPES },
    onQueued: nudge,
    onError: (e) => onError(e, 'publish'),
  });
  const auth = new AuthService({ store: repositories.auth(), clock });
  const audit = new AuditService({
    cmdb: store,
    changes: changeStore,
    log: { store: repositories.auditVerifications(), clock, ids },
  });
  const cabMinutes = new CabMinutesService({ store: repositories.cabMinutes(), changes: changeStore, clock, ids });
  const model = new ModelService({ cmdb: cmdb.cmdb, history: cmdb.history });
  const imports = new ImportService({ store, cmdb: cmdb.cmdb, clock, changes: changeServices.changes });
  const exports = new ExportService({ store, cmdb: cmdb.cmdb, history: cmdb.history });
  const { store: _store, ...cmdbServices } = cmdb;
  const releases = new ReleaseService({ releases: repositories.releases(), cis: cmdb.cis, clock, ids });
  const deployments = new KyselyDeploymentStore(store);
  const promotions = new PromotionService({
    changes: changeServices.changes,
    releases,
    environments: changeServices.environments,
    deployments,
    cis: cmdb.cis,
    clock,
    ids,
  });
  const incidents = new IncidentService({
    incidents: repositories.incidents(),
    cis: cmdb.cis,
    changes: changeServices.changes,
    deployments: promotions,
    clock,
  });
  const services: Services = {
    ...cmdbServices,
    ...changeServices,
    auth,
    calendarFeeds: new CalendarFeedService({ store: repositories.auth(), clock }),
    loginThrottle: new LoginThrottle({ store: repositories.loginAttempts(), clock, ids }),
    sso: new SsoService({ store: repositories.sso(), clock, mapping: options.claimMapping ?? DEFAULT_CLAIM_MAPPING }),
    webhooks,
    queue,
    idempotency: repositories.idempotency(),
    graphSync,
    jobs,
    clock,
    drift,
    driftSchedules,
    scheduler,
    authority,
    events,
    notifications: notify.service,
    notificationSender: notify.sender,
    notificationTriggers: notify.triggers,
    audit,
    cabMinutes,
    model,
    imports,
    exports,
    releases,
    promotions,
    pipeline: new ReleasePipeline({ releases, promotions, environments: changeServices.environments }),
    incidents,
    inboundIncidents: new InboundIncidents(incidents),
    reports: new ReportService({
      store,
      changes: changeStore,
      cmdb: cmdb.cmdb,
      history: cmdb.history,
      baselines: cmdb.baselines,
      deployments,
      environments: changeServices.environments,
      clock,
    }),
    metrics: new MetricsService({
      changes: changeStore,
      deployments,
      releases: repositories.releases(),
      incidents: incidentSource(repositories.incidents()),
      clock,
    }),
  };
  if (options.memoryGraph === true) cmdb.cmdb.onCommit((revision, writes) => graphSync.onCommit(revision, writes));
  changeServices.changes.recordEvents(changeEvents);
  drift.recordEvents(driftEvents);
  cmdb.cmdb.onCommit(() => events.nudge());
  changeServices.changes.onActivity(() => events.nudge());
  services.releases.onWrite(() => events.nudge());
  services.promotions.onWrite(() => events.nudge());
  incidents.onWrite(() => events.nudge());
  drift.onCheck(() => events.nudge());
  return services;
}

/** The metrics read a service's incidents (or all) from the incident store. */
function incidentSource(store: IncidentStore): IncidentSource {
  return { incidentsOf: (service) => store.list({ service }) };
}

/** Remediation opens a normal change, whichever face asked for it. */
function driftOpener(c: ChangeServices) {
  return {
    open: async (d: { title: string; description: string; plan: DesiredState; author: string }) => {
      const justification = 'Drift detection found the systems differ from their authorized state.';
      return c.changes.create(
        { type: 'normal', title: d.title, description: d.description, justification, plan: d.plan },
        d.author,
      );
    },
  };
}
