import type { FastifyInstance } from 'fastify';
import { IdempotencyHeaders, responses } from '../../contracts/common.js';
import {
  CreateIncidentBody,
  InboundBody,
  InboundParams,
  InboundQuery,
  InboundResultView,
  IncidentPage,
  IncidentParams,
  IncidentQuery,
  IncidentView,
  LinkIncidentBody,
  ResolveIncidentBody,
  UpdateIncidentBody,
} from '../../contracts/incident.contracts.js';
import { principalOf } from '../request-context.js';
import type { ApiServices } from '../services.js';

const ONE = '/api/v1/incidents/:id';

/** Incidents (`cairn incident`): recorded by those who run the services, or posted by a service desk. */
export function incidentRoutes(app: FastifyInstance, s: ApiServices): void {
  app.get<{ Querystring: IncidentQuery }>(
    '/api/v1/incidents',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Incidents, newest start first (`cairn incident list`); `release=S@V` gives a release’s',
        querystring: IncidentQuery,
        response: responses({ 200: IncidentPage }),
      },
      config: { action: 'incident:read' },
    },
    async (req) => s.incidents.list(req.query),
  );

  app.post<{ Body: CreateIncidentBody }>(
    '/api/v1/incidents',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Record an incident (`cairn incident record`)',
        headers: IdempotencyHeaders,
        body: CreateIncidentBody,
        response: responses({ 201: IncidentView }, [404, 409]),
      },
      config: { action: 'incident:record' },
    },
    async (req, reply) => {
      reply.code(201);
      return s.incidents.record(req.body, principalOf(req).name);
    },
  );

  app.get<{ Params: IncidentParams }>(
    ONE,
    {
      schema: {
        tags: ['incidents'],
        summary: 'One incident (`cairn incident show`)',
        params: IncidentParams,
        response: responses({ 200: IncidentView }, [404]),
      },
      config: { action: 'incident:read' },
    },
    async (req) => s.incidents.get(req.params.id),
  );

  app.patch<{ Params: IncidentParams; Body: UpdateIncidentBody }>(
    ONE,
    {
      schema: {
        tags: ['incidents'],
        summary: 'Change an incident’s title, severity, times or ticket; endedAt on an open one resolves it',
        params: IncidentParams,
        body: UpdateIncidentBody,
        response: responses({ 200: IncidentView }, [404, 409]),
      },
      config: { action: 'incident:record' },
    },
    async (req) => s.incidents.update(req.params.id, req.body, principalOf(req).name),
  );

  app.post<{ Params: IncidentParams; Body: ResolveIncidentBody }>(
    `${ONE}/resolve`,
    {
      schema: {
        tags: ['incidents'],
        summary: 'Resolve an open incident: service restored at endedAt, or now (`cairn incident resolve`)',
        params: IncidentParams,
        body: ResolveIncidentBody,
        response: responses({ 200: IncidentView }, [404, 409]),
      },
      config: { action: 'incident:record' },
    },
    async (req) => s.incidents.resolve(req.params.id, principalOf(req).name, req.body?.endedAt),
  );

  app.post<{ Params: IncidentParams; Body: LinkIncidentBody }>(
    `${ONE}/link`,
    {
      schema: {
        tags: ['incidents'],
        summary: 'Trace an incident to the change and/or deployment that caused it (`cairn incident link`)',
        params: IncidentParams,
        body: LinkIncidentBody,
        response: responses({ 200: IncidentView }, [404]),
      },
      config: { action: 'incident:record' },
    },
    async (req) => s.incidents.link(req.params.id, req.body, principalOf(req).name),
  );

  app.post<{ Params: InboundParams; Querystring: InboundQuery; Body: InboundBody }>(
    '/api/v1/incidents/inbound/:system',
    {
      schema: {
        tags: ['incidents'],
        summary:
          'A service desk’s webhook (servicenow, jira, glpi, zammad): records the ticket’s incident, then updates it (docs/incidents.md)',
        params: InboundParams,
        querystring: InboundQuery,
        body: InboundBody,
        response: responses({ 200: InboundResultView, 201: InboundResultView }, [404, 409]),
      },
      config: { action: 'incident:inbound' },
    },
    async (req, reply) => {
      const result = await s.inboundIncidents.receive(
        req.params.system,
        req.body,
        principalOf(req).name,
        req.query.service,
      );
      reply.code(result.created ? 201 : 200);
      return result;
    },
  );
}
