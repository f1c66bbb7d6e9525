import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { ProblemDetails } from '../../contracts/common.js';

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
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger());
}
