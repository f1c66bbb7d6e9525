import { Type, type Static } from '@sinclair/typebox';
import { Fields, NonEmptyText, OptionalText, TextList } from '../shared/schema-words.js';

/** The shape of a standard-change template in policy.yaml's `templates:` catalog. */
export const TemplateDocument = Fields(
  {
    name: NonEmptyText(),
    description: Type.Optional(OptionalText),
    classes: Type.Array(
      Fields({
        class: NonEmptyText(),
        attributes: Type.Optional(TextList),
        statuses: Type.Optional(TextList),
        labels: Type.Optional(Type.Boolean()),
      }),
      { minItems: 1, 'x-message': 'must allow at least one class', 'x-required': 'must allow at least one class' },
    ),
    relations: Type.Optional(TextList),
  },
  { title: 'StandardTemplate' },
);
export type TemplateDocument = Static<typeof TemplateDocument>;
