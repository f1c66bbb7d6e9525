import { afterAll, afterEach, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { fixedClock } from '../../src/core/shared/clock.js';
import { AuthRepository } from '../../src/store/repositories/auth/auth.repository.js';
import { engines } from '../helpers/engines.js';
import { newApi, problemOf, type ApiHarness } from './api-harness.js';

/**
 * Every method of the auth repository, spied on: each is a database round trip made to
 * authenticate (find a token or a session, read a user, touch a token's last use).
 */
function spyOnAuthStore(): MockInstance[] {
  return Object.getOwnPropertyNames(AuthRepository.prototype)
    .filter((name) => name !== 'constructor')
    .map((name) => vi.spyOn(AuthRepository.prototype, name as keyof AuthRepository));
}

const callsOf = (spies: MockInstance[]) =>
  Object.fromEntries(spies.filter((s) => s.mock.calls.length > 0).map((s) => [s.getMockName(), s.mock.calls.length]));

for (const harness of engines()) {
  describe(`verified credentials are cached, and forgotten when revoked (${harness.engine})`, () => {
    let api: ApiHarness;
    let spies: MockInstance[] = [];

    beforeAll(async () => {
      // The services' time stands still: a token's last use is written at most once a minute
      // (AuthService.fromToken), which would fall inside the 20 requests below whenever they
      // straddled a minute, and count as a database read the cache should have saved.
      api = await newApi(harness, { services: { clock: fixedClock(new Date().toISOString()) } });
      await api.s.auth.createUser({ username: 'vera', password: 'vera password 123', roles: ['viewer'] });
    });
    afterEach(() => {
      for (const s of spies) s.mockRestore();
      spies = [];
    });
    afterAll(async () => {
      await api.close();
      await harness.cleanup();
    });

    it('reads the database for a token once, not on each request', async () => {
      const get = () => api.call('viewer', { method: 'GET', url: '/api/v1/cis/database/orders-db' });
      expect((await get()).statusCode).toBe(200); // the token's first use: looked up and cached
      spies = spyOnAuthStore();
      for (let i = 0; i < 20; i++) expect((await get()).statusCode).toBe(200);
      expect(callsOf(spies)).toEqual({});
    });

    it('reads the database for a session once, not on each request', async () => {
      const login = await api.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { username: 'vera', password: 'vera password 123' },
      });
      expect(login.statusCode).toBe(200);
      const cookies = [login.headers['set-cookie']].flat().map((c) => String(c).split(';')[0]!);
      const cookie = cookies.join('; ');
      const csrf = decodeURIComponent(cookies.find((c) => c.startsWith('cairn_csrf='))!.slice('cairn_csrf='.length));
      const get = () => api.app.inject({ method: 'GET', url: '/api/v1/cis/database/orders-db', headers: { cookie } });
      expect((await get()).statusCode).toBe(200);
      spies = spyOnAuthStore();
      for (let i = 0; i < 20; i++) expect((await get()).statusCode).toBe(200);
      expect(callsOf(spies)).toEqual({});

      // Logging out forgets the cached session at once, not when the cache would have expired.
      const logout = await api.app.inject({
        method: 'DELETE',
        url: '/api/v1/session',
        headers: { cookie, 'x-csrf-token': csrf },
      });
      expect(logout.statusCode).toBe(204);
      expect(problemOf(await get())).toMatchObject({ status: 401, code: 'SESSION_EXPIRED' });
    });

    it('refuses a revoked token at once, though it was cached a moment before', async () => {
      const { token, record } = await api.s.auth.createToken({
        name: 'soon-revoked',
        role: 'viewer',
        createdBy: 'test',
      });
      const get = () =>
        api.app.inject({
          method: 'GET',
          url: '/api/v1/cis/database/orders-db',
          headers: { authorization: `Bearer ${token}` },
        });
      expect((await get()).statusCode).toBe(200);
      expect((await get()).statusCode).toBe(200);
      expect((await api.call('admin', { method: 'DELETE', url: `/api/v1/tokens/${record.id}` })).statusCode).toBe(200);
      expect(problemOf(await get())).toMatchObject({ status: 401, code: 'TOKEN_REVOKED' });
    });
  });
}

