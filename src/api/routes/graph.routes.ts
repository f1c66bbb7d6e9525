import type { FastifyInstance } from 'fastify';
import { CiRefParams, responses } from '../../contracts/common.js';
import { CiNeighbourhoodQuery, Neighbourhood, NeighbourhoodQuery } from '../../contracts/graph.contracts.js';
import type { ApiServices } from '../services.js';
import { refArg, resolveAt } from './route-helpers.js';

/** The graph around CIs, for drawing: one CI's neighbourhood, or several CIs' (a change's) at once. */
export function graphRoutes(app: FastifyInstance, s: ApiServices): void {
  // The current state is read from the in-memory graph: bring it to the head revision first.
  const catchUpIfNow = async (at: number | undefined) => {
    if (at === undefined) await s.graphSync.catchUp();
  };

  app.get<{ Params: CiRefParams; Querystring: CiNeighbourhoodQuery }>(
    '/api/v1/cis/:class/:name/neighbourhood',
    {
      schema: {
        tags: ['cis'],
        summary: 'The CIs within a depth of this one (either way) and the relationships among them',
        params: CiRefParams,
        querystring: CiNeighbourhoodQuery,
        response: responses({ 200: Neighbourhood }, [404]),
      },
      config: { action: 'cmdb:read' },
    },
    async (req) => {
      const at = await resolveAt(s, req.query.at);
      await catchUpIfNow(at);
      return s.neighbourhood.neighbourhoodOf([req.params], { depth: req.query.depth, limit: req.query.limit, at });
    },
  );

  app.get<{ Querystring: NeighbourhoodQuery }>(
    '/api/v1/neighbourhood',
    {
      schema: {
        tags: ['cmdb'],
        summary:
          'The CIs within a depth of any of these (either way) and the relationships among them; those of them that do not exist are named in missing',
        querystring: NeighbourhoodQuery,
        response: responses({ 200: Neighbourhood }, [404]),
      },
      config: { action: 'cmdb:read' },
    },
    async (req) => {
      const at = await resolveAt(s, req.query.at);
      await catchUpIfNow(at);
      return s.neighbourhood.neighbourhoodOf(
        req.query.ci.map((r, i) => refArg(r, `query.ci[${i}]`)),
        { depth: req.query.depth, limit: req.query.limit, at, skipMissing: true },
      );
    },
  );
}
