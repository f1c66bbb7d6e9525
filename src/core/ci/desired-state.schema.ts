import { Type, type Static } from '@sinclair/typebox';
import { Fields, KeyedBy, ListOrNone, NonEmptyText } from '../shared/schema-words.js';

/**
 * The shape of the desired-state document (`cairn apply`, imports, observed items); the rule
 * that attributes hold only JSON values is in desired-state-input.ts.
 */

export const MAX_NAME_LENGTH = 255;

/**
 * Characters that change how a name looks without being seen: bidirectional overrides, embeddings
 * and isolates (which can make a name read backwards), marks and zero-width characters (which make
 * two names that print the same).
 */
const INVISIBLE = '\\u061c\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u2069\\ufeff';

const Name = NonEmptyText({
  allOf: [
    { maxLength: MAX_NAME_LENGTH },
    { pattern: '^[^\\u0000-\\u001f]*$', 'x-message': 'must not contain control characters' },
    {
      pattern: `^[^${INVISIBLE}]*$`,
      'x-message': 'must not contain bidirectional controls or zero-width characters',
    },
    // `.` and `..` read as path steps in URLs and files (`/cis/server/..`): never a name.
    { not: { enum: ['.', '..'] }, 'x-message': 'must not be . or ..' },
  ],
});
const Ref = Type.String({
  pattern: '/',
  'x-message': 'must be a CI reference written class/name',
  'x-required': 'must be a CI reference written class/name',
});
const Attributes = Type.Union([KeyedBy(Type.Unknown()), Type.Null()], {
  'x-message': 'must be a mapping',
});
const LabelValue = Type.Union(
  [Type.String({ pattern: '^[^\\u0000]*$', 'x-message': 'must not contain NUL characters' }), Type.Null()],
  {
    'x-message': 'must be a string (or null to remove it)',
  },
);
const Labels = Type.Union(
  [
    KeyedBy(LabelValue, {
      propertyNames: { minLength: 1, pattern: '^[^\\u0000]*$', 'x-message': 'has an empty or invalid label name' },
    }),
    Type.Null(),
  ],
  { 'x-message': 'must be a mapping of label names to strings' },
);
// `id` and `revision` are accepted (export writes them) and ignored.
const ReadOnly = { id: Type.Optional(Type.Unknown()), revision: Type.Optional(Type.Unknown()) };

export const DesiredCiDocument = Fields(
  {
    class: Name,
    name: Name,
    status: Type.Optional(Type.Union([NonEmptyText(), Type.Null()], { 'x-message': 'must be a non-empty string' })),
    attributes: Type.Optional(Attributes),
    labels: Type.Optional(Labels),
    ...ReadOnly,
  },
  {
    title: 'DesiredCi',
    'x-message': 'must be a mapping with class and name',
    'x-unknown': 'is not a known CI field (class, name, status, attributes, labels)',
  },
);

export const DesiredRelationDocument = Fields(
  { type: Name, from: Ref, to: Ref, attributes: Type.Optional(Attributes), ...ReadOnly },
  {
    title: 'DesiredRelation',
    'x-message': 'must be a mapping with type, from and to',
    'x-unknown': 'is not a known relationship field (type, from, to, attributes)',
  },
);

export const DesiredStateDocument = Fields(
  {
    cis: ListOrNone(DesiredCiDocument),
    relations: ListOrNone(DesiredRelationDocument),
    classes: ListOrNone(Type.Unknown()),
    relationTypes: ListOrNone(Type.Unknown()),
    delete: Type.Optional(
      Type.Union(
        [
          Fields(
            {
              cis: ListOrNone(Type.String({ pattern: '/', 'x-message': 'must be a CI reference written class/name' })),
              relations: ListOrNone(DesiredRelationDocument),
            },
            { 'x-unknown': 'is not a known field (expected cis, relations)' },
          ),
          Type.Null(),
        ],
        { 'x-message': 'must be a mapping with `cis` and/or `relations`' },
      ),
    ),
  },
  {
    title: 'DesiredState',
    'x-message': 'must be a mapping with `cis` and/or `relations`',
    'x-unknown': 'is not a known field (expected cis, relations, classes, relationTypes)',
  },
);
export type DesiredStateDocument = Static<typeof DesiredStateDocument>;