for (const harness of engines()) {
  describe(`a cached token or session is trusted without a look-up only while nothing has changed (${harness.engine})`, () => {
    let api: ApiHarness;
    // The services' clock, moved by the tests: within a minute, then past a token's expiry.
    let nowMs = Date.parse('2026-12-05T10:00:05.000Z');
    const get = (token: string) =>
      api.app.inject({
        method: 'GET',
        url: '/api/v1/cis/database/orders-db',
        headers: { authorization: `Bearer ${token}` },
      });

    beforeAll(async () => {
      api = await newApi(harness, { services: { clock: { now: () => new Date(nowMs) } } });
    });
    afterAll(async () => {
      await api.close();
      await harness.cleanup();
    });

    it('trusts a token once looked up, and no longer once revoked', async () => {
      const { token, record } = await api.s.auth.createToken({ name: 'trusted', role: 'viewer', createdBy: 'test' });
      expect(api.s.auth.trustedToken(token)).toBeUndefined(); // never looked up
      expect((await get(token)).statusCode).toBe(200);
      expect(api.s.auth.trustedToken(token)).toEqual({ name: 'token:trusted', kind: 'token', roles: ['viewer'] });
      expect(api.s.auth.trustedToken(`${token.slice(0, -1)}x`)).toBeUndefined();
      await api.s.auth.revokeToken(record.id);
      expect(api.s.auth.trustedToken(token)).toBeUndefined();
      expect(problemOf(await get(token))).toMatchObject({ status: 401, code: 'TOKEN_REVOKED' });
    });

    it('refuses a token that expires while it is cached', async () => {
      const { token } = await api.s.auth.createToken({
        name: 'short-lived',
        role: 'viewer',
        expires: '2026-12-05T10:00:07.000Z',
        createdBy: 'test',
      });
      expect((await get(token)).statusCode).toBe(200);
      expect(api.s.auth.trustedToken(token)).toBeDefined();
      nowMs = Date.parse('2026-12-05T10:00:07.000Z');
      expect(api.s.auth.trustedToken(token)).toBeUndefined();
      expect(problemOf(await get(token))).toMatchObject({ status: 401, code: 'TOKEN_EXPIRED' });
    });

    it('trusts a session once looked up, refuses a write by it without its CSRF token, and forgets it at logout', async () => {
      await api.s.auth.createUser({ username: 'sam', password: 'sam password 1234', roles: ['configuration_manager'] });
      const login = await api.s.auth.login('sam', 'sam password 1234');
      const cookie = `cairn_session=${encodeURIComponent(login.sessionId)}`;
      const read = () => api.app.inject({ method: 'GET', url: '/api/v1/cis/database/orders-db', headers: { cookie } });
      expect(api.s.auth.trustedSession(login.sessionId)).toBeUndefined(); // never looked up
      expect((await read()).statusCode).toBe(200);
      expect(api.s.auth.trustedSession(login.sessionId)).toMatchObject({ name: 'sam', kind: 'user' });
      const write = await api.app.inject({
        method: 'PUT',
        url: '/api/v1/cis/database/orders-db',
        headers: { cookie },
        payload: { attributes: { note: 'x' } },
      });
      expect(problemOf(write)).toMatchObject({ status: 403, code: 'CSRF_TOKEN_INVALID' });
      await api.s.auth.logout(login.sessionId);
      expect(api.s.auth.trustedSession(login.sessionId)).toBeUndefined();
      expect(problemOf(await read())).toMatchObject({ status: 401, code: 'SESSION_EXPIRED' });
    });

    it("records a cached token's last use each new minute", async () => {
      nowMs = Date.parse('2026-12-05T10:01:57.000Z');
      const { token, record } = await api.s.auth.createToken({ name: 'in-use', role: 'viewer', createdBy: 'test' });
      const lastUse = async () => (await api.s.auth.listTokens()).find((t) => t.id === record.id)?.lastUsedAt;
      expect((await get(token)).statusCode).toBe(200);
      expect(await lastUse()).toBe('2026-12-05T10:01:57.000Z');
      nowMs = Date.parse('2026-12-05T10:01:59.000Z'); // the same minute: trusted, nothing written
      expect(api.s.auth.trustedToken(token)).toBeDefined();
      expect((await get(token)).statusCode).toBe(200);
      expect(await lastUse()).toBe('2026-12-05T10:01:57.000Z');
      nowMs = Date.parse('2026-12-05T10:02:00.000Z'); // a new minute, cached 3 s ago: its use is written
      expect(api.s.auth.trustedToken(token)).toBeUndefined();
      expect((await get(token)).statusCode).toBe(200);
      expect(await lastUse()).toBe('2026-12-05T10:02:00.000Z');
    });
  });
}
