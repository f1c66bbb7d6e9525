import { Type, type Static } from '@sinclair/typebox';
import { CiRefText, Fields, NonEmptyText, Word } from '../shared/schema-words.js';
import { INCIDENT_SEVERITIES } from './incident.types.js';

/** The shapes of an incident as people and the API give it (`cairn incident record`, `POST /incidents`). */

const Time = Type.String({ minLength: 1, maxLength: 64, 'x-message': 'must be an ISO-8601 time' });
const NullableTime = Type.Union([Time, Type.Null()], { 'x-message': 'must be an ISO-8601 time or null' });

export const TicketDocument = Fields(
  {
    system: Type.String({
      pattern: '^[a-z][a-z0-9_-]{0,31}$',
      'x-message': 'must be a lower-case word, e.g. servicenow, jira, glpi, zammad',
    }),
    key: NonEmptyText({ maxLength: 200 }),
    url: Type.Optional(Type.Union([Type.String({ maxLength: 2048 }), Type.Null()])),
  },
  { title: 'Ticket' },
);

const CauseFields = {
  change: Type.Optional(
    Type.Union([
      Type.String({ pattern: '^CHG-[0-9]+$', 'x-message': 'must be a change reference CHG-n' }),
      Type.Null(),
    ]),
  ),
  deployment: Type.Optional(
    Type.Union([
      Type.String({ pattern: '^dep_[0-9A-Za-z]+$', 'x-message': 'must be a deployment id dep_…' }),
      Type.Null(),
    ]),
  ),
};

/** A new incident: the service hurt, what happened, how badly, since when; the cause when known. */
export const IncidentDocument = Fields(
  {
    service: { ...CiRefText, maxLength: 512 },
    title: NonEmptyText({ maxLength: 500 }),
    severity: Word(INCIDENT_SEVERITIES),
    startedAt: Time,
    endedAt: Type.Optional(NullableTime),
    ticket: Type.Optional(Type.Union([TicketDocument, Type.Null()])),
    ...CauseFields,
  },
  { title: 'IncidentDocument' },
);
export type IncidentDocument = Static<typeof IncidentDocument>;

/** What an update may set; keys left out keep their value, `endedAt: null` reopens. */
export const IncidentPatch = Fields(
  {
    title: Type.Optional(NonEmptyText({ maxLength: 500 })),
    severity: Type.Optional(Word(INCIDENT_SEVERITIES)),
    startedAt: Type.Optional(Time),
    endedAt: Type.Optional(NullableTime),
    ticket: Type.Optional(Type.Union([TicketDocument, Type.Null()])),
  },
  { title: 'IncidentPatch' },
);
export type IncidentPatch = Static<typeof IncidentPatch>;

/** The cause an incident is traced to: a change, a deployment, or both. */
export const IncidentLink = Fields(CauseFields, { title: 'IncidentLink' });
export type IncidentLink = Static<typeof IncidentLink>;
