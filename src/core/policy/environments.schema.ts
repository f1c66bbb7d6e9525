import { Type, type Static } from '@sinclair/typebox';
import { Fields, NonEmptyText, OptionalText, TextList } from '../shared/schema-words.js';
import { FreezeWindowDocument } from './windows.schema.js';

/** The shape of environments.yaml (and of the API's body); environments-input.ts adds the rules across fields. */

const Requirement = Fields({
  group: NonEmptyText(),
  quorum: Type.Optional(Type.Integer({ minimum: 1, 'x-message': 'must be a whole number of at least 1' })),
});

const EnvironmentDocument = Fields(
  {
    name: NonEmptyText(),
    description: Type.Optional(OptionalText),
    require: Type.Optional(Type.Array(Requirement, { 'x-message': 'must be a list of { group, quorum }' })),
    controlled: Type.Optional(Type.Boolean({ 'x-message': 'must be true or false' })),
    freeze: Type.Optional(TextList),
    windows: Type.Optional(Type.Array(FreezeWindowDocument, { 'x-message': 'must be a list of freeze windows' })),
  },
  { title: 'Environment' },
);

export const EnvironmentsDocument = Fields(
  {
    environments: Type.Array(EnvironmentDocument, {
      minItems: 1,
      'x-message': 'must be a list of at least one environment',
      'x-required': 'is required: the environments in promotion order',
    }),
  },
  { title: 'EnvironmentsDocument' },
);
export type EnvironmentsDocument = Static<typeof EnvironmentsDocument>;
