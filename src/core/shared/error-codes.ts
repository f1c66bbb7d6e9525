/**
 * Every code Cairn can report, grouped by the kind of error that carries it. A code belongs to
 * exactly one kind, so the API's status for it is fixed (src/api/errors.ts) and docs/errors.md
 * can list it once; a typo in a code fails to compile. A test holds docs/errors.md to this list.
 */
export const ERROR_CODES = {
  /** InputError: the input was malformed or broke a rule of the model. */
  input: [
    'INVALID_DOCUMENT',
    'INVALID_TEXT',
    'INPUT_TOO_DEEP',
    'CLASS_BREAKS_CIS',
    'INVALID_TIME',
    'INVALID_BASELINE_NAME',
    'INVALID_DEPTH',
    'INVALID_REF',
    'INVALID_CURSOR',
    'INVALID_LIMIT',
    'UNKNOWN_CLASS',
    'MODEL_DOCUMENT_INVALID',
    'IMPORT_MAPPING_INVALID',
    'IMPORT_INVALID',
    'IMPORT_OPTIONS',
    'NOTHING_TO_REVERT',
    'REVERT_TARGET',
    'CHANGE_INVALID',
    'CHANGE_REF_INVALID',
    'CHANGE_WINDOW_REQUIRED',
    'CHANGE_WINDOW_INVALID',
    'POLICY_INVALID',
    'ANCHOR_KEY_INVALID',
    'ANCHOR_TARGET_INVALID',
    'INVALID_DATE',
    'USER_NAME_INVALID',
    'GROUP_NAME_INVALID',
    'INVALID_USERNAME',
    'INVALID_ROLE',
    'WEAK_PASSWORD',
    'INVALID_TOKEN_NAME',
    'INVALID_EXPIRY',
    'INVALID_WEBHOOK',
    'DRIFT_AUTHORITY_INVALID',
    'DRIFT_SUPPRESSION_INVALID',
    'DRIFT_SCHEDULE_INVALID',
    'DRIFT_OBSERVATION_INVALID',
    'DRIFT_FINDING_REF_INVALID',
    'DRIFT_OBSERVATION_REF_INVALID',
    'DRIFT_SELECTION',
    'DRIFT_MIXED_SOURCES',
    'DRIFT_NOTHING_TO_RESOLVE',
    'DRIFT_NOTHING_TO_PLAN',
    'BACKUP_SOURCE_INVALID',
    'BACKUP_FILE_INVALID',
    'NOTIFY_PREFERENCES_INVALID',
    'NOTIFY_NOT_CONFIGURED',
  ],
  /** AuthenticationError: the caller could not be identified. */
  authentication: [
    'AUTHENTICATION_REQUIRED',
    'BAD_AUTHORIZATION',
    'BAD_TOKEN',
    'TOKEN_REVOKED',
    'TOKEN_EXPIRED',
    'BAD_CREDENTIALS',
    'SESSION_EXPIRED',
  ],
  /** NotAllowedError: the actor may not do this (role, segregation of duties, change control). */
  notAllowed: [
    'FORBIDDEN',
    'CHANGE_NOT_ALLOWED',
    'CHANGE_TEMPLATE_NOT_FOUND',
    'CHANGE_OUTSIDE_TEMPLATE',
    'CHANGE_CONTROL',
    'CONTROL_RELAXATION',
    'POLICY_MEMBERSHIP',
    'CHANGE_OVERRIDE_NOT_ALLOWED',
    'APPROVAL_NOT_OPEN',
    'APPROVAL_SOD',
    'APPROVAL_NOT_NEEDED',
    'APPROVAL_GROUP_NOT_REQUIRED',
    'APPROVAL_NOT_MEMBER',
  ],
  /** NotFoundError: a referenced thing does not exist. */
  notFound: [
    'CI_NOT_FOUND',
    'CLASS_NOT_FOUND',
    'REVISION_NOT_FOUND',
    'POINT_NOT_FOUND',
    'BASELINE_NOT_FOUND',
    'CHANGE_NOT_FOUND',
    'CHANGE_NOT_IMPLEMENTED',
    'UNAUTHORIZED_NOT_FOUND',
    'USER_NOT_FOUND',
    'GROUP_NOT_FOUND',
    'TOKEN_NOT_FOUND',
    'WEBHOOK_NOT_FOUND',
    'DELIVERY_NOT_FOUND',
    'DRIFT_SUPPRESSION_NOT_FOUND',
    'DRIFT_FINDING_NOT_FOUND',
    'DRIFT_SCHEDULE_NOT_FOUND',
    'DRIFT_OBSERVATION_NOT_FOUND',
    'DRIFT_REVIEW_NOT_FOUND',
    'NOTIFICATION_NOT_FOUND',
  ],
  /** ConflictError: the write conflicts with the current state (a name taken, a concurrent edit). */
  conflict: [
    'CONFLICT',
    'BASELINE_EXISTS',
    'GROUP_EXISTS',
    'TOKEN_EXISTS',
    'UNAUTHORIZED_ATTACHED',
    'CHANGE_CONFLICTS',
    'CHANGE_PLAN_NOT_APPROVED',
    'MIGRATE_TARGET_NOT_EMPTY',
    'MIGRATE_SCHEMA_MISMATCH',
    'BACKUP_FILE_EXISTS',
    'RESTORE_TARGET_NOT_EMPTY',
    'DRIFT_FINDING_RESOLVED',
    'DRIFT_SCHEDULE_EXISTS',
  ],
  /** InvalidTransitionError: a workflow step not allowed from the current state. */
  transition: ['CHANGE_INVALID_TRANSITION', 'CHANGE_PLAN_LOCKED'],
  /** PreconditionFailedError: the item moved on since the version the write was based on. */
  precondition: ['CI_MOVED', 'HEAD_MOVED', 'CHANGE_PLAN_CONFLICT', 'CHANGE_BACKOUT_CONFLICT'],
  /** UnavailableError: the database cannot be reached. */
  unavailable: ['DATABASE_UNAVAILABLE'],
  /**
   * Raised only by the HTTP API (request schema, idempotency, CSRF, rate limit, unknown route,
   * a bug); src/api/errors.ts gives each its status.
   */
  http: [
    'VALIDATION_FAILED',
    'INVALID_IDEMPOTENCY_KEY',
    'INVALID_IF_MATCH',
    'CSRF_TOKEN_INVALID',
    'ROUTE_NOT_FOUND',
    'IDEMPOTENCY_IN_PROGRESS',
    'IDEMPOTENCY_KEY_REUSED',
    'TOO_MANY_LOGIN_ATTEMPTS',
    'INTERNAL',
  ],
} as const;

export type ErrorKind = keyof typeof ERROR_CODES;
/** The codes errors of one kind may carry, e.g. `ErrorCodeOf<'notFound'>`. */
export type ErrorCodeOf<K extends ErrorKind> = (typeof ERROR_CODES)[K][number];
export type ErrorCode = ErrorCodeOf<ErrorKind>;
