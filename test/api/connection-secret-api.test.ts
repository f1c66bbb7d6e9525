import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { engines } from '../helpers/engines.js';
import { newApi, type ApiHarness } from './api-harness.js';

/** Requests sent one after another on one kept-alive connection, as an HTTP client sends them. */
function oneConnection(base: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const sockets = new Set<unknown>();
  const send = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
    new Promise<{ status: number; code?: string }>((resolve, reject) => {
      const req = request(
        `${base}${path}`,
        {
          method,
          agent,
          headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode!, code: (JSON.parse(text || '{}') as { code?: string }).code }),
          );
        },
      );
      req.on('socket', (socket) => sockets.add(socket));
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });
  return { send, sockets, close: () => agent.destroy() };
}

for (const harness of engines()) {
  describe(`a connection's credential is hashed once, and judged on every request (${harness.engine})`, () => {
    let api: ApiHarness;
    let base: string;

    beforeAll(async () => {
      api = await newApi(harness);
      await api.app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(api.app.server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await api.close();
      await harness.cleanup();
    });

    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const CI = '/api/v1/cis/database/orders-db';

    it('hashes a token once for its connection, and refuses it there at once when revoked', async () => {
      const { token, record } = await api.s.auth.createToken({ name: 'kept-alive', role: 'viewer', createdBy: 'test' });
      const tokenKey = vi.spyOn(api.s.auth, 'tokenKey');
      const c = oneConnection(base);
      try {
        for (let i = 0; i < 5; i++) expect((await c.send('GET', CI, bearer(token))).status).toBe(200);
        expect(tokenKey).toHaveBeenCalledTimes(1);
        await api.s.auth.revokeToken(record.id);
        expect(await c.send('GET', CI, bearer(token))).toEqual({ status: 401, code: 'TOKEN_REVOKED' });
        expect(c.sockets.size).toBe(1);
      } finally {
        tokenKey.mockRestore();
        c.close();
      }
    });

    it('answers each request on a connection as the token it sends, not the one before', async () => {
      const c = oneConnection(base);
      const unknown = `cairn_000000000000_${'A'.repeat(43)}`;
      // Listing tokens is an admin's: a viewer's token is refused it.
      const tokens = (token: string) => c.send('GET', '/api/v1/tokens', bearer(token));
      try {
        expect(await tokens(api.tokens.viewer)).toEqual({ status: 403, code: 'FORBIDDEN' });
        expect(await tokens(api.tokens.admin)).toEqual({ status: 200 });
        expect(await tokens(api.tokens.viewer)).toEqual({ status: 403, code: 'FORBIDDEN' });
        expect(await c.send('GET', CI, bearer(unknown))).toEqual({ status: 401, code: 'BAD_TOKEN' });
        expect((await c.send('GET', CI, bearer(api.tokens.viewer))).status).toBe(200);
        expect(await c.send('GET', CI, {})).toEqual({ status: 401, code: 'AUTHENTICATION_REQUIRED' });
        expect(c.sockets.size).toBe(1);
      } finally {
        c.close();
      }
    });

    it('hashes a session once for its connection, and refuses it there at once after logout', async () => {
      await api.s.auth.createUser({ username: 'kim', password: 'kim password 1234', roles: ['viewer'] });
      const login = await api.s.auth.login('kim', 'kim password 1234');
      const cookie = { cookie: `cairn_session=${encodeURIComponent(login.sessionId)}` };
      const sessionKey = vi.spyOn(api.s.auth, 'sessionKey');
      const c = oneConnection(base);
      try {
        for (let i = 0; i < 5; i++) expect((await c.send('GET', CI, cookie)).status).toBe(200);
        expect(sessionKey).toHaveBeenCalledTimes(1);
        await api.s.auth.logout(login.sessionId);
        expect(await c.send('GET', CI, cookie)).toEqual({ status: 401, code: 'SESSION_EXPIRED' });
        expect(c.sockets.size).toBe(1);
      } finally {
        sessionKey.mockRestore();
        c.close();
      }
    });
  });
}
