import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuthService } from '../../core/auth/auth.service.js';
import type { Action, Principal } from '../../core/auth/permissions.js';
import { sameSecret } from '../../core/auth/token.js';
import { AuthenticationError } from '../../core/shared/errors.js';
import { HttpProblem } from '../errors.js';
import { CSRF_HEADER, readCookie, SESSION_COOKIE } from '../request-context.js';
import { ConnectionSecret } from './connection-secret.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * Authentication and authorization for /api/v1: a bearer API token or a session cookie; the
 * route's declared action is checked against the caller's roles. Runs on `onRequest`, before
 * the body is read, so an anonymous caller learns nothing about the input.
 */
export function registerAuth(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('principal', undefined);

  app.addHook('onRoute', (route) => {
    const config = route.config as { action?: string; public?: boolean } | undefined;
    if (route.url.startsWith('/api/v1') && !config?.action && !config?.public) {
      throw new Error(`route ${route.method.toString()} ${route.url} declares neither an action nor public`);
    }
  });

  // A callback hook: a token this process trusts already is answered without a promise (most
  // requests); anything else waits for `authenticate`. A throw is the runner's error, as from an
  // async hook.
  const bearerKeys = new ConnectionSecret((header) => {
    const m = BEARER.exec(header);
    return m ? auth.tokenKey(m[1]!) : undefined;
  });
  const sessionKeys = new ConnectionSecret((sessionId) => auth.sessionKey(sessionId));

  app.addHook('onRequest', (request, _reply, done) => {
    const config = request.routeOptions.config;
    const action = config.action;
    if (config.public || !action) {
      done();
      return;
    }
    const trusted = trustedPrincipal(request, auth, bearerKeys, sessionKeys);
    if (trusted) {
      admit(request, trusted, action, auth);
      done();
      return;
    }
    authenticate(request, auth)
      .then((principal) => admit(request, principal, action, auth))
      .then(() => done(), done);
  });
}

function admit(request: FastifyRequest, principal: Principal, action: Action, auth: AuthService): void {
  request.principal = principal;
  auth.authorize(principal, action);
}

/**
 * The principal of the bearer token or session cookie sent, when the auth service trusts it
 * without a look-up and nothing else refuses it (a write by session needs its CSRF token);
 * otherwise undefined, and `authenticate` decides and says why.
 */
function trustedPrincipal(
  request: FastifyRequest,
  auth: AuthService,
  bearerKeys: ConnectionSecret,
  sessionKeys: ConnectionSecret,
): Principal | undefined {
  const connection = request.raw.socket;
  const header = request.headers.authorization;
  if (header) {
    const key = bearerKeys.key(connection, header);
    return key === undefined ? undefined : auth.trustedTokenByKey(key);
  }
  const sessionId = readCookie(request.headers.cookie, SESSION_COOKIE);
  const key = sessionId ? sessionKeys.key(connection, sessionId) : undefined;
  const principal = key === undefined ? undefined : auth.trustedSessionByKey(key);
  if (!principal) return undefined;
  return SAFE_METHODS.has(request.method) || csrfMatches(request.headers[CSRF_HEADER], principal.csrf)
    ? principal
    : undefined;
}

async function authenticate(request: FastifyRequest, auth: AuthService): Promise<Principal> {
  const header = request.headers.authorization;
  if (header) {
    const m = BEARER.exec(header);
    if (!m) throw new AuthenticationError('BAD_AUTHORIZATION', 'the Authorization header must be `Bearer <token>`');
    return auth.fromToken(m[1]!);
  }
  const sessionId = readCookie(request.headers.cookie, SESSION_COOKIE);
  if (sessionId) {
    const principal = await auth.fromSession(sessionId);
    if (!principal)
      throw new AuthenticationError(
        'SESSION_EXPIRED',
        'the session has expired or ended: log in again at POST /api/v1/session',
      );
    // Cookies are sent by the browser on its own: a write must also prove it comes from our page.
    if (!SAFE_METHODS.has(request.method) && !csrfMatches(request.headers[CSRF_HEADER], principal.csrf)) {
      throw new HttpProblem(
        'CSRF_TOKEN_INVALID',
        `a write made with a session cookie needs the ${CSRF_HEADER} header holding the session's csrfToken`,
      );
    }
    return principal;
  }
  throw new AuthenticationError(
    'AUTHENTICATION_REQUIRED',
    'log in (POST /api/v1/session) or send an API token as `Authorization: Bearer <token>`',
  );
}

/** Compared in constant time, so that the answer's timing tells nothing of the session's token. */
function csrfMatches(sent: string | string[] | undefined, expected: string | undefined): boolean {
  return typeof sent === 'string' && expected !== undefined && sameSecret(sent, expected);
}
