import type { FastifyInstance } from 'fastify';

/**
 * The web UI loads only its own scripts, styles and images, talks only to this server, and may not
 * be framed. No inline script or style is allowed anywhere, so an injected `<script>` never runs.
 * `upgrade-insecure-requests` is left out on purpose: Cairn is often served over plain http on a
 * private network, where it would break the page.
 */
export const EMPTY_STYLE_HASH = 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';

const CONTENT_SECURITY_POLICY: [directive: string, sources: string][] = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  // The one inline style allowed is an empty <style data-fullcalendar> (web/index.html): the
  // calendar library adds its rules to it through the CSSOM, which the policy does not restrict, and
  // would otherwise create its own <style>, which it blocks. The hash is that of the empty string, so
  // no inline style with any content can ever apply.
  ['style-src', `'self' '${EMPTY_STYLE_HASH}'`],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['manifest-src', "'self'"],
  ['frame-ancestors', "'none'"],
  ['base-uri', "'self'"],
  ['form-action', "'self'"],
  ['object-src', "'none'"],
  ['script-src-attr', "'none'"],
];

/**
 * Security headers on every response: the set helmet gave this server (nosniff, frame denial,
 * referrer policy, cross-origin isolation of windows and resources, HSTS, which browsers heed only
 * over TLS, and helmet's legacy defaults) with the strict policy above, written out once. helmet
 * rebuilt its middleware and re-parsed the policy on every request, a tenth of a GET's time in
 * the profile (issue 14). Pages that need another policy set theirs over this one: Swagger UI at
 * /api/docs, the printable reports, the single sign-on logout page.
 */
const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': CONTENT_SECURITY_POLICY.map(([d, s]) => `${d} ${s}`).join(';'),
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'same-origin',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'DENY',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
});

const ENTRIES = Object.entries(SECURITY_HEADERS);

/**
 * Sets them, and the request id (`x-request-id`), first thing, so that every answer has them:
 * data, problems (the error handler keeps the reply's headers), not-found answers and static
 * files. One callback hook for both: each hook is a step of every request, and an async one
 * would cost a promise. The request id was set by an `onSend` hook, whose runner every answer
 * then went through (issue 14).
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    for (const [name, value] of ENTRIES) reply.header(name, value);
    done();
  });
}
