import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { ProblemDetails } from '../../contracts/common.js';

/**
 * Swagger UI's pages get their own policy over the strict default: it sets inline styles. Not the
 * plugin's own (`staticCSP: true`), whose `upgrade-insecure-requests` makes the page fetch its
 * document over https, and hang, when Cairn is served over plain http.
 */
const SWAGGER_UI_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The OpenAPI 3.1 document, generated from the routes' TypeBox schemas, at /api/openapi.json,
 * and Swagger UI at /api/docs. Shared schemas (ProblemDetails) become components by their $id.
 */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  app.addSchema(ProblemDetails);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Cairn API',
        version,
        description: 'A versioned CMDB with controlled change. Errors are RFC 9457 problem details.',
      },
      components: {
        securitySchemes: {
          bearerToken: { type: 'http', scheme: 'bearer', description: 'An API token from `cairn token create`' },
          sessionCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: 'cairn_session',
            description: 'From POST /api/v1/session; writes also need X-CSRF-Token',
          },
        },
      },
      security: [{ bearerToken: [] }, { sessionCookie: [] }],
    },
    refResolver: {
      buildLocalReference: (json, _base, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
    },
    hideUntagged: true,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: SWAGGER_UI_POLICY });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger());
}
