import type { FastifyInstance } from 'fastify';
import { responses } from '../../contracts/common.js';
import { UnresolvedRefPage, UnresolvedRefsQuery } from '../../contracts/refs.contracts.js';
import type { ApiServices } from '../services.js';

/** References imports kept because their target was not there yet: `cairn list refs --unresolved`, the CI page. */
export function refsRoutes(app: FastifyInstance, s: ApiServices): void {
  app.get<{ Querystring: UnresolvedRefsQuery }>(
    '/api/v1/refs',
    {
      schema: {
        tags: ['cmdb'],
        summary:
          'References imports read whose target was neither in their input nor in the CMDB: waiting, or resolved into relationships',
        querystring: UnresolvedRefsQuery,
        response: responses({ 200: UnresolvedRefPage }),
      },
      config: { action: 'cmdb:read' },
    },
    async (req) => s.cmdb.unresolvedRefPage(req.query),
  );
}
