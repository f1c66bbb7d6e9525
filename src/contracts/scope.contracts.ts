import { Type, type Static } from '@sinclair/typebox';

/**
 * What a partial or scoped input covers (an import, a drift observation): outside it, not naming a
 * CI says nothing, so `prune` retires nothing there and drift reports nothing missing there.
 */
export const InputScopeView = Type.Object(
  {
    classes: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
        minItems: 1,
        maxItems: 500,
        description: 'Only CIs of these classes (and subclasses) can be missing',
      }),
    ),
    sources: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
        minItems: 1,
        maxItems: 500,
        description: 'Only CIs and relationships these sources wrote can be missing',
      }),
    ),
    partial: Type.Optional(
      Type.Boolean({
        description:
          'The input is part of what its source sees: only the classes and relationship types it holds are covered',
      }),
    ),
  },
  { additionalProperties: false, title: 'InputScope' },
);
export type InputScopeView = Static<typeof InputScopeView>;
