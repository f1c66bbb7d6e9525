import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';

/** A person at the test provider: their claims are read at each sign-in, so a test may change them. */
export interface TestAccount {
  sub: string;
  preferred_username?: string;
  email?: string;
  name?: string;
  groups?: string[];
}

/** How the provider misbehaves on its next token responses (a real provider, its answer altered). */
export type IdTokenFault =
  | 'none'
  /** A claim added after signing: the signature no longer matches. */
  | 'tampered'
  /** Re-signed with the provider's own key, for another client. */
  | 'wrong-audience'
  /** Re-signed with the provider's own key, expired an hour ago. */
  | 'expired'
  /** Re-signed with the provider's own key, with a nonce the relying party never sent. */
  | 'wrong-nonce';

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, TestAccount>;
  /** Who signs in next, in a fresh browser (the account's sub). */
  signInAs(sub: string): void;
  fault: IdTokenFault;
  /** Registers the client's redirect URI, when it was not known at start (a server on a port of its own). */
  setRedirectUri(uri: string): void;
  /** Follows the provider's redirects from an authorization URL to the redirect back to the client. */
  authorize(url: string): Promise<URL>;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (`oidc-provider`) on the loopback interface, with one
 * confidential client. Logins are decided by the test (`signInAs`) rather than by a form, and the
 * client's grant is given without a consent screen, as a first-party provider does.
 */
export async function startTestProvider(options: { redirectUri?: string } = {}): Promise<TestProvider> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const accounts = new Map<string, TestAccount>();
  let current: string | undefined;
  const clientId = 'cairn';
  const clientSecret = 'a-client-secret-long-enough-for-hs256-0123456789';
  const http = createServer();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  const configuration = (redirectUri: string): Configuration => ({
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        // Makes the provider put its session id (sid) in the ID token, as front-channel logout needs.
        backchannel_logout_uri: 'http://127.0.0.1:9/backchannel',
        backchannel_logout_session_required: true,
      },
    ],
    jwks: { keys: [jwk] },
    features: { devInteractions: { enabled: false }, backchannelLogout: { enabled: true } },
    scopes: ['openid', 'profile', 'email', 'groups'],
    claims: { openid: ['sub'], profile: ['preferred_username', 'name'], email: ['email'], groups: ['groups'] },
    pkce: { required: () => true },
    findAccount: (_ctx, sub) => {
      const account = accounts.get(sub);
      return account ? { accountId: sub, claims: () => ({ ...account }) } : undefined;
    },
    // First-party: the client gets the scopes and claims it asks for, without a consent screen.
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope('openid profile email groups');
      grant.addOIDCClaims(['preferred_username', 'name', 'email', 'groups', 'sid']);
      await grant.save();
      return grant;
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  });
  const state = { fault: 'none' as IdTokenFault };
  let provider: Provider | undefined;
  let callback: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const build = (redirectUri: string) => {
    provider = new Provider(issuer, configuration(redirectUri));
    provider.use(async (ctx, next) => {
      await next();
      const body = ctx.body as { id_token?: string } | undefined;
      if (ctx.path === '/token' && body?.id_token && state.fault !== 'none') {
        ctx.body = { ...body, id_token: alter(body.id_token, state.fault, privateKey) };
      }
    });
    callback = provider.callback();
  };
  if (options.redirectUri) build(options.redirectUri);
  http.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!provider || !callback) {
      res.statusCode = 503;
      res.end('no client registered yet (setRedirectUri)');
      return;
    }
    if (req.url?.startsWith('/interaction/')) {
      void (async () => {
        try {
          if (!current) throw new Error('the test chose nobody to sign in (signInAs)');
          await provider.interactionFinished(
            req,
            res,
            { login: { accountId: current } },
            { mergeWithLastSubmission: false },
          );
        } catch (e) {
          res.statusCode = 500;
          res.end(String(e));
        }
      })();
      return;
    }
    callback(req, res);
  });

  const jar = new Map<string, string>();
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    setRedirectUri: build,
    signInAs: (sub) => {
      current = sub;
      jar.clear(); // a fresh browser: no session at the provider yet, so it asks who signs in
    },
    get fault() {
      return state.fault;
    },
    set fault(f: IdTokenFault) {
      state.fault = f;
    },
    async authorize(url) {
      let next = new URL(url);
      for (let hop = 0; hop < 10; hop++) {
        if (next.origin !== issuer) return next;
        const res = await fetch(next, {
          redirect: 'manual',
          headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
        });
        for (const c of res.headers.getSetCookie()) {
          const [pair] = c.split(';');
          const eq = pair!.indexOf('=');
          jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
        }
        const location = res.headers.get('location');
        if (!location) throw new Error(`the provider answered ${res.status} without a redirect: ${await res.text()}`);
        next = new URL(location, next);
      }
      throw new Error('too many redirects at the provider');
    },
    async close() {
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** The ID token as a faulty provider would send it. */
function alter(idToken: string, fault: IdTokenFault, key: KeyObject): string {
  const [header, payload, signature] = idToken.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  const now = Math.floor(Date.now() / 1000);
  if (fault === 'tampered') {
    // Someone on the way grants themselves the admins' group; the signature stays the provider's.
    const forged = Buffer.from(JSON.stringify({ ...claims, groups: ['cairn-admins'] })).toString('base64url');
    return `${header}.${forged}.${signature}`;
  }
  const changed =
    fault === 'wrong-audience'
      ? { ...claims, aud: 'another-client' }
      : fault === 'expired'
        ? { ...claims, iat: now - 7200, exp: now - 3600 }
        : { ...claims, nonce: 'a-nonce-cairn-never-sent' };
  const body = `${header}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}`;
  return `${body}.${sign('sha256', Buffer.from(body), createPrivateKey(key.export({ format: 'pem', type: 'pkcs8' }))).toString('base64url')}`;
}
