import type { SsoSettings } from '../../config.js';
import type { ProviderIdentity } from '../../core/auth/sso.service.js';
import { HttpProblem } from '../errors.js';

import type * as OpenIdClientModule from 'openid-client';

type OpenIdClient = typeof OpenIdClientModule;
type Configuration = OpenIdClientModule.Configuration;

/** What the browser carries from the redirect to the provider back to the callback (in a cookie). */
export interface SignInFlow {
  state: string;
  nonce: string;
  /** The PKCE code verifier; the provider saw only its S256 challenge. */
  verifier: string;
  redirectUri: string;
  /** The page of Cairn to open after signing in (a path of this site). */
  returnTo: string;
}

/**
 * Cairn as an OpenID Connect relying party, with `openid-client` doing the protocol: the
 * authorization code flow with PKCE (S256), state and nonce, and the ID token's signature,
 * issuer, audience, expiry and nonce verified (non-repudiation checks on: the signature is
 * checked even though the token came straight from the token endpoint). The provider's metadata
 * is discovered at the first sign-in and kept; a failed discovery is tried again next time.
 */
export class RelyingParty {
  private configuration: Promise<{ lib: OpenIdClient; config: Configuration }> | undefined;

  constructor(readonly settings: SsoSettings) {}

  /** Where to send the browser, and what it must bring back. */
  async start(redirectUri: string, returnTo: string): Promise<{ url: string; flow: SignInFlow }> {
    const { lib, config } = await this.discovered();
    const flow: SignInFlow = {
      state: lib.randomState(),
      nonce: lib.randomNonce(),
      verifier: lib.randomPKCECodeVerifier(),
      redirectUri,
      returnTo,
    };
    const url = lib.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: this.settings.scopes.join(' '),
      response_type: 'code',
      code_challenge: await lib.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    return { url: url.href, flow };
  }

  /**
   * Redeems the code of the callback (its full URL) for tokens and returns who signed in: the
   * verified ID token's claims, completed by the userinfo endpoint's when the provider has one
   * (Okta and others put groups only there). Throws an HttpProblem saying what was wrong.
   */
  async finish(callbackUrl: URL, flow: SignInFlow): Promise<ProviderIdentity> {
    // Checked here first so that a forged or stale callback is named as such.
    if (callbackUrl.searchParams.get('state') !== flow.state)
      throw new HttpProblem(
        'SSO_STATE_MISMATCH',
        'the sign-in answer does not belong to the sign-in this browser started: start again',
      );
    const { lib, config } = await this.discovered();
    let tokens: Awaited<ReturnType<OpenIdClient['authorizationCodeGrant']>>;
    try {
      tokens = await lib.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
    } catch (e) {
      throw refusal(lib, e);
    }
    const claims = tokens.claims();
    if (!claims) throw new HttpProblem('SSO_TOKEN_INVALID', 'the identity provider returned no ID token');
    const all: Record<string, unknown> = { ...claims };
    if (config.serverMetadata().userinfo_endpoint) {
      try {
        const info = await lib.fetchUserInfo(config, tokens.access_token, claims.sub);
        for (const [k, v] of Object.entries(info)) if (!(k in all)) all[k] = v;
      } catch (e) {
        throw refusal(lib, e);
      }
    }
    return { subject: claims.sub, claims: all, ...(typeof claims.sid === 'string' ? { sid: claims.sid } : {}) };
  }

  /** The issuer as its metadata names it (front-channel logout requests carry it as `iss`). */
  async issuer(): Promise<string> {
    return (await this.discovered()).config.serverMetadata().issuer;
  }

  private discovered(): Promise<{ lib: OpenIdClient; config: Configuration }> {
    this.configuration ??= this.discover().catch((e: unknown) => {
      this.configuration = undefined;
      throw e;
    });
    return this.configuration;
  }

  private async discover(): Promise<{ lib: OpenIdClient; config: Configuration }> {
    // Loaded on the first sign-in: a server without single sign-on, and the CLI, never load it.
    const lib = await import('openid-client');
    const { issuer, clientId, clientSecret } = this.settings;
    const url = new URL(issuer);
    // Plain http only to a provider on this machine (a test or development provider); never across a network.
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    try {
      const config = await lib.discovery(
        url,
        clientId,
        undefined,
        clientSecret === undefined ? lib.None() : lib.ClientSecretBasic(clientSecret),
        { execute: loopback && url.protocol === 'http:' ? [lib.allowInsecureRequests] : [] },
      );
      lib.enableNonRepudiationChecks(config);
      return { lib, config };
    } catch (e) {
      throw new HttpProblem(
        'SSO_PROVIDER_ERROR',
        `the identity provider at ${issuer} cannot be reached or did not describe itself: ${(e as Error).message}`,
      );
    }
  }
}

/** An error of the code exchange, the ID token or the userinfo, as the problem a person is shown. */
function refusal(lib: OpenIdClient, e: unknown): HttpProblem {
  if (e instanceof lib.AuthorizationResponseError || e instanceof lib.ResponseBodyError)
    return new HttpProblem(
      'SSO_PROVIDER_ERROR',
      `the identity provider refused the sign-in: ${e.error}${e.error_description ? ` (${e.error_description})` : ''}`,
    );
  if (e instanceof lib.ClientError)
    return new HttpProblem('SSO_TOKEN_INVALID', `the identity provider's answer was refused: ${e.message}`);
  return new HttpProblem(
    'SSO_PROVIDER_ERROR',
    `the identity provider could not be reached: ${(e as Error).message ?? String(e)}`,
  );
}
