import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadServerConfig } from '../../src/config.js';

function configFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'cairn-sso-config-')), 'cairn.yaml');
  writeFileSync(file, text);
  return file;
}

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('no ConfigError');
}

describe('single sign-on settings', () => {
  it('are off without an issuer, and passwords on', () => {
    const c = loadServerConfig({}, {});
    expect(c.sso).toBeUndefined();
    expect(c.localLogin).toBe(true);
  });

  it('come from the file, each overridden by its environment variable, the mapping from the file', () => {
    const file = configFile(
      [
        'localLogin: false',
        'sso:',
        '  name: Keycloak',
        '  issuer: https://id.example.com/realms/ops',
        '  clientId: cairn',
        '  clientSecret: from-the-file',
        '  scopes: [profile, email]',
        '  map:',
        '    - { claim: groups, value: cab-members, groups: [cab], roles: [cab_member] }',
      ].join('\n'),
    );
    const c = loadServerConfig({ config: file }, { CAIRN_SSO_CLIENT_SECRET: 'from-the-environment' });
    expect(c.localLogin).toBe(false);
    expect(c.sso).toEqual({
      name: 'Keycloak',
      issuer: 'https://id.example.com/realms/ops',
      clientId: 'cairn',
      clientSecret: 'from-the-environment',
      scopes: ['openid', 'profile', 'email'],
      mapping: {
        usernameClaim: 'preferred_username',
        defaultRoles: ['viewer'],
        rules: [{ claim: 'groups', value: 'cab-members', groups: ['cab'], roles: ['cab_member'] }],
      },
    });
  });

  it('can be given by the environment alone', () => {
    const c = loadServerConfig(
      {},
      {
        CAIRN_SSO_ISSUER: 'https://login.example.com',
        CAIRN_SSO_CLIENT_ID: 'cairn',
        CAIRN_SSO_SCOPES: 'openid profile,groups',
      },
    );
    expect(c.sso).toMatchObject({ name: 'single sign-on', scopes: ['openid', 'profile', 'groups'] });
    expect(c.sso?.clientSecret).toBeUndefined();
  });

  it('name every problem, including one that would lock everybody out', () => {
    const file = configFile(
      ['sso:', '  clientId: cairn', '  colour: blue', '  map:', '    - { value: x, roles: [boss] }'].join('\n'),
    );
    expect(problemsOf(() => loadServerConfig({ config: file }, {}))).toEqual([
      `${file}: unknown setting sso.colour (known: name, issuer, clientId, clientSecret, redirectUrl, scopes, usernameClaim, defaultRoles, map)`,
      'single sign-on needs the issuer URL (CAIRN_SSO_ISSUER or sso.issuer)',
    ]);
    expect(
      problemsOf(() =>
        loadServerConfig(
          { config: configFile('sso:\n  issuer: ftp://x\n  map:\n    - { value: x, roles: [boss] }\n') },
          {},
        ),
      ),
    ).toEqual([
      'sso.issuer: "ftp://x" is not an http(s) URL',
      'single sign-on needs the client id (CAIRN_SSO_CLIENT_ID or sso.clientId)',
      expect.stringMatching(/sso\.map\[0\]\.roles\[0\]: "boss" is not a role$/),
    ]);
    expect(problemsOf(() => loadServerConfig({}, { CAIRN_LOCAL_LOGIN: 'false' }))).toEqual([
      'localLogin is false but single sign-on is not configured (CAIRN_SSO_ISSUER): nobody could sign in',
    ]);
  });

  it('load every ready configuration of docs/sso.md as it is written', () => {
    const page = readFileSync(new URL('../../docs/sso.md', import.meta.url), 'utf8');
    const examples = [...page.matchAll(/```yaml\n([\s\S]*?)```/g)]
      .map((m) => m[1]!)
      .filter((y) => y.includes('issuer:'));
    expect(examples.map((y) => /name: (\w+)/.exec(y)?.[1])).toEqual(['Keycloak', 'Microsoft', 'Okta']);
    for (const yaml of examples) {
      const c = loadServerConfig({ config: configFile(yaml) }, { CAIRN_SSO_CLIENT_SECRET: 'a-secret' });
      expect(c.sso?.mapping.rules.length).toBeGreaterThan(0);
      expect(c.sso?.clientSecret).toBe('a-secret');
    }
  });
});
