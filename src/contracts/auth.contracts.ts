import { Type, type Static } from '@sinclair/typebox';
import { ACTIONS, ROLES } from '../core/auth/permissions.js';
import { Page } from './common.js';

export const RoleName = Type.Union(
  ROLES.map((r) => Type.Literal(r)),
  { title: 'Role' },
);
export type RoleName = Static<typeof RoleName>;

/** What an endpoint does, in the words of the permission table (docs/api.md). */
export const ActionName = Type.Union(
  ACTIONS.map((a) => Type.Literal(a)),
  { title: 'Action' },
);
export type ActionName = Static<typeof ActionName>;

export const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const SessionView = Type.Object(
  {
    name: Type.String(),
    kind: Type.String(),
    roles: Type.Array(Type.String()),
    actions: Type.Array(ActionName, {
      description: 'What the roles allow, so that a client offers only those; the server checks again',
    }),
    csrfToken: Type.Optional(
      Type.String({ description: 'Send it back in the X-CSRF-Token header on writes made with the session cookie' }),
    ),
    expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { title: 'Session' },
);
export type SessionView = Static<typeof SessionView>;

export const TokenView = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    role: Type.String(),
    createdBy: Type.String(),
    createdAt: Type.String(),
    expiresAt: Type.Union([Type.String(), Type.Null()]),
    revokedAt: Type.Union([Type.String(), Type.Null()]),
    lastUsedAt: Type.Union([Type.String(), Type.Null()]),
  },
  { title: 'ApiToken' },
);
export type TokenView = Static<typeof TokenView>;
export const TokenPage = Page(TokenView, 'ApiTokenPage');
export const TokenCreated = Type.Composite(
  [TokenView, Type.Object({ token: Type.String({ description: 'Shown once; only its hash is stored' }) })],
  { title: 'ApiTokenCreated' },
);
export type TokenCreated = Static<typeof TokenCreated>;
export const CreateTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 64 }),
    role: RoleName,
    expires: Type.Optional(Type.String({ description: '30d, 12h, 2w, never or an ISO time; default 90d' })),
  },
  { additionalProperties: false },
);
export type CreateTokenBody = Static<typeof CreateTokenBody>;
export const TokenParams = Type.Object({ id: Type.String({ minLength: 1 }) });

const UserSource = Type.Union([Type.Literal('local'), Type.Literal('provider')], {
  description: 'local: signs in with a password kept by Cairn; provider: signs in at the identity provider',
});
export const UserView = Type.Object(
  {
    username: Type.String(),
    roles: Type.Array(Type.String(), {
      description: 'what the user may do: the roles an admin assigned and those the provider gave at the last sign-in',
    }),
    assignedRoles: Type.Array(Type.String(), { description: 'the roles an admin assigned' }),
    createdAt: Type.String(),
    disabled: Type.Boolean(),
    source: UserSource,
    lastSignInAt: Type.Union([Type.String(), Type.Null()], {
      description: 'the last sign-in at the identity provider',
    }),
  },
  { title: 'User' },
);
export type UserView = Static<typeof UserView>;
export const CreateUserBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 1024,
        description: 'required for a local user; absent for one of the provider',
      }),
    ),
    roles: Type.Array(RoleName, { minItems: 1 }),
    source: Type.Optional(UserSource),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;
export const UpdateUserBody = Type.Object(
  {
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
    roles: Type.Optional(Type.Array(RoleName, { minItems: 1 })),
    disabled: Type.Optional(Type.Boolean()),
    source: Type.Optional(UserSource),
  },
  { additionalProperties: false },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;
export const UserParams = Type.Object({ username: Type.String({ minLength: 1 }) });
