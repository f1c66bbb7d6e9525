import { Type, type Static } from '@sinclair/typebox';
import { CLASSIFICATIONS, FINDING_KINDS, FINDING_STATES } from '../core/drift/drift.types.js';
import { JsonObject, MAX_PAGE } from './common.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

/** Properties are declared in the order the core builds them, so JSON reads the same as the CLI's. */
export const AttributeDriftView = Type.Object(
  { name: Type.String(), authorized: Type.Unknown(), observed: Type.Unknown(), classification: literals(CLASSIFICATIONS), because: Type.Optional(Type.String()) },
  { additionalProperties: false },
);

export const FindingView = Type.Object(
  {
    id: Type.String({ description: 'DRF-n' }),
    observationId: Type.String({ description: 'OBS-n' }),
    source: Type.String(),
    kind: literals(FINDING_KINDS),
    ref: Type.String({ description: 'class/name' }),
    class: Type.String(),
    ciId: Type.Union([Type.String(), Type.Null()]),
    classification: literals(CLASSIFICATIONS),
    attributes: Type.Array(AttributeDriftView),
    state: literals(FINDING_STATES),
    observedRef: Type.Optional(Type.String()),
    item: Type.Optional(JsonObject),
    suppressedBy: Type.Optional(Type.String()),
    resolution: Type.Optional(
      Type.Object({ kind: Type.String(), by: Type.String(), at: Type.String(), ref: Type.Optional(Type.String()), note: Type.Optional(Type.String()) }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false, title: 'DriftFinding' },
);

export const FindingsQuery = Type.Object({
  source: Type.Optional(Type.String()),
  state: Type.Optional(literals(FINDING_STATES)),
  class: Type.Optional(Type.String()),
  kind: Type.Optional(literals(FINDING_KINDS)),
  observation: Type.Optional(Type.String({ description: 'OBS-n' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: MAX_PAGE })),
});
export type FindingsQuery = Static<typeof FindingsQuery>;

export const ObservationView = Type.Object(
  {
    id: Type.String({ description: 'OBS-n' }),
    source: Type.String(),
    observedAt: Type.String({ format: 'date-time' }),
    checkedAt: Type.String({ format: 'date-time' }),
    author: Type.String(),
    format: Type.String(),
    file: Type.Union([Type.String(), Type.Null()]),
    hash: Type.String(),
    items: Type.Integer(),
    byClass: Type.Record(Type.String(), Type.Integer()),
    rev: Type.Integer(),
  },
  { additionalProperties: false, title: 'DriftObservation' },
);

export const ObservationParams = Type.Object({ id: Type.String({ pattern: '^(OBS-)?[0-9]+$', description: 'OBS-n' }) });

export const ScheduleView = Type.Object(
  {
    id: Type.String(),
    source: Type.String(),
    format: Type.String(),
    file: Type.String(),
    mapping: Type.Union([Type.String(), Type.Null()]),
    everySeconds: Type.Integer(),
    nextRunAt: Type.String({ format: 'date-time' }),
    createdAt: Type.String({ format: 'date-time' }),
    createdBy: Type.String(),
    lastRunAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    lastObservation: Type.Union([Type.String(), Type.Null()]),
    lastError: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false, title: 'DriftSchedule' },
);

export const CreateScheduleBody = Type.Object(
  {
    source: Type.String({ minLength: 1, maxLength: 200 }),
    format: Type.Optional(Type.String({ description: "an import format word, or `cairn` (default) for Cairn's own JSON/YAML/NDJSON" })),
    file: Type.String({ minLength: 1, description: 'the observation file, as the server process sees it' }),
    mapping: Type.Optional(Type.String({ description: "the importer's mapping file" })),
    every: Type.String({ description: 'interval: 15m, 1h, 1d (at least 1m)' }),
  },
  { additionalProperties: false, title: 'DriftScheduleInput' },
);
export type CreateScheduleBody = Static<typeof CreateScheduleBody>;

export const ScheduleParams = Type.Object({ id: Type.String({ minLength: 1 }) });

/** `cairn drift check`: the observation, already read into Cairn's desired-state form by the client. */
export const DriftCheckBody = Type.Object(
  {
    source: Type.String({ minLength: 1, maxLength: 200, description: 'the observing source' }),
    format: Type.Optional(Type.String({ description: "`cairn` (default) or the import format the client read the observation with" })),
    file: Type.Optional(Type.String({ description: 'the observation file, as the client named it (recorded)' })),
    observedAt: Type.Optional(Type.String({ description: 'when the source observed it (ISO-8601; default now)' })),
    hash: Type.Optional(Type.String({ description: 'a hash of the raw input' })),
    observed: Type.Object({ cis: Type.Array(JsonObject), relations: Type.Optional(Type.Array(JsonObject)) }, { description: 'the observed items' }),
  },
  { additionalProperties: false, title: 'DriftCheckInput' },
);
export type DriftCheckBody = Static<typeof DriftCheckBody>;

export const DriftReportView = Type.Object(
  { observation: ObservationView, summary: JsonObject, findings: Type.Array(FindingView) },
  { title: 'DriftReport' },
);

/** Which findings `accept` and `remediate` act on: named ones, or every open one (of a source). */
export const FindingSelectionBody = Type.Object(
  {
    ids: Type.Optional(Type.Array(Type.String({ description: 'DRF-n' }))),
    allOpen: Type.Optional(Type.Boolean()),
    source: Type.Optional(Type.String({ description: 'with allOpen: of this source only' })),
    message: Type.Optional(Type.String({ maxLength: 2000, description: 'accept: the revision message' })),
  },
  { additionalProperties: false, title: 'FindingSelection' },
);
export type FindingSelectionBody = Static<typeof FindingSelectionBody>;

export const AcceptResult = Type.Object({ revision: Type.Union([Type.Integer(), Type.Null()]), findings: Type.Array(FindingView) }, { title: 'DriftAccepted' });
export const RemediateResult = Type.Object(
  { change: Type.Union([Type.String(), Type.Null()]), draft: Type.Object({ title: Type.String(), description: Type.String(), plan: JsonObject }), findings: Type.Array(FindingView) },
  { title: 'DriftRemediation' },
);

export const ReviewFlagView = Type.Object(
  {
    rev: Type.Integer(),
    source: Type.String(),
    observationIds: Type.Array(Type.String()),
    findingIds: Type.Array(Type.String()),
    flaggedAt: Type.String(),
    flaggedBy: Type.String(),
    reviewedAt: Type.Optional(Type.String()),
    reviewedBy: Type.Optional(Type.String()),
    note: Type.Optional(Type.String()),
  },
  { additionalProperties: false, title: 'DriftReviewFlag' },
);

export const SuppressionView = Type.Object(
  {
    id: Type.String({ description: 'SUP-n' }),
    match: Type.Object({ source: Type.Optional(Type.String()), class: Type.Optional(Type.String()), ci: Type.Optional(Type.String()), attribute: Type.Optional(Type.String()) }),
    owner: Type.String(),
    reason: Type.String(),
    expiresAt: Type.String(),
    createdAt: Type.String(),
    createdBy: Type.String(),
    removedAt: Type.Optional(Type.String()),
    removedBy: Type.Optional(Type.String()),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, title: 'DriftSuppression' },
);

export const CreateSuppressionBody = Type.Object(
  {
    match: Type.Object({ source: Type.Optional(Type.String()), class: Type.Optional(Type.String()), ci: Type.Optional(Type.String()), attribute: Type.Optional(Type.String()) }, { additionalProperties: false }),
    owner: Type.String({ minLength: 1 }),
    reason: Type.String({ minLength: 1 }),
    expires: Type.String({ minLength: 1, description: 'ISO date or time; a date alone means the end of that day (UTC)' }),
  },
  { additionalProperties: false, title: 'DriftSuppressionInput' },
);
export type CreateSuppressionBody = Static<typeof CreateSuppressionBody>;
