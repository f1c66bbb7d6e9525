import { Type, type Static } from '@sinclair/typebox';
import { KeyedBy } from '../core/shared/schema-words.js';
import { CLASSIFICATIONS, FINDING_KINDS, FINDING_STATES } from '../core/drift/drift.types.js';
import { ItemList, JsonObject, Page, PageQuery } from './common.js';
import { InputScopeView } from './scope.contracts.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

/** Properties are declared in the order the core builds them, so JSON reads the same as the CLI's. */
export const AttributeDriftView = Type.Object(
  {
    name: Type.String(),
    authorized: Type.Unknown(),
    observed: Type.Unknown(),
    classification: literals(CLASSIFICATIONS),
    because: Type.Optional(Type.String()),
  },
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
    relation: Type.Optional(
      Type.Object(
        { type: Type.String(), from: Type.String({ description: 'class/name' }), to: Type.String() },
        {
          additionalProperties: false,
          description:
            'Set when the finding is about a relationship: missing (the CMDB holds it, the source did not see it) or unexpected (seen, not held); ref and class are its from end',
        },
      ),
    ),
    suppressedBy: Type.Optional(Type.String()),
    resolution: Type.Optional(
      Type.Object(
        {
          kind: Type.String(),
          by: Type.String(),
          at: Type.String(),
          ref: Type.Optional(Type.String()),
          note: Type.Optional(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false, title: 'DriftFinding' },
);

export type FindingView = Static<typeof FindingView>;

export const FindingsQuery = Type.Composite([
  PageQuery,
  Type.Object({
    source: Type.Optional(Type.String({ description: 'Only findings of this source' })),
    state: Type.Optional(literals(FINDING_STATES)),
    class: Type.Optional(Type.String({ description: 'Only findings on CIs of this class' })),
    kind: Type.Optional(literals(FINDING_KINDS)),
    observation: Type.Optional(Type.String({ description: 'Only findings of this observation (OBS-n)' })),
  }),
]);
export type FindingsQuery = Static<typeof FindingsQuery>;

export const FindingPage = Page(FindingView, 'DriftFindingPage');

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
    byClass: KeyedBy(Type.Integer()),
    rev: Type.Integer(),
    scope: Type.Optional(InputScopeView),
    relations: Type.Optional(
      Type.Integer({ description: 'Relationships observed (compared only when there are some)' }),
    ),
  },
  { additionalProperties: false, title: 'DriftObservation' },
);
export type ObservationView = Static<typeof ObservationView>;

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
export type ScheduleView = Static<typeof ScheduleView>;

export const CreateScheduleBody = Type.Object(
  {
    source: Type.String({ minLength: 1, maxLength: 200 }),
    format: Type.Optional(
      Type.String({ description: "an import format word, or `cairn` (default) for Cairn's own JSON/YAML/NDJSON" }),
    ),
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
    format: Type.Optional(
      Type.String({ description: '`cairn` (default) or the import format the client read the observation with' }),
    ),
    file: Type.Optional(Type.String({ description: 'the observation file, as the client named it (recorded)' })),
    observedAt: Type.Optional(Type.String({ description: 'when the source observed it (ISO-8601; default now)' })),
    hash: Type.Optional(Type.String({ description: 'a hash of the raw input' })),
    scope: Type.Optional(InputScopeView),
    observed: Type.Object(
      { cis: ItemList(JsonObject), relations: Type.Optional(ItemList(JsonObject)) },
      { description: 'the observed items' },
    ),
  },
  { additionalProperties: false, title: 'DriftCheckInput' },
);
export type DriftCheckBody = Static<typeof DriftCheckBody>;

const KindCounts = Type.Object(
  { modified: Type.Integer(), missing: Type.Integer(), unexpected: Type.Integer() },
  { additionalProperties: false },
);

/** Counts by kind and class; `unauthorized` (not suppressed) is what makes `cairn drift check` exit 3. */
export const DriftSummaryView = Type.Object(
  {
    modified: Type.Integer(),
    missing: Type.Integer(),
    unexpected: Type.Integer(),
    suppressed: Type.Integer({ description: 'Findings suppressed by a rule; also counted in their kind' }),
    unauthorized: Type.Integer({ description: 'Unauthorized findings no rule suppresses' }),
    matched: Type.Integer(),
    relations: Type.Integer({ description: 'Findings about relationships; also counted in missing and unexpected' }),
    byClass: KeyedBy(KindCounts),
  },
  { additionalProperties: false, title: 'DriftSummary' },
);

export const DriftReportView = Type.Object(
  { observation: ObservationView, summary: DriftSummaryView, findings: Type.Array(FindingView) },
  { title: 'DriftReport' },
);
export type DriftReportView = Static<typeof DriftReportView>;

const selectionFields = {
  ids: Type.Optional(Type.Array(Type.String({ description: 'DRF-n' }))),
  allOpen: Type.Optional(Type.Boolean()),
  source: Type.Optional(Type.String({ description: 'with allOpen: of this source only' })),
};

/** Which findings `remediate` acts on: named ones, or every open one (of a source). */
export const FindingSelectionBody = Type.Object(selectionFields, {
  additionalProperties: false,
  title: 'FindingSelection',
});
export type FindingSelectionBody = Static<typeof FindingSelectionBody>;

/** `cairn drift accept`: the findings, the revision's message, and `--emergency --reason` for controlled CIs. */
export const AcceptBody = Type.Object(
  {
    ...selectionFields,
    message: Type.Optional(Type.String({ maxLength: 2000, description: 'the revision message' })),
    emergency: Type.Optional(
      Type.Object(
        {
          reason: Type.String({ minLength: 1, maxLength: 2000, description: 'why the write cannot wait for a change' }),
        },
        {
          additionalProperties: false,
          description:
            'write to controlled CIs outside a change; recorded as an unauthorized change (needs cmdb:write)',
        },
      ),
    ),
  },
  { additionalProperties: false, title: 'DriftAcceptInput' },
);
export type AcceptBody = Static<typeof AcceptBody>;

export const AcceptResult = Type.Object(
  { revision: Type.Union([Type.Integer(), Type.Null()]), findings: Type.Array(FindingView) },
  { title: 'DriftAccepted' },
);
export type AcceptResult = Static<typeof AcceptResult>;
export const RemediateResult = Type.Object(
  {
    change: Type.Union([Type.String(), Type.Null()]),
    draft: Type.Object({ title: Type.String(), description: Type.String(), plan: JsonObject }),
    findings: Type.Array(FindingView),
  },
  { title: 'DriftRemediation' },
);
export type RemediateResult = Static<typeof RemediateResult>;

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
export type ReviewFlagView = Static<typeof ReviewFlagView>;

export const ReviewParams = Type.Object({
  rev: Type.Integer({ minimum: 1, description: 'the revision of accepted drift' }),
});
export const ReviewBody = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 2000, description: 'what the review found' })) },
  { additionalProperties: false, title: 'DriftReviewInput' },
);
export type ReviewBody = Static<typeof ReviewBody>;
export const ReviewedView = Type.Object(
  {
    rev: Type.Integer(),
    reviewedBy: Type.String(),
    reviewedAt: Type.String({ format: 'date-time' }),
    note: Type.Optional(Type.String()),
  },
  { additionalProperties: false, title: 'DriftReviewed' },
);
export type ReviewedView = Static<typeof ReviewedView>;

