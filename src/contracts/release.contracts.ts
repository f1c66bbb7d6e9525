import { Type, type Static } from '@sinclair/typebox';
import { RELEASE_STATES } from '../core/release/release.types.js';
import { ReleaseFields } from '../core/release/release-document.schema.js';
import { Fields, NonEmptyText } from '../core/shared/schema-words.js';
import { JsonObject } from './common.js';

/** Releases over HTTP: `GET/POST /releases`, one release, approve and reject. */

const State = Type.Union(
  RELEASE_STATES.map((s) => Type.Literal(s)),
  { description: 'proposed → approved | rejected' },
);

export const ReleaseView = Type.Object(
  {
    id: Type.String(),
    service: Type.String({ description: 'the service’s CI, class/name' }),
    version: Type.String({ description: 'a semantic version' }),
    notes: Type.String(),
    artifacts: Type.Array(
      Type.Object({
        name: Type.String(),
        digest: Type.String(),
        location: Type.String(),
        dependencies: Type.Optional(Type.Array(Type.Object({ name: Type.String(), version: Type.String() }))),
      }),
    ),
    updates: Type.Object(
      { cis: Type.Array(JsonObject), relations: Type.Array(JsonObject) },
      { description: 'the CI updates it makes in an environment (apply format): the service’s version, and its plan' },
    ),
    state: State,
    requestedBy: Type.String(),
    createdAt: Type.String(),
    decidedBy: Type.Union([Type.String(), Type.Null()]),
    decidedAt: Type.Union([Type.String(), Type.Null()]),
    decisionComment: Type.Union([Type.String(), Type.Null()]),
  },
  { title: 'Release' },
);
export type ReleaseView = Static<typeof ReleaseView>;

/** Newest version first; `total` counts every release that matched. */
export const ReleasePage = Type.Object(
  { items: Type.Array(ReleaseView), total: Type.Integer() },
  { title: 'ReleasePage' },
);
export type ReleasePage = Static<typeof ReleasePage>;

/** `POST /releases`: the service and version, and release.yaml's fields. */
export const CreateReleaseBody = Fields(
  { service: NonEmptyText(), version: NonEmptyText(), ...ReleaseFields },
  { title: 'CreateRelease' },
);
export type CreateReleaseBody = Static<typeof CreateReleaseBody>;

export const ReleaseQuery = Type.Object({
  service: Type.Optional(Type.String({ description: 'class/name of one service' })),
  state: Type.Optional(State),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
});
export type ReleaseQuery = Static<typeof ReleaseQuery>;

export const ReleaseParams = Type.Object({
  class: Type.String({ pattern: '^[a-z][a-z0-9_]*$' }),
  name: Type.String({ minLength: 1, maxLength: 255 }),
  version: Type.String({ minLength: 1, maxLength: 256 }),
});
export type ReleaseParams = Static<typeof ReleaseParams>;

export const ReleaseDecisionBody = Type.Object({
  comment: Type.Optional(Type.String({ maxLength: 4000, description: 'required to reject' })),
});
export type ReleaseDecisionBody = Static<typeof ReleaseDecisionBody>;
