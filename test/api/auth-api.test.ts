/* eslint-disable @typescript-eslint/no-unsafe-call -- response bodies are untyped JSON */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { PERMISSIONS, ROLES, type Action } from '../../src/core/auth/permissions.js';
import { engines } from '../helpers/engines.js';
import { newApi, problemOf, type ApiHarness } from './api-harness.js';

/** One request per permission class; the role table decides who gets past 401/403. */
const ENDPOINTS: { action: Action; req: InjectOptions }[] = [
  { action: 'cmdb:read', req: { url: '/api/v1/cis' } },
  { action: 'cmdb:read', req: { url: '/api/v1/cis/server/web-01' } },
  { action: 'cmdb:read', req: { url: '/api/v1/revisions' } },
  { action: 'cmdb:read', req: { url: '/api/v1/impact?ci=server/web-01' } },
  { action: 'cmdb:plan', req: { method: 'POST', url: '/api/v1/plan', payload: { cis: [] } } },
  { action: 'cmdb:write', req: { method: 'POST', url: '/api/v1/apply', payload: { cis: [] } } },
  { action: 'cmdb:write', req: { method: 'PUT', url: '/api/v1/cis/software/x', payload: {} } },
  { action: 'cmdb:write', req: { method: 'POST', url: '/api/v1/delete', payload: { cis: ['software/none'] } } },
  { action: 'model:write', req: { method: 'POST', url: '/api/v1/classes/apply', payload: {} } },
  { action: 'baseline:create', req: { method: 'POST', url: '/api/v1/baselines', payload: { name: '' } } },
  { action: 'audit:verify', req: { url: '/api/v1/audit/verify' } },
  { action: 'audit:verify', req: { method: 'POST', url: '/api/v1/audit/verifications' } },
  { action: 'audit:verify', req: { url: '/api/v1/audit/verifications' } },
  { action: 'change:read', req: { url: '/api/v1/changes' } },
  { action: 'change:request', req: { method: 'POST', url: '/api/v1/changes', payload: { title: '' } } },
  { action: 'change:read', req: { url: '/api/v1/policy' } },
  { action: 'change:read', req: { url: '/api/v1/cab/agenda' } },
  { action: 'change:read', req: { url: '/api/v1/cab/meetings' } },
  { action: 'change:approve', req: { method: 'POST', url: '/api/v1/cab/meetings', payload: {} } },
  { action: 'change:approve', req: { method: 'POST', url: '/api/v1/cab/meetings/cab_none/close' } },
  { action: 'change:read', req: { url: '/api/v1/changes/unauthorized' } },
  { action: 'change:read', req: { url: '/api/v1/workflow/groups' } },
  { action: 'change:manage', req: { method: 'POST', url: '/api/v1/policy', payload: {} } },
  { action: 'change:manage', req: { method: 'POST', url: '/api/v1/policy/check', payload: {} } },
  { action: 'cmdb:read', req: { url: '/api/v1/roles' } },
  { action: 'change:read', req: { url: '/api/v1/environments' } },
  { action: 'change:read', req: { url: '/api/v1/environments/versions' } },
  { action: 'environment:manage', req: { method: 'POST', url: '/api/v1/environments', payload: {} } },
  { action: 'environment:manage', req: { method: 'POST', url: '/api/v1/environments/check', payload: {} } },
  { action: 'release:read', req: { url: '/api/v1/releases' } },
  { action: 'release:read', req: { url: '/api/v1/releases/application/none/1.0.0' } },
  { action: 'release:request', req: { method: 'POST', url: '/api/v1/releases', payload: {} } },
  {
    action: 'release:approve',
    req: { method: 'POST', url: '/api/v1/releases/application/none/1.0.0/approve', payload: {} },
  },
  {
    action: 'release:approve',
    req: { method: 'POST', url: '/api/v1/releases/application/none/1.0.0/reject', payload: { comment: 'x' } },
  },
  { action: 'release:read', req: { url: '/api/v1/deployments' } },
  { action: 'release:read', req: { url: '/api/v1/releases/application/none/1.0.0/gates?environment=test' } },
  {
    action: 'release:deploy',
    req: { method: 'POST', url: '/api/v1/releases/application/none/1.0.0/promote', payload: { environment: 'test' } },
  },
  {
    action: 'release:deploy',
    req: { method: 'POST', url: '/api/v1/deployments/rollback', payload: { service: 'a/b', environment: 'test' } },
  },
  {
    action: 'promotion:approve',
    req: { method: 'POST', url: '/api/v1/releases/application/none/1.0.0/approvals', payload: { environment: 'test' } },
  },
  {
    action: 'gate:check',
    req: {
      method: 'POST',
      url: '/api/v1/gates/check',
      payload: { service: 'a/b', environment: 'test', release: '1.0.0' },
    },
  },
  { action: 'gate:check', req: { method: 'POST', url: '/api/v1/gates/report', payload: { result: 'success' } } },
  { action: 'incident:read', req: { url: '/api/v1/incidents' } },
  { action: 'incident:read', req: { url: '/api/v1/incidents/INC-1' } },
  {
    action: 'incident:record',
    req: {
      method: 'POST',
      url: '/api/v1/incidents',
      payload: { service: 'application/none', title: 't', severity: 'minor', startedAt: '2026-12-01T00:00:00Z' },
    },
  },
  { action: 'incident:record', req: { method: 'PATCH', url: '/api/v1/incidents/INC-1', payload: {} } },
  { action: 'incident:record', req: { method: 'POST', url: '/api/v1/incidents/INC-1/resolve', payload: {} } },
  { action: 'incident:record', req: { method: 'POST', url: '/api/v1/incidents/INC-1/link', payload: {} } },
  { action: 'incident:inbound', req: { method: 'POST', url: '/api/v1/incidents/inbound/jira', payload: {} } },
  { action: 'change:request', req: { method: 'POST', url: '/api/v1/revert', payload: { to: '1' } } },
  { action: 'change:request', req: { method: 'POST', url: '/api/v1/changes/CHG-999/replan', payload: {} } },
  { action: 'user:manage', req: { method: 'POST', url: '/api/v1/workflow/users', payload: { name: '' } } },
  {
    action: 'user:manage',
    req: { method: 'POST', url: '/api/v1/workflow/groups/none/members', payload: { user: 'x' } },
  },
  { action: 'drift:read', req: { url: '/api/v1/drift/suppressions' } },
  {
    action: 'drift:manage',
    req: { method: 'POST', url: '/api/v1/drift/check', payload: { source: 'probe', observed: { cis: [] } } },
  },
  { action: 'drift:manage', req: { method: 'POST', url: '/api/v1/drift/accept', payload: {} } },
  { action: 'webhook:manage', req: { url: '/api/v1/webhooks' } },
  { action: 'token:manage', req: { url: '/api/v1/tokens' } },
  { action: 'user:manage', req: { url: '/api/v1/users' } },
  { action: 'cmdb:read', req: { url: '/api/v1/export' } },
  {
    action: 'cmdb:plan',
    req: { method: 'POST', url: '/api/v1/import', payload: { source: 'x', cis: [], relations: [], dryRun: true } },
  },
  {
    action: 'cmdb:write',
    req: { method: 'POST', url: '/api/v1/import', payload: { source: 'x', cis: [], relations: [] } },
  },
  {
    action: 'model:write',
    req: {
      method: 'POST',
      url: '/api/v1/import',
      payload: { source: 'x', classes: [{ name: 'printer', parent: 'hardware' }], cis: [], relations: [] },
    },
  },
  {
    action: 'change:request',
    req: {
      method: 'POST',
      url: '/api/v1/import',
      payload: { source: 'x', cis: [], relations: [], asChange: { title: 't' } },
    },
  },
];