export const SuppressionView = Type.Object(
  {
    id: Type.String({ description: 'SUP-n' }),
    match: Type.Object({
      source: Type.Optional(Type.String()),
      class: Type.Optional(Type.String()),
      ci: Type.Optional(Type.String()),
      attribute: Type.Optional(Type.String()),
    }),
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
export type SuppressionView = Static<typeof SuppressionView>;

export const CreateSuppressionBody = Type.Object(
  {
    match: Type.Object(
      {
        source: Type.Optional(Type.String()),
        class: Type.Optional(Type.String()),
        ci: Type.Optional(Type.String()),
        attribute: Type.Optional(Type.String()),
      },
      { additionalProperties: false },
    ),
    owner: Type.String({ minLength: 1 }),
    reason: Type.String({ minLength: 1 }),
    expires: Type.String({
      minLength: 1,
      description: 'ISO date or time; a date alone means the end of that day (UTC)',
    }),
  },
  { additionalProperties: false, title: 'DriftSuppressionInput' },
);
export type CreateSuppressionBody = Static<typeof CreateSuppressionBody>;

/**
 * `sources.yaml`: which source owns which attributes of which classes. Its entries are checked by
 * the service, which names every bad field (a schema here would say less).
 */
export const AuthorityDocument = Type.Object(
  { sources: Type.Array(Type.Unknown({ description: '{ name, description?, classes, attributes? }' })) },
  { title: 'DriftAuthorityRules', description: 'the sources document; unknown fields are refused by the service' },
);
export type AuthorityDocument = Static<typeof AuthorityDocument>;

/** Optional properties last: the serializer writes required ones first, whatever their order here. */
const SourceRuleView = Type.Object(
  {
    name: Type.String(),
    classes: Type.Array(Type.String()),
    attributes: Type.Array(Type.String()),
    description: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const AuthorityView = Type.Object(
  {
    version: Type.Integer(),
    rules: Type.Object({ sources: Type.Array(SourceRuleView) }, { additionalProperties: false }),
    hash: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    author: Type.String(),
  },
  { additionalProperties: false, title: 'DriftAuthority' },
);
export type AuthorityView = Static<typeof AuthorityView>;

export const AuthorityApplied = Type.Object(
  {
    ...AuthorityView.properties,
    created: Type.Boolean({ description: 'false when the newest version already held these rules' }),
  },
  { additionalProperties: false, title: 'DriftAuthorityApplied' },
);
export type AuthorityApplied = Static<typeof AuthorityApplied>;
