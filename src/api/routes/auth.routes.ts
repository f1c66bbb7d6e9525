import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { effectiveRoles, type ApiToken, type UserCredentials } from '../../core/auth/auth.types.js';
import { ACTIONS, mayDo, type Role } from '../../core/auth/permissions.js';
import { Empty, IdempotencyHeaders, PageQuery, responses } from '../../contracts/common.js';
import {
  CreateTokenBody,
  CreateUserBody,
  LoginBody,
  SessionView,
  TokenCreated,
  TokenPage,
  TokenParams,
  TokenView,
  UpdateUserBody,
  UserParams,
  UserView,
} from '../../contracts/auth.contracts.js';
import type {
  CreateTokenBody as TokenBody,
  CreateUserBody as UserBody,
  LoginBody as Login,
  UpdateUserBody as UserPatch,
} from '../../contracts/auth.contracts.js';
import { HttpProblem } from '../errors.js';
import { cookie, CSRF_COOKIE, principalOf, readCookie, SESSION_COOKIE, setSessionCookies } from '../request-context.js';
import type { ApiServices } from '../services.js';

/** Sessions (password login), API tokens and users. */
export function authRoutes(
  app: FastifyInstance,
  s: ApiServices,
  options: { secureCookies: 'auto' | boolean; localLogin: boolean },
): void {
  app.post<{ Body: Login }>(
    '/api/v1/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in with a password: sets the session cookie, returns the CSRF token',
        security: [],
        body: LoginBody,
        response: responses({ 200: SessionView }, [429]),
        description: 'Refused with LOCAL_LOGIN_DISABLED (403) when the server allows single sign-on only.',
      },
      config: { public: true },
    },
    async (req, reply) => {
      if (!options.localLogin)
        throw new HttpProblem(
          'LOCAL_LOGIN_DISABLED',
          'sign-in with a password is switched off on this server: sign in at the identity provider, or use an API token',
        );
      const tried = await s.loginThrottle.attempt(req.body.username, req.ip, () =>
        s.auth.login(req.body.username, req.body.password),
      );
      if (!tried.ok) {
        const wait = tried.throttled.retryAfterSeconds;
        const who = tried.throttled.limit === 'account' ? `for ${req.body.username}` : `from your address`;
        throw new HttpProblem(
          'TOO_MANY_LOGIN_ATTEMPTS',
          `too many failed logins ${who}: try again in ${wait} seconds`,
          undefined,
          { 'retry-after': String(wait) },
        );
      }
      const session = tried.value;
      setSessionCookies(
        reply,
        session,
        options.secureCookies === 'auto' ? req.protocol === 'https' : options.secureCookies,
      );
      return {
        name: session.principal.name,
        kind: 'user',
        roles: session.principal.roles,
        actions: allowed(session.principal.roles),
        csrfToken: session.csrf,
        expiresAt: session.expiresAt,
      };
    },
  );

  app.get(
    '/api/v1/session',
    {
      schema: { tags: ['auth'], summary: 'Who the caller is', response: responses({ 200: SessionView }) },
      config: { action: 'cmdb:read' },
    },
    async (req) => {
      const p = principalOf(req);
      return { name: p.name, kind: p.kind, roles: p.roles, actions: allowed(p.roles), csrfToken: p.csrf };
    },
  );

  app.delete(
    '/api/v1/session',
    {
      schema: { tags: ['auth'], summary: 'Log out: ends the session', response: responses({ 204: Empty }) },
      config: { action: 'cmdb:read' },
    },
    async (req, reply) => {
      const id = readCookie(req.headers.cookie, SESSION_COOKIE);
      if (id) await s.auth.logout(id);
      reply.header('set-cookie', [
        cookie(SESSION_COOKIE, '', { httpOnly: true, secure: false, maxAgeSeconds: 0 }),
        cookie(CSRF_COOKIE, '', { httpOnly: false, secure: false, maxAgeSeconds: 0 }),
      ]);
      return reply.code(204).send();
    },
  );

  app.get<{ Querystring: { limit?: number; cursor?: string } }>(
    '/api/v1/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'API tokens, oldest first (never their values)',
        querystring: PageQuery,
        response: responses({ 200: TokenPage }),
      },
      config: { action: 'token:manage' },
    },
    async (req) => s.auth.tokenPage(req.query),
  );

  app.post<{ Body: TokenBody }>(
    '/api/v1/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create an API token; its value is returned once',
        headers: IdempotencyHeaders,
        body: CreateTokenBody,
        response: responses({ 201: TokenCreated }, [409, 422]),
      },
      config: { action: 'token:manage' },
    },
    async (req, reply) => {
      const { token, record } = await s.auth.createToken({ ...req.body, createdBy: principalOf(req).name });
      reply.code(201);
      return { ...tokenView(record), token };
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/v1/tokens/:id',
    {
      schema: {
        tags: ['auth'],
        summary: 'Revoke an API token (by id or name)',
        params: TokenParams,
        response: responses({ 200: TokenView }, [404]),
      },
      config: { action: 'token:manage' },
    },
    async (req) => tokenView(await s.auth.revokeToken(req.params.id)),
  );

  app.get(
    '/api/v1/users',
    {
      schema: {
        tags: ['auth'],
        summary: 'Users who can log in, with their roles',
        response: responses({ 200: Type.Array(UserView) }),
      },
      config: { action: 'user:manage' },
    },
    async () => (await s.auth.listUsers()).map(userView),
  );

  app.post<{ Body: UserBody }>(
    '/api/v1/users',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Create a user with a password and roles, or one of the identity provider (roles assigned before the first sign-in)',
        headers: IdempotencyHeaders,
        body: CreateUserBody,
        response: responses({ 201: UserView }, [409, 422]),
      },
      config: { action: 'user:manage' },
    },
    async (req, reply) => {
      const user = await s.auth.createUser(req.body);
      reply.code(201).header('location', `/api/v1/users/${encodeURIComponent(user.username)}`);
      return userView(user);
    },
  );

  app.patch<{ Params: { username: string }; Body: UserPatch }>(
    '/api/v1/users/:username',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Change a user’s password, roles or disabled flag, or move them between a password (local) and the identity provider (provider)',
        params: UserParams,
        body: UpdateUserBody,
        response: responses({ 200: UserView }, [404]),
      },
      config: { action: 'user:manage' },
    },
    async (req) => {
      // A user changing their own password from a session keeps that session; their others end.
      const own =
        principalOf(req).name === req.params.username ? readCookie(req.headers.cookie, SESSION_COOKIE) : undefined;
      return userView(await s.auth.updateUser(req.params.username, req.body, own));
    },
  );
}

/** The actions the roles permit: the web UI offers only those (the server checks each call again). */
function allowed(roles: readonly Role[]) {
  return ACTIONS.filter((action) => mayDo(roles, action));
}

function tokenView(t: ApiToken) {
  return { ...t };
}

function userView(u: UserCredentials) {
  return {
    username: u.username,
    roles: effectiveRoles(u),
    assignedRoles: u.roles,
    createdAt: u.createdAt,
    disabled: u.disabled,
    source: u.source,
    lastSignInAt: u.lastSignInAt,
  };
}
