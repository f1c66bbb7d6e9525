import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { describeFlow, seriousA11yViolations } from '../../helpers/browser.js';
import { startTestProvider, type TestProvider } from '../../helpers/oidc-provider.js';

/**
 * Heidi signs in with the identity provider from the login page, in Chromium, and lands on the
 * dashboard as a CAB member (her group at the provider); an answer the provider spoiled signs
 * nobody in. Cairn is reached as `localhost` and the provider as `127.0.0.1`: two sites, so the
 * way back from the provider is a cross-site navigation, as in production, and the cookies'
 * SameSite settings are put to the test.
 */
let idp: TestProvider;
const dir = mkdtempSync(join(tmpdir(), 'cairn-sso-'));
const config = join(dir, 'cairn.yaml');

// The provider starts before the demo (the file's hooks run before the flow's), which names it.
beforeAll(async () => {
  idp = await startTestProvider();
  idp.accounts.set('sub-heidi', {
    sub: 'sub-heidi',
    preferred_username: 'heidi',
    name: 'Heidi Example',
    email: 'heidi@example.com',
    groups: ['cab-members'],
  });
  writeFileSync(
    config,
    'sso:\n  map:\n    - { claim: groups, value: cab-members, groups: [cab], roles: [cab_member] }\n',
  );
});
afterAll(async () => {
  await idp?.close();
  rmSync(dir, { recursive: true, force: true });
});

describeFlow(
  'signing in at the identity provider from the web UI',
  async (flow) => {
    const site = flow.demo.url.replace('127.0.0.1', 'localhost');
    idp.setRedirectUri(`${site}/api/v1/auth/sso/callback`);
    idp.signInAs('sub-heidi');

    // A refused answer from the provider says why, and signs nobody in.
    idp.fault = 'expired';
    try {
      const refused = await flow.page();
      await refused.goto(site);
      await refused.getByRole('link', { name: 'Sign in with Test IdP' }).click();
      await refused.getByRole('alert').filter({ hasText: 'could not be verified' }).waitFor();
      expect(new URL(refused.url()).search).toBe('');
      await flow.screenshot(refused, 'sso-refused');
    } finally {
      idp.fault = 'none';
    }

    const page = await flow.page();
    await page.goto(site);
    const signIn = page.getByRole('link', { name: 'Sign in with Test IdP' });
    await signIn.waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await flow.screenshot(page, 'sso-login-page');

    await signIn.click();
    await page.getByRole('heading', { name: 'Good to see you, heidi' }).waitFor();
    expect(new URL(page.url()).origin).toBe(site);
    const session = await page.evaluate(async () => (await fetch('/api/v1/session')).json());
    expect(session).toMatchObject({ name: 'heidi', roles: expect.arrayContaining(['cab_member', 'viewer']) });
    await flow.screenshot(page, 'sso-signed-in');
  },
  {
    demo: () => ({
      env: {
        CAIRN_CONFIG: config,
        CAIRN_SSO_NAME: 'Test IdP',
        CAIRN_SSO_ISSUER: idp.issuer,
        CAIRN_SSO_CLIENT_ID: idp.clientId,
        CAIRN_SSO_CLIENT_SECRET: idp.clientSecret,
        CAIRN_SSO_SCOPES: 'openid profile email groups',
      },
    }),
  },
);
