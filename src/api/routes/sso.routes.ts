import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SsoSettings } from '../../config.js';
import { CairnError } from '../../core/shared/errors.js';
import type { ErrorCode } from '../../core/shared/error-codes.js';
import {
  FrontChannelLogoutQuery,
  Redirect,
  SsoCallbackQuery,
  SsoLoginQuery,
  type FrontChannelLogoutQuery as LogoutQuery,
  type SsoLoginQuery as LoginQuery,
} from '../../contracts/sso.contracts.js';
import { responses } from '../../contracts/common.js';
import { HttpProblem } from '../errors.js';
import { cookie, readCookie, setSessionCookies } from '../request-context.js';
import { RelyingParty, type SignInFlow } from '../sso/relying-party.js';
import type { ApiServices } from '../services.js';

export const SSO_LOGIN_PATH = '/api/v1/auth/sso/login';
const CALLBACK_PATH = '/api/v1/auth/sso/callback';
/**
 * Over HTTPS the flow cookie carries the `__Host-` prefix: browsers then accept it only with
 * Secure, Path=/ and no Domain, so a sibling subdomain cannot plant its own sign-in flow in the
 * browser (login CSRF by cookie tossing). Plain HTTP (a laptop) cannot use the prefix.
 */
const flowCookieName = (secure: boolean) => (secure ? '__Host-cairn_sso_flow' : 'cairn_sso_flow');
const FLOW_TTL_S = 600;

/**
 * Single sign-on with OpenID Connect: the login redirect, the callback, and the provider's
 * front-channel logout. Registered whether or not a provider is configured (they answer
 * SSO_NOT_CONFIGURED then), so that the API's description does not depend on the settings.
 */
export function ssoRoutes(
  app: FastifyInstance,
  s: ApiServices,
  options: { sso?: SsoSettings; secureCookies: 'auto' | boolean },
): void {
  const rp = options.sso ? new RelyingParty(options.sso) : undefined;
  const provider = (): RelyingParty => {
    if (!rp)
      throw new HttpProblem(
        'SSO_NOT_CONFIGURED',
        'single sign-on is not configured on this server: sign in with a username and password',
      );
    return rp;
  };
  const secure = (req: FastifyRequest) =>
    options.secureCookies === 'auto' ? req.protocol === 'https' : options.secureCookies;

  app.get<{ Querystring: LoginQuery }>(
    SSO_LOGIN_PATH,
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in at the identity provider: redirects the browser there (authorization code flow with PKCE)',
        security: [],
        querystring: SsoLoginQuery,
        response: responses({ 302: Redirect }, [404, 502]),
      },
      config: { public: true },
    },
    async (req, reply) => {
      const party = provider();
      const redirectUri = party.settings.redirectUrl ?? `${req.protocol}://${req.host}${CALLBACK_PATH}`;
      const { url, flow } = await party.start(redirectUri, safeReturnTo(req.query.returnTo));
      // SameSite=Lax, not Strict: the provider sends the browser back from its own site, and a
      // Strict cookie would stay behind on that cross-site navigation.
      reply.header(
        'set-cookie',
        flowCookie(Buffer.from(JSON.stringify(flow)).toString('base64url'), secure(req), FLOW_TTL_S),
      );
      return reply.code(302).header('location', url).header('cache-control', 'no-store').send();
    },
  );

  app.get(
    CALLBACK_PATH,
    {
      schema: {
        tags: ['auth'],
        summary:
          'Where the identity provider sends the browser back: verifies the answer, signs the user in and redirects to the web UI (on failure to /?sso_error=CODE)',
        security: [],
        querystring: SsoCallbackQuery,
        response: responses({ 303: Redirect }),
      },
      config: { public: true },
    },
    async (req, reply) => {
      reply.header('set-cookie', flowCookie('', secure(req), 0)).header('cache-control', 'no-store');
      try {
        const flow = readFlow(req, secure(req));
        const identity = await provider().finish(new URL(req.url, flow.redirectUri), flow);
        const session = await s.sso.signIn(identity);
        setSessionCookies(reply, session, secure(req));
        req.log.info({ user: session.principal.name, created: session.created }, 'signed in at the identity provider');
        return await reply.code(303).header('location', flow.returnTo).send();
      } catch (e) {
        if (!(e instanceof CairnError)) throw e;
        const code = String(e.code as ErrorCode);
        req.log.warn({ code, reason: e.message }, 'single sign-on refused');
        return reply
          .code(303)
          .header('location', `/?sso_error=${encodeURIComponent(code)}`)
          .send();
      }
    },
  );

  app.get<{ Querystring: LogoutQuery }>(
    '/api/v1/auth/sso/frontchannel-logout',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Front-channel logout (OpenID Connect Front-Channel Logout 1.0): the provider, in a hidden frame, ends the Cairn sessions of its session `sid`',
        security: [],
        querystring: FrontChannelLogoutQuery,
        response: responses({ 200: Type.String({ description: 'an empty HTML page' }) }, [404, 502]),
      },
      config: { public: true },
    },
    async (req, reply) => frontChannelLogout(req, reply, s, provider()),
  );
}

/**
 * Ends the sessions of the provider's session. Only the provider's own pages may frame this
 * answer: the strict policy forbids every frame, so this one route names the issuer's origin in
 * frame-ancestors (and drops X-Frame-Options, which cannot name an origin). Without a matching
 * `iss` and a `sid` nothing is ended.
 */
async function frontChannelLogout(
  req: FastifyRequest<{ Querystring: LogoutQuery }>,
  reply: FastifyReply,
  s: ApiServices,
  party: RelyingParty,
): Promise<string> {
  const issuer = await party.issuer();
  const { iss, sid } = req.query;
  if (iss !== issuer || !sid)
    throw new HttpProblem(
      'SSO_STATE_MISMATCH',
      `a front-channel logout needs iss (${issuer}) and sid: the request named ${iss ? `issuer ${iss}` : 'no issuer'}${sid ? '' : ' and no sid'}`,
    );
  const ended = await s.auth.logoutProviderSession(sid);
  req.log.info({ ended }, 'front-channel logout');
  reply
    .removeHeader('x-frame-options')
    .header(
      'content-security-policy',
      `default-src 'none'; frame-ancestors ${new URL(issuer).origin}; base-uri 'none'; form-action 'none'`,
    )
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8');
  return '<!doctype html><title>Signed out of Cairn</title>';
}

function readFlow(req: FastifyRequest, secure: boolean): SignInFlow {
  const raw = readCookie(req.headers.cookie, flowCookieName(secure));
  const refuse = () =>
    new HttpProblem(
      'SSO_STATE_MISMATCH',
      'this browser started no sign-in, or started it more than 10 minutes ago (cookies blocked?): start again',
    );
  if (!raw) throw refuse();
  try {
    const flow = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<SignInFlow>;
    const fields = [flow.state, flow.nonce, flow.verifier, flow.redirectUri, flow.returnTo];
    if (fields.some((f) => typeof f !== 'string')) throw refuse();
    return { ...(flow as SignInFlow), returnTo: safeReturnTo(flow.returnTo) };
  } catch {
    throw refuse();
  }
}

/** Only a path of this site: an absolute or protocol-relative URL would make Cairn an open redirector. */
function safeReturnTo(value: string | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value;
}

function flowCookie(value: string, secure: boolean, maxAgeSeconds: number): string {
  return cookie(flowCookieName(secure), value, {
    httpOnly: true,
    secure,
    maxAgeSeconds,
    sameSite: 'Lax',
    path: secure ? '/' : '/api/v1/auth/sso',
  });
}
