import type { Kysely } from 'kysely';
import { AuthService } from '../core/auth/auth.service.js';
import type { WriteGuard } from '../core/ci/cmdb.service.js';
import { revisionEventData } from '../core/events/event.types.js';
import { JobRunner } from '../core/events/job-runner.js';
import { DELIVERY_JOB, WebhookService, type DeliveryPayload } from '../core/events/webhook.service.js';
import type { HttpSender, Job } from '../core/events/webhook.types.js';
import { toRevisionView } from '../core/revision/revision.types.js';
import { createChangeServices, type ChangeServices } from '../core/change/change-services.js';
import { loadAuthority } from '../core/drift/drift.service.js';
import { changeControlGuard } from '../core/policy/change-control.guard.js';
import { KyselyChangeStore } from '../store/change.repository.js';
import { KyselyDriftStore } from '../store/drift.repository.js';
import { createCmdbServices, type CmdbServices } from '../core/services.js';
import { systemClock, type Clock } from '../core/shared/clock.js';
import { ulidIds, type IdGenerator } from '../core/shared/ids.js';
import { AuthRepository, IdempotencyRepository, type AuthTables } from '../store/auth.repository.js';
import type { KyselyCmdbStore } from '../store/connect.js';
import { DbJobQueue, type JobTables } from '../store/job-queue.js';
import { WebhookRepository, type WebhookTables } from '../store/webhook.repository.js';
import { GraphSync } from './graph-sync.js';
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
  // Drift's source-authority rules as of start-up, as the CLI loads them per command.
  const authority = await loadAuthority(new KyselyDriftStore(store), store);
  const cmdb = createCmdbServices(store, { clock, ids, graph: graphSync.graph, guard, authority });
  // Each repository sees only its own tables (declared beside it), on the store's connection.
  const db = <T>() => store.kysely as unknown as Kysely<T>;
  const queue = new DbJobQueue(db<JobTables>(), store.engine, { clock, ids });
  const webhooks = new WebhookService({ store: new WebhookRepository(db<WebhookTables>()), queue, sender: options.sender ?? fetchSender, clock, ids });
  const onError = options.onError ?? (() => undefined);
  const jobs = new JobRunner({
    queue,
    worker: options.worker ?? `${process.pid}`,
    intervalMs: options.pollIntervalMs,
    handlers: { [DELIVERY_JOB]: (job: Job) => webhooks.deliver(job as Job<DeliveryPayload>) },
    onError: (e) => onError(e, 'job'),
  });
  const services: ApiServices = { ...cmdb, ...createChangeServices(cmdb, changeStore, clock), store, auth: new AuthService({ store: new AuthRepository(db<AuthTables>()), clock }), webhooks, queue, idempotency: new IdempotencyRepository(db<AuthTables>()), graphSync, jobs, clock };
  cmdb.cmdb.onCommit((revision, writes) => {
    graphSync.onCommit(revision, writes);
    // Published after commit, from the process that committed: one event per revision.
    void publishRevision(services, revision.rev)
      .then((queued) => (queued > 0 ? jobs.poll() : 0))
      .catch((e: unknown) => onError(e, 'publish'));
  });
  return services;
}

/** Queues `revision.created` for the subscribers; the diff is computed only when there are some. */
async function publishRevision(s: ApiServices, rev: number): Promise<number> {
  return s.webhooks.publishLazy('revision.created', async () => {
    const revision = await s.store.getRevision(rev);
    const diff = await s.history.diff(rev - 1, rev);
    return s.webhooks.event('revision.created', revisionEventData(toRevisionView(revision!), diff));
  });
}
