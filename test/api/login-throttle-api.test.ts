import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { createApiServices } from '../../src/api/services.js';
import { LOGIN_LIMITS } from '../../src/core/auth/login-throttle.js';
import { openStore } from '../../src/store/connect.js';
import { engines } from '../helpers/engines.js';
import { newApi, problemOf } from './api-harness.js';

const login = (username: string, password = 'not the password') => ({
  method: 'POST' as const,
  url: '/api/v1/session',
  payload: { username, password },
});

for (const harness of engines()) {
  describe(`sign-in throttling over the API on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it('answers 429 to one address trying 30 usernames, and still lets another address in', async () => {
      const api = await newApi(harness, { estate: false });
      try {
        await api.s.auth.createUser({ username: 'dave', password: 'dave password 123', roles: ['viewer'] });
        const statuses: number[] = [];
        for (let i = 0; i < 30; i++)
          statuses.push((await api.app.inject({ ...login(`user${i}`), remoteAddress: '203.0.113.9' })).statusCode);
        expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_LIMITS.perAddress);
        expect(statuses.slice(LOGIN_LIMITS.perAddress)).toEqual(Array(30 - LOGIN_LIMITS.perAddress).fill(429));
        const limited = await api.app.inject({ ...login('dave', 'dave password 123'), remoteAddress: '203.0.113.9' });
        expect(problemOf(limited)).toMatchObject({ status: 429, code: 'TOO_MANY_LOGIN_ATTEMPTS' });
        expect(problemOf(limited).detail).toContain('from your address');
        const elsewhere = await api.app.inject({
          ...login('dave', 'dave password 123'),
          remoteAddress: '198.51.100.4',
        });
        expect(elsewhere.statusCode).toBe(200);
      } finally {
        await api.close();
      }
    });
  });
}

const pg = engines().find((h) => h.engine === 'postgres');
if (pg)
  describe('sign-in throttling shared by two servers on one PostgreSQL database', () => {
    afterAll(() => pg.cleanup());

    it('counts failures made on either server', async () => {
      const dbUrl = await pg.newDatabaseUrl();
      const servers = [];
      for (const name of ['a', 'b']) {
        const store = await openStore(dbUrl);
        const s = await createApiServices(store, { worker: name });
        await s.cmdb.initialize('tester');
        const app = await buildApp({ services: s, logger: false });
        await app.listen({ port: 0, host: '127.0.0.1' });
        servers.push({ app, store, s, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` });
      }
      try {
        await servers[0]!.s.auth.createUser({ username: 'erin', password: 'erin password 123', roles: ['viewer'] });
        const post = async (base: string, password: string) => {
          const res = await fetch(`${base}/api/v1/session`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username: 'erin', password }),
          });
          return res.status;
        };
        // Alternating servers: each saw only half of the failures, yet the limit is of them all.
        for (let i = 0; i < LOGIN_LIMITS.perAccountFromAddress; i++)
          expect(await post(servers[i % 2]!.url, 'wrong password')).toBe(401);
        expect(await post(servers[0]!.url, 'erin password 123')).toBe(429);
        expect(await post(servers[1]!.url, 'erin password 123')).toBe(429);
      } finally {
        for (const x of servers) {
          await x.app.close();
          await x.store.close();
        }
      }
    });
  });
