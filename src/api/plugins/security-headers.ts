import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The web UI loads only its own scripts, styles and images, talks only to this server, and may not
 * be framed. No inline script or style is allowed anywhere, so an injected `<script>` never runs.
 * `upgrade-insecure-requests` is left out on purpose: Cairn is often served over plain http on a
 * private network, where it would break the page.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  manifestSrc: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  objectSrc: ["'none'"],
  scriptSrcAttr: ["'none'"],
};

/**
 * Security headers on every response (helmet's set: nosniff, frame denial, referrer policy,
 * cross-origin isolation of windows and resources, HSTS for browsers that reached us over TLS)
 * with the strict policy above. Swagger UI at /api/docs sets its own, looser policy for its pages.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  });
}
