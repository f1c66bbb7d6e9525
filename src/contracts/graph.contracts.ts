import { Type, type Static } from '@sinclair/typebox';
import {
  DEFAULT_NEIGHBOURHOOD_LIMIT,
  MAX_NEIGHBOURHOOD_DEPTH,
  MAX_NEIGHBOURHOOD_LIMIT,
} from '../core/graph/neighbourhood.js';
import { AtQuery } from './common.js';

const CiRefText = Type.String({ pattern: '^[a-z][a-z0-9_]*/.+$', description: 'class/name' });

/** How far and how much: shared by the one-CI and the many-CI routes. */
const NeighbourhoodOptions = Type.Composite([
  AtQuery,
  Type.Object({
    depth: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_NEIGHBOURHOOD_DEPTH,
        default: 2,
        description: 'How many relationships away, either way',
      }),
    ),
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_NEIGHBOURHOOD_LIMIT,
        default: DEFAULT_NEIGHBOURHOOD_LIMIT,
        description: 'The most CIs to answer; past it the nearest are kept and `truncated` is true',
      }),
    ),
  }),
]);

export const CiNeighbourhoodQuery = NeighbourhoodOptions;
export type CiNeighbourhoodQuery = Static<typeof CiNeighbourhoodQuery>;

export const NeighbourhoodQuery = Type.Composite([
  NeighbourhoodOptions,
  Type.Object({
    ci: Type.Array(CiRefText, {
      minItems: 1,
      maxItems: 100,
      description: 'class/name, repeatable; one that does not exist at that point is named in `missing`',
    }),
  }),
]);
export type NeighbourhoodQuery = Static<typeof NeighbourhoodQuery>;

export const Neighbourhood = Type.Object(
  {
    roots: Type.Array(Type.String(), { description: 'The CIs asked for that exist at that point' }),
    missing: Type.Array(Type.String(), {
      description: 'CIs asked for that do not exist at that point (one a change would create), left out',
    }),
    depth: Type.Integer(),
    revision: Type.Integer({ description: 'The revision the answer is as of (the head for the current state)' }),
    limit: Type.Integer(),
    truncated: Type.Boolean({ description: 'CIs within the depth were left out to stay within `limit`' }),
    nodes: Type.Array(
      Type.Object({
        ref: Type.String(),
        class: Type.String(),
        depth: Type.Integer({ description: 'Relationships from the nearest root (0: a root)' }),
        impacted: Type.Boolean({ description: 'A change to the roots affects it' }),
      }),
      { description: 'Nearest first' },
    ),
    edges: Type.Array(Type.Object({ type: Type.String(), from: Type.String(), to: Type.String() })),
  },
  { title: 'Neighbourhood' },
);
export type Neighbourhood = Static<typeof Neighbourhood>;
