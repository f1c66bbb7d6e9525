import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The web UI loads only its own scripts, styles and images, talks only to this server, and may not
 * be framed. No inline script or style is allowed anywhere, so an injected `<script>` never runs.
 * `upgrade-insecure-requests` is left out on purpose: Cairn is often served over plain http on a
 * private network, where it would break the page.
 */
export const EMPTY_STYLE_HASH = 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  // The one inline style allowed is an empty <style data-fullcalendar> (web/index.html): the
  // calendar library adds its rules to it through the CSSOM, which the policy does not restrict, and
  // would otherwise create its own <style>, which it blocks. The hash is that of the empty string, so
  // no inline style with any content can ever apply.
  styleSrc: ["'self'", `'${EMPTY_STYLE_HASH}'`],
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