for (const harness of engines()) {
  describe(`authentication and roles on ${harness.engine}`, () => {
    let api: ApiHarness;
    beforeAll(async () => {
      api = await newApi(harness);
      await api.s.auth.createUser({
        username: 'alice',
        password: 'correct horse battery',
        roles: ['configuration_manager'],
      });
    });
    afterAll(async () => {
      await api.close();
      await harness.cleanup();
    });

    it.each(ENDPOINTS)('$req.method $req.url needs $action', async ({ action, req }) => {
      expect(problemOf(await api.call(null, req))).toMatchObject({ status: 401, code: 'AUTHENTICATION_REQUIRED' });
      for (const role of ROLES) {
        const res = await api.call(role, req);
        if (PERMISSIONS[action].includes(role)) expect(res.statusCode, `${role} should pass`).not.toBe(403);
        else expect(problemOf(res), `${role} should be refused`).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      }
    });

    it('refuses malformed, unknown, revoked and expired tokens', async () => {
      expect(
        problemOf(await api.app.inject({ url: '/api/v1/cis', headers: { authorization: 'Basic abc' } })).code,
      ).toBe('BAD_AUTHORIZATION');
      expect(
        problemOf(await api.app.inject({ url: '/api/v1/cis', headers: { authorization: 'Bearer nope' } })).code,
      ).toBe('BAD_TOKEN');
      const created = await api.call('admin', {
        method: 'POST',
        url: '/api/v1/tokens',
        payload: { name: 'pipeline', role: 'implementer', expires: '1d' },
      });
      expect(created.statusCode).toBe(201);
      const { token, id } = created.json();
      expect(token).toMatch(/^cairn_[0-9a-f]{12}_/);
      expect(
        (await api.app.inject({ url: '/api/v1/session', headers: { authorization: `Bearer ${token}` } })).json(),
      ).toMatchObject({ name: 'token:pipeline', roles: ['implementer'] });
      const listed = (await api.call('admin', { url: '/api/v1/tokens' })).json();
      expect(JSON.stringify(listed)).not.toContain(token);
      expect(
        problemOf(
          await api.call('admin', {
            method: 'POST',
            url: '/api/v1/tokens',
            payload: { name: 'pipeline', role: 'viewer' },
          }),
        ).code,
      ).toBe('TOKEN_EXISTS');
      expect(
        problemOf(
          await api.call('admin', { method: 'POST', url: '/api/v1/tokens', payload: { name: 'p2', role: 'root' } }),
        ).status,
      ).toBe(400);
      expect(
        problemOf(
          await api.call('admin', {
            method: 'POST',
            url: '/api/v1/tokens',
            payload: { name: 'p2', role: 'viewer', expires: 'soon' },
          }),
        ).code,
      ).toBe('INVALID_EXPIRY');
      expect((await api.call('admin', { method: 'DELETE', url: `/api/v1/tokens/${id}` })).json().revokedAt).toEqual(
        expect.any(String),
      );
      expect(
        problemOf(await api.app.inject({ url: '/api/v1/cis', headers: { authorization: `Bearer ${token}` } })).code,
      ).toBe('TOKEN_REVOKED');
      expect(problemOf(await api.call('admin', { method: 'DELETE', url: `/api/v1/tokens/${id}` })).status).toBe(404);
      const old = await api.s.auth.createToken({
        name: 'old',
        role: 'viewer',
        expires: new Date(Date.now() + 1000).toISOString(),
        createdBy: 't',
      });
      await new Promise((r) => setTimeout(r, 1100));
      expect(
        problemOf(await api.app.inject({ url: '/api/v1/cis', headers: { authorization: `Bearer ${old.token}` } })).code,
      ).toBe('TOKEN_EXPIRED');
    });

    it('logs in with a password: HttpOnly SameSite cookie, CSRF header needed for writes', async () => {
      expect(
        problemOf(
          await api.app.inject({
            method: 'POST',
            url: '/api/v1/session',
            payload: { username: 'alice', password: 'wrong password!' },
          }),
        ),
      ).toMatchObject({ status: 401, code: 'BAD_CREDENTIALS' });
      const login = await api.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { username: 'alice', password: 'correct horse battery' },
      });
      expect(login.statusCode).toBe(200);
      const cookies = login.headers['set-cookie'] as string[];
      expect(cookies[0]).toMatch(/^cairn_session=[^;]+; Path=\/; SameSite=Strict; Max-Age=\d+; HttpOnly$/);
      const session = cookies[0]!.split(';')[0]!;
      const { csrfToken } = login.json();
      expect((await api.app.inject({ url: '/api/v1/session', headers: { cookie: session } })).json()).toMatchObject({
        name: 'alice',
        kind: 'user',
        roles: ['configuration_manager'],
      });
      const write = {
        method: 'PUT' as const,
        url: '/api/v1/cis/software/by-alice',
        payload: { attributes: { version: '1' } },
      };
      expect(problemOf(await api.app.inject({ ...write, headers: { cookie: session } })).code).toBe(
        'CSRF_TOKEN_INVALID',
      );
      const ok = await api.app.inject({ ...write, headers: { cookie: session, 'x-csrf-token': csrfToken } });
      expect(ok.statusCode).toBe(201);
      expect((await api.call('viewer', { url: '/api/v1/revisions?ci=software/by-alice' })).json().items[0].author).toBe(
        'alice',
      );
      expect(
        (
          await api.app.inject({
            method: 'DELETE',
            url: '/api/v1/session',
            headers: { cookie: session, 'x-csrf-token': csrfToken },
          })
        ).statusCode,
      ).toBe(204);
      expect(problemOf(await api.app.inject({ url: '/api/v1/cis', headers: { cookie: session } })).code).toBe(
        'SESSION_EXPIRED',
      );
      const https = await api.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { username: 'alice', password: 'correct horse battery' },
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(https.statusCode).toBe(200);
    });

    it('rate-limits failed logins', async () => {
      await api.s.auth.createUser({ username: 'bob', password: 'bob password 123', roles: ['viewer'] });
      const attempt = (password: string) =>
        api.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'bob', password } });
      for (let i = 0; i < 5; i++) expect((await attempt('nope nope nope')).statusCode).toBe(401);
      const limited = await attempt('bob password 123');
      expect(problemOf(limited)).toMatchObject({ status: 429, code: 'TOO_MANY_LOGIN_ATTEMPTS' });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(
        problemOf(await api.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'bob' } }))
          .errors![0]!.path,
      ).toBe('body.password');
    });

    it('manages users', async () => {
      const created = await api.call('admin', {
        method: 'POST',
        url: '/api/v1/users',
        payload: { username: 'carol', password: 'carol password 1', roles: ['cab_member'] },
      });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ username: 'carol', roles: ['cab_member'], disabled: false });
      expect(
        problemOf(
          await api.call('admin', {
            method: 'POST',
            url: '/api/v1/users',
            payload: { username: 'carol', password: 'carol password 1', roles: ['viewer'] },
          }),
        ).status,
      ).toBe(409);
      expect(
        problemOf(
          await api.call('admin', {
            method: 'POST',
            url: '/api/v1/users',
            payload: { username: 'dan', password: 'short', roles: ['viewer'] },
          }),
        ).code,
      ).toBe('WEAK_PASSWORD');
      expect(
        (await api.call('admin', { method: 'PATCH', url: '/api/v1/users/carol', payload: { disabled: true } })).json()
          .disabled,
      ).toBe(true);
      expect(
        (
          await api.app.inject({
            method: 'POST',
            url: '/api/v1/session',
            payload: { username: 'carol', password: 'carol password 1' },
          })
        ).statusCode,
      ).toBe(401);
      expect(
        problemOf(
          await api.call('admin', { method: 'PATCH', url: '/api/v1/users/nobody', payload: { roles: ['viewer'] } }),
        ).status,
      ).toBe(404);
      expect(
        (await api.call('admin', { url: '/api/v1/users' })).json().map((u: { username: string }) => u.username),
      ).toContain('carol');
    });

    it.each([
      ['a percent sign that does not decode', 'cairn_session=%E0%A4%A'],
      ['a lone percent sign', 'cairn_session=%'],
      ['an empty value beside a valid-looking one', 'cairn_session=; other=1'],
    ])('answers a malformed session cookie (%s) with 401, not 500', async (_, cookie) => {
      expect(problemOf(await api.app.inject({ url: '/api/v1/cis', headers: { cookie } }))).toMatchObject({
        status: 401,
      });
    });

    it.each(['99999999999999d', '9999999w', '10000-01-01T00:00:00Z'])(
      'refuses a token expiry beyond year 9999 (%s) with 400',
      async (expires) => {
        expect(
          problemOf(
            await api.call('admin', {
              method: 'POST',
              url: '/api/v1/tokens',
              payload: { name: 'far', role: 'viewer', expires },
            }),
          ),
        ).toMatchObject({ status: 400, code: 'INVALID_EXPIRY', errors: [{ path: 'expires' }] });
      },
    );

    it.each([
      ['empty (refused by the request schema)', '', 'VALIDATION_FAILED'],
      ['only spaces', '            ', 'WEAK_PASSWORD'],
      ['too short once trimmed', '   short    ', 'WEAK_PASSWORD'],
      ['nine characters', '123456789', 'WEAK_PASSWORD'],
    ])('refuses a weak password (%s) on create and change, with a field error', async (_, password, code) => {
      const weak = { status: 400, code, errors: [{ path: expect.stringMatching(/password$/) as unknown }] };
      expect(
        problemOf(
          await api.call('admin', {
            method: 'POST',
            url: '/api/v1/users',
            payload: { username: 'weakling', password, roles: ['viewer'] },
          }),
        ),
      ).toMatchObject(weak);
      expect(
        problemOf(await api.call('admin', { method: 'PATCH', url: '/api/v1/users/alice', payload: { password } })),
      ).toMatchObject(weak);
    });

    it('ends the other sessions of a user whose password changes, keeping the one that changed it', async () => {
      await api.s.auth.createUser({ username: 'erin', password: 'erin password 1', roles: ['admin'] });
      const login = async (password: string) => {
        const res = await api.app.inject({
          method: 'POST',
          url: '/api/v1/session',
          payload: { username: 'erin', password },
        });
        expect(res.statusCode).toBe(200);
        return {
          cookie: (res.headers['set-cookie'] as string[])[0]!.split(';')[0]!,
          csrf: res.json().csrfToken as string,
        };
      };
      const laptop = await login('erin password 1');
      const phone = await login('erin password 1');
      const changed = await api.app.inject({
        method: 'PATCH',
        url: '/api/v1/users/erin',
        payload: { password: 'erin password 2' },
        headers: { cookie: laptop.cookie, 'x-csrf-token': laptop.csrf },
      });
      expect(changed.statusCode).toBe(200);
      expect((await api.app.inject({ url: '/api/v1/session', headers: { cookie: laptop.cookie } })).statusCode).toBe(
        200,
      );
      expect(
        problemOf(await api.app.inject({ url: '/api/v1/session', headers: { cookie: phone.cookie } })),
      ).toMatchObject({ status: 401, code: 'SESSION_EXPIRED' });
      // An admin resetting it ends all of them, the laptop's too; a change of roles ends none.
      const tablet = await login('erin password 2');
      await api.call('admin', { method: 'PATCH', url: '/api/v1/users/erin', payload: { roles: ['admin', 'viewer'] } });
      expect((await api.app.inject({ url: '/api/v1/session', headers: { cookie: tablet.cookie } })).statusCode).toBe(
        200,
      );
      await api.call('admin', { method: 'PATCH', url: '/api/v1/users/erin', payload: { password: 'erin password 3' } });
      for (const s of [laptop, tablet])
        expect((await api.app.inject({ url: '/api/v1/session', headers: { cookie: s.cookie } })).statusCode).toBe(401);
    });

    // Sessions are remembered for a few seconds so that a request costs no database round trip:
    // each session below is used once first, so that a stale memory of it would let it through.
    it('refuses a session at once when it logs out, its user is disabled or loses roles, though it was just used', async () => {
      await api.s.auth.createUser({ username: 'fay', password: 'fay password 1', roles: ['admin'] });
      const login = async () => {
        const res = await api.app.inject({
          method: 'POST',
          url: '/api/v1/session',
          payload: { username: 'fay', password: 'fay password 1' },
        });
        return {
          cookie: (res.headers['set-cookie'] as string[])[0]!.split(';')[0]!,
          csrf: res.json().csrfToken as string,
        };
      };
      const whoAmI = (s: { cookie: string }) =>
        api.app.inject({ url: '/api/v1/session', headers: { cookie: s.cookie } });
      const asFay = (s: { cookie: string }) => api.app.inject({ url: '/api/v1/users', headers: { cookie: s.cookie } });

      const leaving = await login();
      expect((await whoAmI(leaving)).statusCode).toBe(200);
      const out = await api.app.inject({
        method: 'DELETE',
        url: '/api/v1/session',
        headers: { cookie: leaving.cookie, 'x-csrf-token': leaving.csrf },
      });
      expect(out.statusCode).toBe(204);
      expect(problemOf(await whoAmI(leaving))).toMatchObject({ status: 401, code: 'SESSION_EXPIRED' });

      const demoted = await login();
      expect((await asFay(demoted)).statusCode).toBe(200);
      await api.call('admin', { method: 'PATCH', url: '/api/v1/users/fay', payload: { roles: ['viewer'] } });
      expect(problemOf(await asFay(demoted))).toMatchObject({ status: 403, code: 'FORBIDDEN' });

      const disabled = await login();
      expect((await whoAmI(disabled)).statusCode).toBe(200);
      await api.call('admin', { method: 'PATCH', url: '/api/v1/users/fay', payload: { disabled: true } });
      expect(problemOf(await whoAmI(disabled))).toMatchObject({ status: 401, code: 'SESSION_EXPIRED' });
    });

    it('creates the first admin once', async () => {
      expect(await api.s.auth.ensureFirstAdmin()).toBeUndefined();
    });
  });
}
