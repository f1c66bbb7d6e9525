import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/api/demo-estate.js';
import { cairnBin } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cairn-logs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A whole session against `cairn serve` at the most verbose log level, then a search of
 * everything it printed for every secret that crossed the wire: passwords (right, wrong, new,
 * in a body the schema refused), tokens, session cookies, CSRF tokens and webhook secrets.
 */
describe('secrets never reach the logs', () => {
  it('logs every request of a full run at trace level and none of the secrets sent or received', async () => {
    const child = spawn(
      cairnBin,
      ['--db', join(dir, 'cairn.db'), 'serve', '--demo', '--port', '0', '--log-level', 'trace'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let logs = '';
    child.stdout.on('data', (c: Buffer) => (logs += c.toString()));
    child.stderr.on('data', (c: Buffer) => (logs += c.toString()));
    const base = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`cairn serve did not start: ${logs}`)), 45_000);
      const poll = setInterval(() => {
        const m = /Cairn web UI: (http:\/\/\S+)/.exec(logs);
        if (!m) return;
        clearInterval(poll);
        clearTimeout(timer);
        resolve(m[1]!.replace(/\/$/, ''));
      }, 50);
    });

    const secrets: Record<string, string> = { demoPassword: DEMO_PASSWORD };
    const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, headers: res.headers, body: (await res.json().catch(() => null)) as never };
    };
    try {
      secrets.wrongPassword = 'wrong-password-Zq81x';
      expect(
        (await call('POST', '/api/v1/session', { username: 'admin', password: secrets.wrongPassword })).status,
      ).toBe(401);
      secrets.refusedPassword = 'refused-password-Kp27w';
      const refused = await call('POST', '/api/v1/session', {
        username: 'admin',
        password: secrets.refusedPassword,
        extra: true,
      });
      expect(refused.status).toBe(400);

      const login = await call('POST', '/api/v1/session', { username: 'admin', password: DEMO_PASSWORD });
      expect(login.status).toBe(200);
      const session = /cairn_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]!;
      const csrf = (login.body as { csrfToken: string }).csrfToken;
      Object.assign(secrets, { session, csrf });
      const asAdmin = { cookie: `cairn_session=${session}`, 'x-csrf-token': csrf };

      const token = await call('POST', '/api/v1/tokens', { name: 'pipeline', role: 'admin' }, asAdmin);
      expect(token.status).toBe(201);
      secrets.token = (token.body as { token: string }).token;
      const bearer = { authorization: `Bearer ${secrets.token}` };
      expect((await call('GET', '/api/v1/cis?limit=5', undefined, bearer)).status).toBe(200);
      secrets.badToken = 'cairn_not-a-real-token-Xy12';
      expect(
        (await call('GET', '/api/v1/cis', undefined, { authorization: `Bearer ${secrets.badToken}` })).status,
      ).toBe(401);

      secrets.webhookSecret = 'webhook-secret-Hd93kq7Lmn';
      const hook = await call(
        'POST',
        '/api/v1/webhooks',
        { url: 'http://127.0.0.1:9/hook', secret: secrets.webhookSecret },
        bearer,
      );
      expect(hook.status).toBe(201);

      secrets.newUserPassword = 'new-user-password-Vb55';
      expect(
        (
          await call(
            'POST',
            '/api/v1/users',
            { username: 'ivan', password: secrets.newUserPassword, roles: ['viewer'] },
            bearer,
          )
        ).status,
      ).toBe(201);
      secrets.changedPassword = 'changed-password-Wt64';
      expect((await call('PATCH', '/api/v1/users/ivan', { password: secrets.changedPassword }, bearer)).status).toBe(
        200,
      );
      expect((await call('DELETE', '/api/v1/session', undefined, asAdmin)).status).toBe(204);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }

    // The run was logged, request by request: the search below looked at something.
    expect(logs.match(/"request completed"/g)?.length ?? 0).toBeGreaterThanOrEqual(10);
    // The one place a password is printed on purpose: --demo's banner names its published demo password.
    const banner = /^Demo logins, password .*$/m;
    expect(logs).toMatch(banner);
    const searched = logs.replace(banner, '');
    for (const [name, value] of Object.entries(secrets)) {
      expect({ name, found: searched.includes(value) }).toEqual({ name, found: false });
    }
  });
});
