import type { AuditService } from '../core/audit/audit.service.js';
import type { AuthService } from '../core/auth/auth.service.js';
import type { CalendarFeedService } from '../core/auth/calendar-feed.service.js';
import type { ClaimMapping } from '../core/auth/claim-mapping.js';
import type { IdempotencyStore } from '../core/auth/idempotency.port.js';
import type { LoginThrottle } from '../core/auth/login-throttle.js';
import type { SsoService } from '../core/auth/sso.service.js';
import type { CabMinutesService } from '../core/change/cab-minutes.service.js';
import type { ChangeServices } from '../core/change/change-services.js';
import type { CmdbServices } from '../core/cmdb/cmdb-services.js';
import type { WriteGuard } from '../core/cmdb/cmdb.service.js';
import type { ModelService } from '../core/cmdb/model.service.js';
import type { DriftScheduleService, ObservationReader } from '../core/drift/drift-schedule.service.js';
import type { DriftService } from '../core/drift/drift.service.js';
import type { LiveAuthority } from '../core/drift/live-authority.js';
import type { EventPublisher } from '../core/events/event-publisher.js';
import type { HttpSender } from '../core/events/events.port.js';
import type { WebhookService } from '../core/events/webhook.service.js';
import type { GraphSync } from '../core/graph/graph-sync.js';
import type { ExportService } from '../core/import/export.service.js';
import type { ImportService } from '../core/import/import.service.js';
import type { InboundIncidents } from '../core/incident/incident-inbound.js';
import type { IncidentService } from '../core/incident/incident.service.js';
import type { JobRunner } from '../core/jobs/job-runner.js';
import type { JobQueue } from '../core/jobs/jobs.port.js';
import type { Ticker } from '../core/jobs/ticker.js';
import type { NotificationSender } from '../core/notify/notification-sender.js';
import type { NotificationService } from '../core/notify/notification.service.js';
import type { NotificationTriggers } from '../core/notify/notification-triggers.js';
import type { Mailer } from '../core/notify/notify.port.js';
import type { PromotionService } from '../core/release/promotion.service.js';
import type { ReleasePipeline } from '../core/release/release-pipeline.js';
import type { ReleaseService } from '../core/release/release.service.js';
import type { MetricsService } from '../core/report/metrics.service.js';
import type { ReportService } from '../core/report/report.service.js';
import type { Clock } from '../core/shared/clock.js';
import type { IdGenerator } from '../core/shared/ids.js';
import type { KyselyCmdbStore } from '../store/connect.js';

/** The store services are built on: opened by `openServices` (src/app/open-services.ts) or by a test. */
export type ServicesStore = KyselyCmdbStore;

/**
 * Every service of Cairn, wired to one store: what the server and the CLI run on. The store itself
 * is not among them: a face (route, command) reads and writes through a service method.
 */
export interface Services extends Omit<CmdbServices, 'store'>, ChangeServices {
  auth: AuthService;
  /** Calendar subscription secrets: the .ics feed for calendar programs that cannot send a bearer token. */
  calendarFeeds: CalendarFeedService;
  /** Failed sign-ins counted in the database, per account and per address, shared by every server. */
  loginThrottle: LoginThrottle;
  /** Sign-in through the identity provider: just-in-time accounts, roles and groups from its claims. */
  sso: SsoService;
  webhooks: WebhookService;
  queue: JobQueue;
  idempotency: IdempotencyStore;
  /** The in-memory relationship graph (kept by servers; a CLI process reads impact with SQL). */
  graphSync: GraphSync;
  jobs: JobRunner;
  clock: Clock;
  drift: DriftService;
  driftSchedules: DriftScheduleService;
  /** Enqueues due scheduled drift checks; a server starts it. */
  scheduler: Ticker;
  /** Source authority rules, refreshed before each write request. */
  authority: LiveAuthority;
  /** Relays the events writes recorded (revisions, change steps, drift checks) into delivery jobs; a server starts its timer. */
  events: EventPublisher;
  /** People's notifications: the bell, preferences, group defaults, test messages. */
  notifications: NotificationService;
  /** Fans events out into notifications and sends them (run as jobs). */
  notificationSender: NotificationSender;
  /** Raises the notifications due by time (windows and freezes starting, digests); the scheduler ticks it. */
  notificationTriggers: NotificationTriggers;
  /** Verifies the hash chains of revisions and change records. */
  audit: AuditService;
  /** Minutes of CAB meetings: attendees, the decisions taken, notes; closed minutes never change. */
  cabMinutes: CabMinutesService;
  /** The class registry as people read and change it. */
  model: ModelService;
  /** Imports of desired-state records (what the importers read), as one revision or as a change. */
  imports: ImportService;
  /** The CMDB, or its state at a point, in chunks for `cairn export`. */
  exports: ExportService;
  /** Releases: a service at a version, proposed and decided by release managers. */
  releases: ReleaseService;
  /** Status accounting and audit records (`cairn report`, /api/v1/reports). */
  reports: ReportService;
  metrics: MetricsService;
  /** Promotion of releases past the environments' gates, deployments, rollback and the pipeline gate. */
  promotions: PromotionService;
  /** Services × environments: what runs where, and the gates' answer for what may move next (the web UI's pipeline). */
  pipeline: ReleasePipeline;
  /** Incidents, each traced to the change or deployment that caused it (`cairn incident`, /api/v1/incidents). */
  incidents: IncidentService;
  /** The service desks' webhook: a ticket's posts record, then update, its incident. */
  inboundIncidents: InboundIncidents;
}

export interface ServiceOptions {
  clock?: Clock;
  ids?: IdGenerator;
  /** Change control on direct writes (default on); tests may switch it off. */
  changeControl?: boolean;
  /** A check run before change control on every CMDB write (the API's If-Match). */
  beforeWrite?: WriteGuard;
  /** Keep the current relationship graph in memory for impact analysis (servers: yes; one CLI command: no). */
  memoryGraph?: boolean;
  sender?: HttpSender;
  /** Whether this process runs queued jobs (webhook deliveries, drift checks) as they are queued: a server does, a CLI command leaves them to one. */
  runsJobs?: boolean;
  /** Names this process in job leases (the pid by default). */
  worker?: string;
  pollIntervalMs?: number;
  /** How often due drift schedules are looked for (default 15 s). */
  scheduleTickMs?: number;
  /** Reads observation files for scheduled drift checks (the CLI's reader, given by `cairn serve`). */
  readObservation?: ObservationReader;
  onError?: (e: unknown, what: string) => void;
  /** Notifications: how email is sent, where links point, when digests go (no email when absent). */
  notify?: NotifyOptions;
  /** How the identity provider's claims map to roles and approver groups (single sign-on). */
  claimMapping?: ClaimMapping;
}

export interface NotifyOptions {
  mailer?: Mailer;
  /** The web UI's address as people reach it (default http://localhost:4000). */
  publicUrl?: string;
  /** The UTC hour at which daily digests go out (default 7). */
  digestHour?: number;
}
