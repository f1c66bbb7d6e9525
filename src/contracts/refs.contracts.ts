import { Type, type Static } from '@sinclair/typebox';
import { MAX_PAGE, Page } from './common.js';

export const UnresolvedRefsQuery = Type.Object({
  state: Type.Optional(
    Type.Union([Type.Literal('unresolved'), Type.Literal('resolved'), Type.Literal('all')], {
      default: 'unresolved',
      description: 'Those still waiting for their target (default), those resolved into relationships, or both',
    }),
  ),
  ci: Type.Optional(
    Type.String({ minLength: 3, maxLength: 600, description: 'Only references from or to this CI (`class/name`)' }),
  ),
  source: Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, description: 'Only those this import source read' }),
  ),
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 100, description: `Page size, at most ${MAX_PAGE}` }),
  ),
  cursor: Type.Optional(Type.String({ description: 'The nextCursor of the previous page' })),
});
export type UnresolvedRefsQuery = Static<typeof UnresolvedRefsQuery>;

export const UnresolvedRefView = Type.Object(
  {
    id: Type.String(),
    source: Type.String({ description: 'The import source that read it' }),
    type: Type.String({ description: 'The relationship type (or inverse name) the input gave' }),
    from: Type.String(),
    to: Type.String(),
    missing: Type.String({ description: 'The end (`class/name`) no CI answered to when it was read' }),
    file: Type.String(),
    location: Type.Optional(Type.String()),
    recordedAt: Type.String({ format: 'date-time' }),
    resolvedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    resolvedRev: Type.Union([Type.Integer(), Type.Null()], {
      description: 'The revision that wrote it as a relationship; null while it waits',
    }),
  },
  { title: 'UnresolvedReference' },
);
export type UnresolvedRefView = Static<typeof UnresolvedRefView>;

export const UnresolvedRefPage = Page(UnresolvedRefView, 'UnresolvedReferencePage');
export type UnresolvedRefPage = Static<typeof UnresolvedRefPage>;
