import type { AuditVerificationsTable } from './repositories/audit/audit-verification.table.js';
import type { CabMinutesTable } from './repositories/cab/cab-minutes.table.js';
import type {
  ApiTokensTable,
  CalendarFeedsTable,
  IdempotencyKeysTable,
  LoginAttemptsTable,
  ProviderGroupMembersTable,
  SessionsTable,
  UserCredentialsTable,
} from './repositories/auth/auth.table.js';
import type {
  ChangeApprovalsTable,
  ChangeCisTable,
  ChangesTable,
  ChangeTransitionsTable,
  GroupMembersTable,
  PolicyVersionsTable,
  EnvironmentVersionsTable,
  UnauthorizedChangesTable,
  UserGroupsTable,
  UsersTable,
} from './repositories/change/change.table.js';
import type {
  BaselinesTable,
  CiVersionsTable,
  CountersTable,
  ModelVersionsTable,
  RelationVersionsTable,
  RevisionsTable,
} from './repositories/cmdb/cmdb.table.js';
import type {
  DriftAuthorityVersionsTable,
  DriftFindingsTable,
  DriftObservationsTable,
  DriftReviewsTable,
  DriftSchedulesTable,
  DriftSuppressionsTable,
} from './repositories/drift/drift.table.js';
import type { JobsTable } from './repositories/job/job.table.js';
import type { ReleasesTable } from './repositories/release/release.table.js';
import type { IncidentsTable } from './repositories/incident/incident.table.js';
import type { DeploymentsTable, PromotionApprovalsTable } from './repositories/release/deployment.table.js';
import type {
  NotificationDeliveriesTable,
  NotificationGroupDefaultsTable,
  NotificationPreferencesTable,
  NotificationSettingsTable,
  NotificationsTable,
  NotificationTriggersTable,
} from './repositories/notify/notify.table.js';
import type { UnresolvedRefsTable } from './repositories/refs/unresolved-ref.table.js';
import type { EventOutboxTable } from './repositories/webhook/outbox.table.js';
import type { WebhookDeliveriesTable, WebhooksTable } from './repositories/webhook/webhook.table.js';

/**
 * Every table of Cairn's database, as Kysely sees it: one database, one connection (pool), one
 * interface. Each table's columns are declared beside the repository that queries it
 * (repositories/<domain>/<domain>.table.ts); the migrations create them.
 */
export interface Database {
  // CMDB (0001, 0004)
  revisions: RevisionsTable;
  ci_versions: CiVersionsTable;
  relation_versions: RelationVersionsTable;
  model_versions: ModelVersionsTable;
  baselines: BaselinesTable;
  counters: CountersTable;
  // Change enablement (0002)
  changes: ChangesTable;
  change_cis: ChangeCisTable;
  change_approvals: ChangeApprovalsTable;
  change_transitions: ChangeTransitionsTable;
  users: UsersTable;
  user_groups: UserGroupsTable;
  group_members: GroupMembersTable;
  policy_versions: PolicyVersionsTable;
  // Environments (0017)
  environment_versions: EnvironmentVersionsTable;
  // Releases (0017)
  releases: ReleasesTable;
  // Deployments and promotion approvals (0020)
  deployments: DeploymentsTable;
  promotion_approvals: PromotionApprovalsTable;
  unauthorized_changes: UnauthorizedChangesTable;
  // Incidents (0022)
  incidents: IncidentsTable;
  // API: credentials, tokens, sessions, idempotency (0003)
  user_credentials: UserCredentialsTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
  // Calendar subscription secrets (0018)
  calendar_feeds: CalendarFeedsTable;
  idempotency_keys: IdempotencyKeysTable;
  // Webhooks and their job queue (0003)
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  jobs: JobsTable;
  // The transactional outbox of events, and sign-in attempts (0008)
  event_outbox: EventOutboxTable;
  login_attempts: LoginAttemptsTable;
  // Single sign-on (0009)
  provider_group_members: ProviderGroupMembersTable;
  // Drift (0005, 0006)
  drift_observations: DriftObservationsTable;
  drift_findings: DriftFindingsTable;
  drift_suppressions: DriftSuppressionsTable;
  drift_authority_versions: DriftAuthorityVersionsTable;
  drift_reviews: DriftReviewsTable;
  drift_schedules: DriftSchedulesTable;
  // Notifications (0010)
  notifications: NotificationsTable;
  notification_deliveries: NotificationDeliveriesTable;
  notification_preferences: NotificationPreferencesTable;
  notification_group_defaults: NotificationGroupDefaultsTable;
  notification_settings: NotificationSettingsTable;
  notification_triggers: NotificationTriggersTable;
  // Verifications of the audit chain made through the API (0013)
  audit_verifications: AuditVerificationsTable;
  // Minutes of CAB meetings (0014)
  cab_minutes: CabMinutesTable;
  // References an import read whose target was not there yet (0015)
  unresolved_refs: UnresolvedRefsTable;
}
