import type { DesiredState } from '../core/ci/desired-state.js';
import { AuthService } from '../core/auth/auth.service.js';
import type { WriteGuard } from '../core/ci/cmdb.service.js';
import { EventPublisher } from '../core/events/event-publisher.js';
import { JobRunner } from '../core/events/job-runner.js';
import { Ticker } from '../core/events/ticker.js';
import { DELIVERY_JOB, WebhookService, type DeliveryPayload } from '../core/events/webhook.service.js';
import type { HttpSender, Job } from '../core/events/webhook.types.js';
import { createChangeServices, type ChangeServices } from '../core/change/change-services.js';
import { ChangeRecordLookup } from '../core/drift/change-lookup.js';
import { DRIFT_CHECK_JOB, DriftScheduleService, type ObservationReader } from '../core/drift/drift-schedule.service.js';
import { DriftService } from '../core/drift/drift.service.js';
import { LiveAuthority } from '../core/drift/live-authority.js';
import { changeControlGuard } from '../core/policy/change-control.guard.js';
import { KyselyChangeStore } from '../store/change.repository.js';
import type { ChangeReader } from '../core/ports/change-store.port.js';
import { KyselyDriftStore } from '../store/drift.repository.js';
import { createCmdbServices, type CmdbServices } from '../core/services.js';
import { systemClock, type Clock } from '../core/shared/clock.js';
import { ulidIds, type IdGenerator } from '../core/shared/ids.js';
import type { IdempotencyRepository } from '../store/auth.repository.js';
import type { DbJobQueue } from '../store/job-queue.js';
import { storeRepositories } from '../store/repositories.js';
import type { KyselyCmdbStore } from '../store/connect.js';
import { GraphSync } from '../core/graph/graph-sync.js';
import { preconditionGuard } from './preconditions.js';
import { fetchSender } from './webhook-sender.js';

/** Everything the API serves, wired to one store. Built by server.ts, tests and benchmarks. */
export interface ApiServices extends CmdbServices, ChangeServices {
  store: KyselyCmdbStore;
  auth: AuthService;
  webhooks: WebhookService;
  queue: DbJobQueue;
  idempotency: IdempotencyRepository;
  graphSync: GraphSync;
  jobs: JobRunner;
  clock: Clock;
  drift: DriftService;
  driftSchedules: DriftScheduleService;
  /** Enqueues due scheduled drift checks; server.ts starts it. */
  scheduler: Ticker;
  /** Source authority rules, refreshed before each write request. */
  authority: LiveAuthority;
  events: EventPublisher;
  /** The change records, read directly (audit verify). */
  changeStore: ChangeReader;
}

export interface ApiServiceOptions {
  clock?: Clock;
  ids?: IdGenerator;
  /** Change control on direct writes (default on, as in the CLI); tests may switch it off. */
  changeControl?: boolean;
  sender?: HttpSender;
  /** Names this process in job leases (host:pid by default). */
  worker?: string;
  pollIntervalMs?: number;
  /** How often due drift schedules are looked for (default 15 s). */
  scheduleTickMs?: number;
  /** Reads observation files for scheduled drift checks (the CLI's reader, given by `cairn serve`). */
  readObservation?: ObservationReader;
  onError?: (e: unknown, what: string) => void;
}

export async function createApiServices(store: KyselyCmdbStore, options: ApiServiceOptions = {}): Promise<ApiServices> {
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? ulidIds();
  const changeStore = new KyselyChangeStore(store);
  const control = options.changeControl === false ? undefined : changeControlGuard(changeStore, clock);
  // If-Match first (a stale write is a 412 whatever else is wrong), then change control.
  const guard: WriteGuard = async (check) => {
    await preconditionGuard(check);
    await control?.(check);
  };
  const graphSync = new GraphSync(store);
  const driftStore = new KyselyDriftStore(store);
  // Source authority rules: loaded now, and again whenever a newer version is stored (refresh()).
  const authority = new LiveAuthority({ drift: driftStore, cmdb: store });
  await authority.refresh();
  const cmdb = createCmdbServices(store, { clock, ids, graph: graphSync.graph, guard, authority: authority.check });
  const repositories = storeRepositories(store, { clock, ids });
  const queue = repositories.jobs();
  const webhooks = new WebhookService({ store: repositories.webhooks(), queue, sender: options.sender ?? fetchSender, clock, ids });
  const onError = options.onError ?? (() => undefined);
  const changeServices = createChangeServices(cmdb, changeStore, clock);
  const drift = new DriftService({ store, drift: driftStore, cmdb: cmdb.cmdb, clock, changes: new ChangeRecordLookup(changeStore), opener: driftOpener(changeServices) });
  const driftSchedules = new DriftScheduleService({ store: repositories.driftSchedules(), drift, queue, clock, ids, read: options.readObservation });
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
    },
    onError: (e) => onError(e, 'job'),
  });
  const scheduler = new Ticker(async () => ((await driftSchedules.enqueueDue()) > 0 ? jobs.poll() : 0), options.scheduleTickMs ?? 15_000, (e) => onError(e, 'drift schedule'));
  // Events are published after commit by the process that committed, into the database queue.
  const events = new EventPublisher({ sink: webhooks, onQueued: () => void jobs.poll(), onError: (e) => onError(e, 'publish') });
  const auth = new AuthService({ store: repositories.auth(), clock });
  const services: ApiServices = { ...cmdb, ...changeServices, store, auth, webhooks, queue, idempotency: repositories.idempotency(), graphSync, jobs, clock, drift, driftSchedules, scheduler, authority, events, changeStore };
  cmdb.cmdb.onCommit((revision, writes) => graphSync.onCommit(revision, writes));
  events.watchCmdb(cmdb.cmdb, { store, history: cmdb.history });
  events.watchChanges(changeServices.changes);
  events.watchDrift(drift);
  return services;
}

/** Remediation opens a normal change, as `cairn drift remediate` does. */
function driftOpener(c: ChangeServices) {
  return {
    open: async (d: { title: string; description: string; plan: DesiredState; author: string }) => {
      const justification = 'Drift detection found the systems differ from their authorized state.';
      return c.changes.create({ type: 'normal', title: d.title, description: d.description, justification, plan: d.plan }, d.author);
    },
  };
}
