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
