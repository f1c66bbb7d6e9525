import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { registerGauges } from '../plugins/metric-gauges.js';
import type { HttpMetrics } from '../plugins/metrics.js';
import type { ApiServices } from '../services.js';

/** Extra Prometheus text from other modules (changes by state, when the change workflow is served). */
export type MetricsSource = () => Promise<string>;

/** Liveness, readiness (the database answers) and Prometheus metrics; no authentication. */
export function opsRoutes(
  app: FastifyInstance,
  s: ApiServices,
  metrics: HttpMetrics,
  extra: MetricsSource[] = [],
): void {
  const Status = Type.Object({ status: Type.String(), revision: Type.Optional(Type.Integer()) });
  app.get(
    '/healthz',
    {
      schema: { tags: ['operations'], summary: 'The process is up', response: { 200: Status } },
      config: { public: true },
    },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/readyz',
    {
      schema: { tags: ['operations'], summary: 'The database is reachable', response: { 200: Status, 503: Status } },
      config: { public: true },
    },
    async (_req, reply) => {
      try {
        return { status: 'ready', revision: await s.history.headRev() };
      } catch {
        return reply.code(503).send({ status: 'database unreachable' });
      }
    },
  );

  registerGauges(metrics, s, app.log);
  app.get(
    '/metrics',
    {
      schema: { tags: ['operations'], summary: 'Prometheus metrics', produces: ['text/plain'] },
      config: { public: true },
    },
    async (_req, reply) => {
      const parts = [await metrics.render()];
      for (const source of extra) {
        try {
          parts.push(`${await source()}\n`);
        } catch (e) {
          reply.log.warn({ err: e }, 'metrics: a metrics source is unavailable');
        }
      }
      return reply.type('text/plain; version=0.0.4').send(parts.join('\n'));
    },
  );
}
