/* eslint-disable @typescript-eslint/no-unsafe-call -- response bodies are untyped JSON */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SsoSettings } from '../../src/config.js';
import { parseClaimMapping } from '../../src/core/auth/claim-mapping.js';
import { engines } from '../helpers/engines.js';
import { startTestProvider, type IdTokenFault, type TestProvider } from '../helpers/oidc-provider.js';
import { newApi, problemOf, type ApiHarness } from './api-harness.js';

const CALLBACK = 'http://127.0.0.1:4000/api/v1/auth/sso/callback';

/** The mapping of docs/sso.md's example: the provider's cab-members are Cairn's CAB. */
const MAPPING = parseClaimMapping(
  {
    map: [
      { claim: 'groups', value: 'cab-members', groups: ['cab'], roles: ['cab_member'] },
      { claim: 'groups', value: 'cairn-admins', roles: ['admin'] },
    ],
  },
  'sso',
).mapping;

function cookieOf(res: LightMyRequestResponse, name: string): string | undefined {
  const all = res.headers['set-cookie'];
  for (const c of Array.isArray(all) ? all : all ? [all] : []) {
    const [pair] = c.split(';');
    if (pair!.startsWith(`${name}=`)) return pair!.slice(name.length + 1);
  }
  return undefined;
}

describe.each(engines())('single sign-on with OpenID Connect on $engine', (harness) => {
  let idp: TestProvider;
  let api: ApiHarness;
  let sso: SsoSettings;

  /** A browser's sign-in: Cairn's login redirect, the provider, and back to Cairn's callback. */
  async function signIn(sub: string, options: { returnTo?: string; alterState?: boolean } = {}) {
    idp.signInAs(sub);
    const query = options.returnTo ? `?returnTo=${encodeURIComponent(options.returnTo)}` : '';
    const start = await api.app.inject({ url: `/api/v1/auth/sso/login${query}` });
    expect(start.statusCode, start.body).toBe(302);
    expect(start.headers['set-cookie']).toMatch(/cairn_sso_flow=.*SameSite=Lax/);
    const authorization = new URL(start.headers.location as string);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    const back = await idp.authorize(authorization.href);
    expect(back.href.startsWith(CALLBACK)).toBe(true);
    if (options.alterState) back.searchParams.set('state', 'a-state-from-another-sign-in');
    const callback = await api.app.inject({
      url: back.pathname + back.search,
      headers: { cookie: `cairn_sso_flow=${cookieOf(start, 'cairn_sso_flow')}` },
    });
    expect(callback.statusCode, callback.body).toBe(303);
    const session = cookieOf(callback, 'cairn_session');
    const csrf = cookieOf(callback, 'cairn_csrf');
    return {
      location: callback.headers.location as string,
      session,
      headers: { cookie: `cairn_session=${session}`, 'x-csrf-token': decodeURIComponent(csrf ?? '') },
    };
  }

  beforeAll(async () => {
    idp = await startTestProvider({ redirectUri: CALLBACK });
    idp.accounts.set('sub-carol', {
      sub: 'sub-carol',
      preferred_username: 'carol',
      email: 'carol@example.com',
      name: 'Carol CAB',
      groups: ['cab-members'],
    });
    sso = {
      name: 'Test IdP',
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      redirectUrl: CALLBACK,
      scopes: ['openid', 'profile', 'email', 'groups'],
      mapping: MAPPING,
    };
    api = await newApi(harness, { services: { claimMapping: MAPPING }, app: { sso } });
  });
  afterAll(async () => {
    await api.close();
    await idp.close();
    await harness.cleanup();
  });

  it('signs a new user in just in time, with the roles and approver group their claims map to', async () => {
    const carol = await signIn('sub-carol', { returnTo: '/changes?state=submitted' });
    expect(carol.location).toBe('/changes?state=submitted');
    const who = await api.app.inject({ url: '/api/v1/session', headers: carol.headers });
    expect(who.statusCode, who.body).toBe(200);
    expect(who.json()).toMatchObject({ name: 'carol', kind: 'user' });
    expect([...who.json().roles].sort()).toEqual(['cab_member', 'viewer']);
    const groups = (await api.call('viewer', { url: '/api/v1/workflow/groups' })).json().items;
    expect(groups.find((g: { name: string }) => g.name === 'cab')).toMatchObject({ providerMembers: ['carol'] });
    const users = (await api.call('viewer', { url: '/api/v1/workflow/users' })).json().items;
    expect(users.find((u: { name: string }) => u.name === 'carol')).toMatchObject({
      source: 'provider',
      email: 'carol@example.com',
      displayName: 'Carol CAB',
    });
    // Signing in again finds the same account.
    const again = await signIn('sub-carol');
    expect(again.location).toBe('/');
    expect((await api.app.inject({ url: '/api/v1/session', headers: again.headers })).json().name).toBe('carol');
  });

  it('signs one person in twice at once on a first sign-in, with one account', async () => {
    const identity = { subject: 'sub-twice', claims: { sub: 'sub-twice', preferred_username: 'twice' } };
    const [a, b] = await Promise.all([api.s.sso.signIn(identity), api.s.sso.signIn(identity)]);
    expect([a.principal.name, b.principal.name]).toEqual(['twice', 'twice']);
    const users = (await api.call('admin', { url: '/api/v1/users' })).json<{ username: string }[]>();
    expect(users.filter((u) => u.username === 'twice')).toHaveLength(1);
  });

  it('never redirects off the site after signing in', async () => {
    for (const returnTo of ['https://evil.example/', '//evil.example/x', 'changes'])
      expect((await signIn('sub-carol', { returnTo })).location).toBe('/');
  });

  it('keeps the roles an admin assigned before the first sign-in, and adds the mapped ones', async () => {
    const pre = await api.call('admin', {
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: 'erin', roles: ['change_manager'], source: 'provider' },
    });
    expect(pre.statusCode, pre.body).toBe(201);
    expect(pre.json()).toMatchObject({ username: 'erin', source: 'provider' });
    // Nobody can sign in to it with a password.
    expect(
      problemOf(
        await api.app.inject({
          method: 'POST',
          url: '/api/v1/session',
          payload: { username: 'erin', password: 'any-password-at-all' },
        }),
      ).code,
    ).toBe('BAD_CREDENTIALS');
    idp.accounts.set('sub-erin', { sub: 'sub-erin', preferred_username: 'erin', groups: ['cairn-admins'] });
    const erin = await signIn('sub-erin');
    const roles = (await api.app.inject({ url: '/api/v1/session', headers: erin.headers })).json().roles as string[];
    expect([...roles].sort()).toEqual(['admin', 'change_manager', 'viewer']);

    // Disabled in Cairn, refused at the provider's door too.
    await api.call('admin', { method: 'PATCH', url: '/api/v1/users/erin', payload: { disabled: true } });
    expect((await signIn('sub-erin')).location).toBe('/?sso_error=SSO_USER_DISABLED');
    expect((await api.app.inject({ url: '/api/v1/session', headers: erin.headers })).statusCode).toBe(401);
  });

  it('does not let the provider take over a local account of the same name', async () => {
    await api.call('admin', {
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: 'dave', password: 'a-local-password', roles: ['admin'] },
    });
    idp.accounts.set('sub-dave', { sub: 'sub-dave', preferred_username: 'dave', groups: [] });
    const dave = await signIn('sub-dave');
    expect(dave.location).toBe('/?sso_error=SSO_ACCOUNT_IS_LOCAL');
    expect(dave.session).toBeUndefined();

    // An admin moves the account to the provider: its password goes, and the provider's dave gets it.
    const moved = await api.call('admin', {
      method: 'PATCH',
      url: '/api/v1/users/dave',
      payload: { source: 'provider' },
    });
    expect(moved.json()).toMatchObject({ source: 'provider', assignedRoles: ['admin'] });
    const password = await api.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username: 'dave', password: 'a-local-password' },
    });
    expect(problemOf(password).code).toBe('BAD_CREDENTIALS');
    const signedIn = await signIn('sub-dave');
    expect(signedIn.location).toBe('/');
    expect((await api.app.inject({ url: '/api/v1/session', headers: signedIn.headers })).json().name).toBe('dave');
    // Another person of the provider who takes the name later does not get the account.
    idp.accounts.set('sub-dave-2', { sub: 'sub-dave-2', preferred_username: 'dave' });
    expect((await signIn('sub-dave-2')).location).toBe('/?sso_error=SSO_SUBJECT_MISMATCH');
    // Back to a password needs one.
    const back = await api.call('admin', { method: 'PATCH', url: '/api/v1/users/dave', payload: { source: 'local' } });
    expect(problemOf(back).code).toBe('PASSWORD_REQUIRED');
  });

  it('takes an approval right away when the provider removes the group, and keeps the approvals given', async () => {
    const policy = await api.call('admin', {
      method: 'POST',
      url: '/api/v1/policy',
      payload: {
        groups: [{ name: 'cab', members: [], fromProvider: true }],
        rules: [{ match: { type: 'normal' }, require: [{ group: 'cab', quorum: 1 }] }],
      },
    });
    expect(policy.statusCode, policy.body).toBeLessThan(300);
    const change = async (title: string) => {
      const created = await api.call('requester', {
        method: 'POST',
        url: '/api/v1/changes',
        payload: {
          type: 'normal',
          title,
          justification: 'Security fixes',
          backout_plan: 'Restore the snapshot',
          window: { start: '2030-12-01T22:00:00Z', end: '2030-12-01T23:00:00Z' },
          plan: { cis: [{ class: 'database', name: 'orders-db', attributes: { version: title } }] },
        },
      });
      expect(created.statusCode, created.body).toBe(201);
      const ref = created.json().ref as string;
      const submitted = await api.call('requester', {
        method: 'POST',
        url: `/api/v1/changes/${ref}/submit`,
        payload: {},
      });
      expect(submitted.statusCode, submitted.body).toBe(200);
      return ref;
    };
    const first = await change('16.4');
    const second = await change('16.5');

    const carol = await signIn('sub-carol');
    const approved = await api.app.inject({
      method: 'POST',
      url: `/api/v1/changes/${first}/approve`,
      headers: carol.headers,
      payload: { comment: 'fine' },
    });
    expect(approved.statusCode, approved.body).toBe(200);

    idp.accounts.set('sub-carol', { ...idp.accounts.get('sub-carol')!, groups: [] });
    const later = await signIn('sub-carol');
    const refused = await api.app.inject({
      method: 'POST',
      url: `/api/v1/changes/${second}/approve`,
      headers: later.headers,
      payload: { comment: 'fine too' },
    });
    expect(refused.statusCode, refused.body).toBe(403);
    expect((await api.app.inject({ url: '/api/v1/session', headers: later.headers })).json().roles).toEqual(['viewer']);
    const groups = (await api.call('viewer', { url: '/api/v1/workflow/groups' })).json().items;
    expect(groups.find((g: { name: string }) => g.name === 'cab')).toMatchObject({ providerMembers: [] });
    const shown = (await api.call('viewer', { url: `/api/v1/changes/${first}` })).json();
    expect(JSON.stringify(shown.change.approvals ?? shown.approvals)).toContain('carol');
  });

  it.each<[IdTokenFault, string]>([
    ['tampered', 'a tampered ID token'],
    ['wrong-audience', 'an ID token for another client'],
    ['expired', 'an expired ID token'],
    ['wrong-nonce', 'an ID token with another nonce'],
  ])('refuses %s (%s): no session, no account', async (fault) => {
    const sub = `sub-${fault}`;
    idp.accounts.set(sub, { sub, preferred_username: `user-${fault}`, groups: ['cairn-admins'] });
    idp.fault = fault;
    try {
      const attempt = await signIn(sub);
      expect(attempt.location).toBe('/?sso_error=SSO_TOKEN_INVALID');
      expect(attempt.session).toBeUndefined();
    } finally {
      idp.fault = 'none';
    }
    const users = (await api.call('admin', { url: '/api/v1/users' })).json<{ username: string }[]>();
    expect(users.map((u) => u.username)).not.toContain(`user-${fault}`);
    // The same person signs in once the provider answers properly.
    expect((await signIn(sub)).session).toBeDefined();
  });

  it('refuses an answer whose state is not the one this browser sent, and a callback without a sign-in', async () => {
    const attempt = await signIn('sub-carol', { alterState: true });
    expect(attempt.location).toBe('/?sso_error=SSO_STATE_MISMATCH');
    expect(attempt.session).toBeUndefined();
    const bare = await api.app.inject({ url: '/api/v1/auth/sso/callback?code=abc&state=xyz' });
    expect(bare.statusCode).toBe(303);
    expect(bare.headers.location).toBe('/?sso_error=SSO_STATE_MISMATCH');
  });

  it('over HTTPS keeps the sign-in flow in a __Host- cookie, and ignores one without the prefix', async () => {
    const secureApi = await newApi(harness, { services: { claimMapping: MAPPING }, app: { sso, secureCookies: true } });
    try {
      idp.signInAs('sub-carol');
      const start = await secureApi.app.inject({ url: '/api/v1/auth/sso/login' });
      const setCookie = String(start.headers['set-cookie']);
      expect(setCookie).toMatch(/^__Host-cairn_sso_flow=[^;]+; Path=\/; SameSite=Lax; .*HttpOnly; Secure/);
      const flow = cookieOf(start, '__Host-cairn_sso_flow');
      const back = await idp.authorize(new URL(start.headers.location as string).href);
      // A flow planted without the prefix (what a sibling subdomain can set) is not read.
      const planted = await secureApi.app.inject({
        url: back.pathname + back.search,
        headers: { cookie: `cairn_sso_flow=${flow}` },
      });
      expect(planted.headers.location).toBe('/?sso_error=SSO_STATE_MISMATCH');
      idp.signInAs('sub-carol');
      const again = await secureApi.app.inject({ url: '/api/v1/auth/sso/login' });
      const answer = await idp.authorize(new URL(again.headers.location as string).href);
      const callback = await secureApi.app.inject({
        url: answer.pathname + answer.search,
        headers: { cookie: `__Host-cairn_sso_flow=${cookieOf(again, '__Host-cairn_sso_flow')}` },
      });
      expect(callback.headers.location).toBe('/');
      expect(cookieOf(callback, 'cairn_session')).toBeDefined();
    } finally {
      await secureApi.close();
    }
  });

  it('ends the sessions of a provider session on its front-channel logout, framed only by the provider', async () => {
    const carol = await signIn('sub-carol');
    const row = await api.store.kysely
      .selectFrom('sessions')
      .select('provider_sid')
      .where('provider_sid', 'is not', null)
      .where('username', '=', 'carol')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const sid = row.provider_sid!;
    const wrong = await api.app.inject({
      url: `/api/v1/auth/sso/frontchannel-logout?iss=${encodeURIComponent('https://other.example')}&sid=${sid}`,
    });
    expect(problemOf(wrong).code).toBe('SSO_STATE_MISMATCH');
    expect((await api.app.inject({ url: '/api/v1/session', headers: carol.headers })).statusCode).toBe(200);

    const out = await api.app.inject({
      url: `/api/v1/auth/sso/frontchannel-logout?iss=${encodeURIComponent(idp.issuer)}&sid=${encodeURIComponent(sid)}`,
    });
    expect(out.statusCode, out.body).toBe(200);
    expect(out.headers['content-security-policy']).toContain(`frame-ancestors ${idp.issuer}`);
    expect(out.headers['x-frame-options']).toBeUndefined();
    expect(problemOf(await api.app.inject({ url: '/api/v1/session', headers: carol.headers })).code).toBe(
      'SESSION_EXPIRED',
    );
  });

  it('offers the provider on the login page', async () => {
    expect((await api.app.inject({ url: '/api/ui' })).json().signIn).toEqual({
      local: true,
      provider: { name: 'Test IdP', url: '/api/v1/auth/sso/login' },
    });
  });
});

