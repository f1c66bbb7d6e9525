import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBrowserClient, type BrowserClient } from '../../src/client/http/browser-client.js';
import { ProblemError, UnreachableError } from '../../src/client/errors.js';
import { engines } from '../helpers/engines.js';
import { newApi, type ApiHarness } from './api-harness.js';

/**
 * The web UI's client against a real server on a port. Node's fetch keeps no cookies, so each
 * "browser" here is a fetch with a cookie jar: it sends back what the server set, as a browser
 * does on the same origin, and nothing else.
 */
function browserFetch(): typeof fetch {
  const jar = new Map<string, string>();
  return async (input, init = {}) => {
    const headers = new Headers(init.headers);
    if (jar.size > 0) headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    const res = await fetch(input, { ...init, headers });
    for (const setCookie of res.headers.getSetCookie()) {
      const [pair = ''] = setCookie.split(';');
      const eq = pair.indexOf('=');
      const [name, value] = [pair.slice(0, eq), pair.slice(eq + 1)];
      if (value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  };
}

const PASSWORD = 'correct horse battery';

/** Who may do what, written out independently of the permission table the server reads. */
const ACTIONS_OF = [
  {
    user: 'vic',
    roles: ['viewer'],
    may: ['cmdb:read', 'change:read', 'drift:read'],
    mayNot: ['cmdb:plan', 'change:request', 'change:approve', 'user:manage', 'audit:verify'],
  },
  {
    user: 'aud',
    roles: ['auditor'],
    may: ['cmdb:read', 'change:read', 'drift:read', 'audit:verify'],
    mayNot: ['cmdb:plan', 'cmdb:write', 'change:request', 'change:approve', 'drift:manage', 'user:manage'],
  },
  {
    user: 'cam',
    roles: ['cab_member'],
    may: ['change:approve', 'change:request', 'cmdb:plan'],
    mayNot: ['change:manage', 'cmdb:write', 'baseline:create'],
  },
  {
    user: 'conf',
    roles: ['configuration_manager'],
    may: ['cmdb:write', 'model:write', 'baseline:create', 'drift:manage'],
    mayNot: ['change:approve', 'token:manage'],
  },
  {
    user: 'ada',
    roles: ['admin'],
    may: ['user:manage', 'token:manage', 'webhook:manage', 'change:manage'],
    mayNot: [],
  },
];

describe('the browser client (session cookie and CSRF header) against a running server', () => {
  let api: ApiHarness;
  let base: string;
  const client = (onUnauthorized?: () => void, fetch = browserFetch()): BrowserClient =>
    createBrowserClient({ base, fetch, onUnauthorized });

  beforeAll(async () => {
    api = await newApi(engines()[0]!);
    for (const { user, roles } of ACTIONS_OF)
      await api.s.auth.createUser({ username: user, password: PASSWORD, roles });
    base = await api.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => api.close());

  it.each(ACTIONS_OF)(
    'a login as $user ($roles) answers the actions those roles allow',
    async ({ user, roles, may, mayNot }) => {
      const session = await client().session.login(user, PASSWORD);
      expect(session).toMatchObject({ name: user, kind: 'user', roles });
      expect(session.actions).toEqual(expect.arrayContaining(may));
      for (const action of mayNot) expect(session.actions).not.toContain(action);
    },
  );

  it('reads through the typed client with the session cookie alone', async () => {
    const browser = client();
    await browser.session.login('vic', PASSWORD);
    const page = await browser.cmdb.listCis({ class: 'server' });
    expect(page.items.map((ci) => `${ci.class}/${ci.name}`)).toContain('server/web-01');
    expect((await browser.cmdb.getCi('server/web-01')).name).toBe('web-01');
    expect((await browser.changes.list({ limit: 10 })).items).toEqual([]);
  });

  it('sends the CSRF token on writes: with it a write passes, without it the server refuses', async () => {
    const fetch = browserFetch();
    const loggedIn = client(undefined, fetch);
    await loggedIn.session.login('conf', PASSWORD);
    expect(await loggedIn.history.createBaseline({ name: 'from-the-browser' })).toMatchObject({
      name: 'from-the-browser',
    });

    // Same cookies, but a page that never learnt the token (no login answer, no CSRF cookie to read in Node).
    const forged = client(undefined, fetch);
    await expect(forged.history.createBaseline({ name: 'forged' })).rejects.toMatchObject({
      status: 403,
      code: 'CSRF_TOKEN_INVALID',
    });

    // A reloaded page asks who is logged in: the answer carries the token again.
    await forged.session.current();
    expect(await forged.history.createBaseline({ name: 'after-reload' })).toMatchObject({ name: 'after-reload' });
  });

  it('logs out: the cookie is dropped, the next call is a 401 and the UI is told', async () => {
    let told = 0;
    const browser = client(() => (told += 1));
    await browser.session.login('vic', PASSWORD);
    await browser.session.logout();
    const error = await browser.session.current().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect(error).toMatchObject({ status: 401, code: 'AUTHENTICATION_REQUIRED' });
    expect(told).toBe(1);
  });

  it('refuses a wrong password with the server’s sentence', async () => {
    await expect(client().session.login('vic', 'wrong')).rejects.toMatchObject({
      status: 401,
      message: expect.stringMatching(/\w/),
    });
  });

  it('gets the UI info before login, with the vocabulary the pages filter by', async () => {
    const ui = await client().session.ui();
    expect(ui.demo).toBe(false);
    expect(ui.vocabulary.changeStates).toEqual(
      expect.arrayContaining(['draft', 'submitted', 'authorized', 'scheduled', 'implementing', 'closed', 'cancelled']),
    );
    expect(ui.vocabulary.openChangeStates).toEqual(['submitted', 'authorized', 'scheduled', 'implementing']);
    expect(ui.vocabulary.changeTypes).toEqual(['standard', 'normal', 'emergency']);
    expect(ui.vocabulary.findingKinds).toEqual(['modified', 'missing', 'unexpected']);
    expect(ui.vocabulary.classifications).toEqual(['authorized', 'corrective', 'unauthorized']);
  });

  it('says so when the server cannot be reached', async () => {
    const nowhere = createBrowserClient({ base: 'http://127.0.0.1:9', fetch: browserFetch() });
    await expect(nowhere.session.ui()).rejects.toBeInstanceOf(UnreachableError);
  });
});
