import { Type, type Static } from '@sinclair/typebox';
import { CHANGE_TYPES } from '../lifecycle/change-lifecycle.js';
import { RISK_LEVELS } from '../risk/risk.types.js';
import {
  Fields,
  KeyedBy,
  ListOf,
  ListOrNone,
  NonEmptyText,
  OptionalText,
  TextList,
  Word,
} from '../shared/schema-words.js';
import { TemplateDocument } from './templates.schema.js';
import { FreezeWindowDocument, MaintenanceWindowDocument } from './windows.schema.js';

/** The shape of policy.yaml (and of the API's policy body); policy-input.ts adds the rules across fields. */

const Requirement = Fields({
  group: NonEmptyText(),
  quorum: Type.Optional(Type.Integer({ minimum: 1, 'x-message': 'must be a whole number of at least 1' })),
});

const Match = Fields({
  type: Type.Optional(ListOf(Word(CHANGE_TYPES), `must be one of ${CHANGE_TYPES.join(', ')}`)),
  risk: Type.Optional(ListOf(Word(RISK_LEVELS), `must be one of ${RISK_LEVELS.join(', ')}`)),
  class: Type.Optional(TextList),
  environment: Type.Optional(TextList),
  labels: Type.Optional(KeyedBy(Type.String())),
});

const Points = Type.Number({ minimum: 0, 'x-message': 'must be a number of points, 0 or more' });
const Clock = Type.String({
  pattern: '^(([01]\\d|2[0-3]):[0-5]\\d|24:00)$',
  'x-message': 'must be a time HH:MM, e.g. 08:00',
});

const Risk = Fields({
  thresholds: Type.Optional(
    Fields({ medium: Type.Optional(Points), high: Type.Optional(Points), veryHigh: Type.Optional(Points) }),
  ),
  businessHours: Type.Optional(
    Fields({
      days: Type.Optional(
        Type.Array(
          Type.Integer({ minimum: 1, maximum: 7, 'x-message': 'must be an ISO weekday, 1 (Monday) to 7 (Sunday)' }),
          {
            'x-message': 'must be a list of ISO weekdays, 1 (Monday) to 7 (Sunday)',
          },
        ),
      ),
      start: Type.Optional(Clock),
      end: Type.Optional(Clock),
      utcOffsetMinutes: Type.Optional(
        Type.Integer({
          minimum: -840,
          maximum: 840,
          'x-message': 'must be whole minutes east of UTC, between -840 and 840',
        }),
      ),
    }),
  ),
});

export const PolicyDocument = Fields(
  {
    groups: ListOrNone(
      Fields({
        name: NonEmptyText(),
        members: Type.Optional(TextList),
        description: Type.Optional(OptionalText),
        fromProvider: Type.Optional(Type.Boolean({ 'x-message': 'must be true or false' })),
      }),
    ),
    rules: ListOrNone(
      Fields({
        name: Type.Optional(Type.String()),
        match: Type.Optional(Match),
        require: Type.Optional(Type.Array(Requirement, { 'x-message': 'must be a list of { group, quorum }' })),
        cab: Type.Optional(Type.Boolean()),
      }),
    ),
    cab: Type.Optional(Requirement),
    emergency: Type.Optional(Requirement),
    control: Type.Optional(Fields({ environments: Type.Optional(TextList) })),
    freeze: ListOrNone(FreezeWindowDocument),
    maintenance: ListOrNone(MaintenanceWindowDocument),
    risk: Type.Optional(Risk),
    templates: ListOrNone(TemplateDocument),
  },
  { title: 'PolicyDocument', 'x-message': 'must be a mapping with groups and rules' },
);
export type PolicyDocument = Static<typeof PolicyDocument>;