describe('password sign-in switched off, and no provider configured', () => {
  const harness = engines()[0]!;
  afterAll(() => harness.cleanup());

  it('refuses passwords when local sign-in is off', async () => {
    const api = await newApi(harness, {
      estate: false,
      app: {
        localLogin: false,
        sso: {
          name: 'Keycloak',
          issuer: 'http://127.0.0.1:9/realms/x',
          clientId: 'c',
          scopes: ['openid'],
          mapping: MAPPING,
        },
      },
    });
    await api.s.auth.createUser({ username: 'alice', password: 'a-good-password', roles: ['viewer'] });
    const res = await api.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username: 'alice', password: 'a-good-password' },
    });
    expect(problemOf(res)).toMatchObject({ status: 403, code: 'LOCAL_LOGIN_DISABLED' });
    expect((await api.app.inject({ url: '/api/ui' })).json().signIn).toEqual({
      local: false,
      provider: { name: 'Keycloak', url: '/api/v1/auth/sso/login' },
    });
    // Pipelines keep their Cairn tokens.
    expect((await api.call('viewer', { url: '/api/v1/session' })).statusCode).toBe(200);
    await api.close();
  });

  it('answers SSO_NOT_CONFIGURED without a provider', async () => {
    const api = await newApi(harness, { estate: false });
    expect(problemOf(await api.app.inject({ url: '/api/v1/auth/sso/login' }))).toMatchObject({
      status: 404,
      code: 'SSO_NOT_CONFIGURED',
    });
    expect((await api.app.inject({ url: '/api/ui' })).json().signIn).toEqual({ local: true, provider: null });
    await api.close();
  });
});
