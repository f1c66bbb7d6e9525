import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserEnabled,
  newPage,
  openBrowser,
  saveScreenshot,
  seriousA11yViolations,
  startDemoProcess,
  WIDTHS,
  type DemoProcess,
} from '../../helpers/browser.js';
import { startTestProvider, type TestProvider } from '../../helpers/oidc-provider.js';

/**
 * Heidi signs in with the identity provider from the login page, in Chromium, and lands on the
 * dashboard as a CAB member (her group at the provider). Cairn is reached as `localhost` and the
 * provider as `127.0.0.1`: two sites, so the way back from the provider is a cross-site
 * navigation, as in production, and the cookies' SameSite settings are put to the test.
 */
describe.runIf(browserEnabled)('signing in at the identity provider from the web UI', () => {
  let idp: TestProvider;
  let cairn: DemoProcess;
  let browser: Browser;
  let site: string;
  const dir = mkdtempSync(join(tmpdir(), 'cairn-sso-'));

  beforeAll(async () => {
    idp = await startTestProvider();
    idp.accounts.set('sub-heidi', {
      sub: 'sub-heidi',
      preferred_username: 'heidi',
      name: 'Heidi Example',
      email: 'heidi@example.com',
      groups: ['cab-members'],
    });
    const config = join(dir, 'cairn.yaml');
    writeFileSync(
      config,
      'sso:\n  map:\n    - { claim: groups, value: cab-members, groups: [cab], roles: [cab_member] }\n',
    );
    cairn = await startDemoProcess({
      env: {
        CAIRN_CONFIG: config,
        CAIRN_SSO_NAME: 'Test IdP',
        CAIRN_SSO_ISSUER: idp.issuer,
        CAIRN_SSO_CLIENT_ID: idp.clientId,
        CAIRN_SSO_CLIENT_SECRET: idp.clientSecret,
        CAIRN_SSO_SCOPES: 'openid profile email groups',
      },
    });
    site = cairn.url.replace('127.0.0.1', 'localhost');
    idp.setRedirectUri(`${site}/api/v1/auth/sso/callback`);
    browser = await openBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await cairn?.stop();
    await idp?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const width of WIDTHS) {
    it(`offers "Sign in with Test IdP" and signs Heidi in with her provider group, at ${width} px`, async () => {
      idp.signInAs('sub-heidi');
      const { page, consoleErrors } = await newPage(browser, { width });
      await page.goto(site);
      const signIn = page.getByRole('link', { name: 'Sign in with Test IdP' });
      await signIn.waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await saveScreenshot(page, `sso-login-page-${width}`);

      await signIn.click();
      await page.getByRole('heading', { name: 'Good to see you, heidi' }).waitFor();
      expect(new URL(page.url()).origin).toBe(site);
      const session = await page.evaluate(async () => (await fetch('/api/v1/session')).json());
      expect(session).toMatchObject({ name: 'heidi', roles: expect.arrayContaining(['cab_member', 'viewer']) });
      await saveScreenshot(page, `sso-signed-in-${width}`);
      expect(consoleErrors).toEqual([]);
      await page.context().close();
    });
  }

  it('says why when the provider’s answer is refused, and signs nobody in', async () => {
    idp.signInAs('sub-heidi');
    idp.fault = 'expired';
    try {
      const { page } = await newPage(browser, { width: WIDTHS[1] });
      await page.goto(site);
      await page.getByRole('link', { name: 'Sign in with Test IdP' }).click();
      await page.getByRole('alert').filter({ hasText: 'could not be verified' }).waitFor();
      expect(new URL(page.url()).search).toBe('');
      await saveScreenshot(page, 'sso-refused');
      await page.context().close();
    } finally {
      idp.fault = 'none';
    }
  });
});
