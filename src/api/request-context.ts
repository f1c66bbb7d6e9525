import type {} from '@fastify/swagger';
import type { FastifyReply } from 'fastify';
import { SESSION_TTL_MS } from '../core/auth/auth.service.js';
import type { Action, Principal } from '../core/auth/permissions.js';
import type { DocumentErrors } from '../core/shared/document-schema.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling; set by the auth hook on every /api/v1 route that is not public. */
    principal?: Principal;
    /** Set when this POST reserved an Idempotency-Key, so its answer is stored. */
    idempotencyKey?: string;
  }
  interface FastifyContextConfig {
    /** The permission the route needs (core/auth/permissions.ts); every /api/v1 route declares one or `public`. */
    action?: Action;
    public?: boolean;
    /**
     * The body is a document the core also reads from files (change.yaml, policy.yaml): its
     * schema errors read as the core's, so that a command gives the same error through a server.
     */
    document?: DocumentErrors;
  }
}

/** The principal of an authenticated route (the auth hook guarantees it is set). */
export function principalOf(request: { principal?: Principal }): Principal {
  if (!request.principal) throw new Error('route reached without authentication');
  return request.principal;
}

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeCookieValue(part.slice(eq + 1).trim());
  }
  return undefined;
}

/**
 * A cookie value as this server wrote it (percent-encoded). One that does not decode (`%zz`) was
 * not written by us: it is kept as sent, so it matches no session and the caller gets a 401,
 * not a 500 from a URIError.
 */
function decodeCookieValue(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export function cookie(
  name: string,
  value: string,
  options: { httpOnly: boolean; secure: boolean; maxAgeSeconds: number; sameSite?: 'Strict' | 'Lax'; path?: string },
): string {
  const parts = [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${options.path ?? '/'}`,
    `SameSite=${options.sameSite ?? 'Strict'}`,
    `Max-Age=${options.maxAgeSeconds}`,
  ];
  if (options.httpOnly) parts.push('HttpOnly');
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

/** The session's two cookies: its id (HttpOnly) and the CSRF token the web UI echoes in writes. */
export function setSessionCookies(
  reply: FastifyReply,
  session: { sessionId: string; csrf: string },
  secure: boolean,
): void {
  const maxAgeSeconds = SESSION_TTL_MS / 1000;
  reply.header('set-cookie', [
    cookie(SESSION_COOKIE, session.sessionId, { httpOnly: true, secure, maxAgeSeconds }),
    cookie(CSRF_COOKIE, session.csrf, { httpOnly: false, secure, maxAgeSeconds }),
  ]);
}

export const SESSION_COOKIE = 'cairn_session';
export const CSRF_COOKIE = 'cairn_csrf';
export const CSRF_HEADER = 'x-csrf-token';
