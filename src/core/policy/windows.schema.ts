import { Type, type Static } from '@sinclair/typebox';
import { Fields, NonEmptyText, TextList } from '../shared/schema-words.js';

/** The shape of policy.yaml's `freeze:` and `maintenance:` windows; windows-input.ts reads their times and RRULEs. */

const START_HINT = 'must be an ISO-8601 time with a zone, e.g. 2026-12-20T00:00:00Z';

const windowFields = {
  name: NonEmptyText(),
  // Instants are read by the rules (a YAML or JSON time, with a zone), not by the schema.
  start: Type.Unknown({ 'x-required': START_HINT, description: 'an ISO-8601 time with a zone' }),
  end: Type.Optional(Type.Unknown({ description: 'an ISO-8601 time with a zone, after start' })),
  duration: Type.Optional(
    Type.String({ 'x-message': 'must be an ISO-8601 duration in weeks, days, hours or minutes, e.g. PT4H or P1D' }),
  ),
  rrule: Type.Optional(Type.String({ 'x-message': 'must be an RRULE string, e.g. FREQ=WEEKLY;BYDAY=SA' })),
  description: Type.Optional(Type.String()),
};

export const FreezeWindowDocument = Fields(
  {
    ...windowFields,
    scope: Type.Optional(Fields({ services: Type.Optional(TextList), environments: Type.Optional(TextList) })),
  },
  { title: 'FreezeWindow' },
);
export type FreezeWindowDocument = Static<typeof FreezeWindowDocument>;

export const MaintenanceWindowDocument = Fields(
  { ...windowFields, cis: Type.Optional(TextList), services: Type.Optional(TextList) },
  { title: 'MaintenanceWindow' },
);
export type MaintenanceWindowDocument = Static<typeof MaintenanceWindowDocument>;
