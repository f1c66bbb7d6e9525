import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_LIMITS } from '../../src/core/auth/login-throttle.js';
import { CSRF_HEADER, SESSION_COOKIE } from '../../src/api/request-context.js';
import { engines } from '../helpers/engines.js';
import { newApi, problemOf, type ApiHarness } from './api-harness.js';

/*
 * The calendar subscription link over HTTP: a signed-in user makes a secret address a calendar
 * program reads with no other credential; rotating, revoking or disabling the user ends it (with
 * one answer for all); the secret opens nothing but the feed.
 */
for (const harness of engines()) {
  describe(`calendar feed address over HTTP (${harness.engine})`, () => {
    let api: ApiHarness;

    beforeAll(async () => {
      api = await newApi(harness);
      for (const username of ['alice', 'bob'])
        await api.s.auth.createUser({ username, password: 'correct horse battery', roles: ['viewer'] });
    });
    afterAll(async () => {
      await api.close();
      await harness.cleanup();
    });

    async function session(username: string) {
      const s = await api.s.auth.login(username, 'correct horse battery');
      return { cookie: `${SESSION_COOKIE}=${s.sessionId}`, [CSRF_HEADER]: s.csrf };
    }
    const feed = (path: string, ip = '203.0.113.7') => api.app.inject({ url: path, remoteAddress: ip });

    it('makes an address that serves the iCalendar feed without any other credential', async () => {
      const headers = await session('alice');
      expect((await api.app.inject({ url: '/api/v1/calendar/feed', headers })).json()).toEqual({
        active: false,
        createdAt: null,
      });
      const made = await api.app.inject({ method: 'POST', url: '/api/v1/calendar/feed', headers });
      expect(made.statusCode).toBe(201);
      const { path, secret } = made.json();
      expect(path).toBe(`/api/v1/calendar/feeds/${secret}`);
      const res = await feed(path);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/calendar/);
      expect(res.body).toMatch(/^BEGIN:VCALENDAR/);
      const status = (await api.app.inject({ url: '/api/v1/calendar/feed', headers })).json();
      expect(status.active).toBe(true);
      expect(JSON.stringify(status)).not.toContain(secret);
    });

    it('opens nothing else: the secret is not a bearer token, not even for the calendar', async () => {
      const headers = await session('alice');
      const { secret } = (await api.app.inject({ method: 'POST', url: '/api/v1/calendar/feed', headers })).json();
      for (const url of [
        '/api/v1/cis',
        '/api/v1/calendar/feed',
        '/api/v1/calendar?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&format=ics',
      ]) {
        const res = await api.app.inject({ url, headers: { authorization: `Bearer ${secret}` } });
        expect(res.statusCode, url).toBe(401);
      }
      expect((await api.app.inject({ url: `/api/v1/cis?feed=${secret}` })).statusCode).toBe(401);
    });

    it('answers a wrong, rotated, revoked or disabled user’s address with the same 404', async () => {
      const headers = await session('bob');
      const first = (await api.app.inject({ method: 'POST', url: '/api/v1/calendar/feed', headers })).json();
      const second = (await api.app.inject({ method: 'POST', url: '/api/v1/calendar/feed', headers })).json();
      expect(second.secret).not.toBe(first.secret);
      expect((await feed(second.path, '198.51.100.1')).statusCode).toBe(200);

      const refusals = [];
      refusals.push(await feed(first.path, '198.51.100.2')); // rotated
      const id = (second.secret as string).slice(0, 12);
      refusals.push(await feed(`/api/v1/calendar/feeds/${id}_${'A'.repeat(43)}`, '198.51.100.3')); // wrong secret, right id
      refusals.push(await feed('/api/v1/calendar/feeds/not-a-feed', '198.51.100.4'));
      await api.s.auth.updateUser('bob', { disabled: true });
      refusals.push(await feed(second.path, '198.51.100.5')); // disabled user
      await api.s.auth.updateUser('bob', { disabled: false });
      expect((await feed(second.path, '198.51.100.6')).statusCode).toBe(200);
      const again = await session('bob');
      expect(
        (await api.app.inject({ method: 'DELETE', url: '/api/v1/calendar/feed', headers: again })).statusCode,
      ).toBe(204);
      refusals.push(await feed(second.path, '198.51.100.7')); // revoked
      const bodies = refusals.map((r) => {
        const p = problemOf(r);
        return { status: p.status, code: p.code, detail: p.detail };
      });
      expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
      expect(bodies[0]).toMatchObject({ status: 404, code: 'CALENDAR_FEED_NOT_FOUND' });
      expect(
        problemOf(await api.app.inject({ method: 'DELETE', url: '/api/v1/calendar/feed', headers: again })).code,
      ).toBe('CALENDAR_FEED_NOT_FOUND');
    });

    it('throttles guesses at one feed from one address, like failed sign-ins', async () => {
      const headers = await session('alice');
      const { secret, path } = (await api.app.inject({ method: 'POST', url: '/api/v1/calendar/feed', headers })).json();
      const wrong = `/api/v1/calendar/feeds/${(secret as string).slice(0, 12)}_${'B'.repeat(43)}`;
      for (let i = 0; i < LOGIN_LIMITS.perAccountFromAddress; i++)
        expect((await feed(wrong, '192.0.2.50')).statusCode).toBe(404);
      const throttled = await feed(wrong, '192.0.2.50');
      expect(problemOf(throttled).status).toBe(429);
      expect(throttled.headers['retry-after']).toBeDefined();
      // The owner's calendar program, elsewhere, still reads it.
      expect((await feed(path, '192.0.2.99')).statusCode).toBe(200);
    });

    it('is made by people only: an API token is told to use its header', async () => {
      const res = await api.call('viewer', { method: 'POST', url: '/api/v1/calendar/feed' });
      expect(problemOf(res)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    });
  });
}
