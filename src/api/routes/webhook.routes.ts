import type { FastifyInstance } from 'fastify';
import { webhookView } from '../../core/events/webhook.types.js';
import { Empty, IdempotencyHeaders, PageQuery, responses } from '../../contracts/common.js';
import {
  CreateWebhookBody,
  DeliveryPage,
  DeliveryParams,
  DeliveryQuery,
  Queued,
  UpdateWebhookBody,
  WebhookCreated,
  WebhookPage,
  WebhookParams,
  WebhookView,
} from '../../contracts/webhook.contracts.js';
import type {
  CreateWebhookBody as CreateBody,
  UpdateWebhookBody as UpdateBody,
} from '../../contracts/webhook.contracts.js';
import { principalOf } from '../request-context.js';
import type { ApiServices } from '../services.js';

/** Webhook subscriptions, their delivery log, replay and ping. */
export function webhookRoutes(app: FastifyInstance, s: ApiServices): void {
  const config = { action: 'webhook:manage' as const };

  app.get<{ Querystring: { limit?: number; cursor?: string } }>(
    '/api/v1/webhooks',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Webhook subscriptions, oldest first (never their secrets)',
        querystring: PageQuery,
        response: responses({ 200: WebhookPage }),
      },
      config,
    },
    async (req) => s.webhooks.page(req.query),
  );

  app.post<{ Body: CreateBody }>(
    '/api/v1/webhooks',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Subscribe a URL to events; the signing secret is returned once',
        headers: IdempotencyHeaders,
        body: CreateWebhookBody,
        response: responses({ 201: WebhookCreated }, [422]),
      },
      config,
    },
    async (req, reply) => {
      const w = await s.webhooks.create(req.body, principalOf(req).name);
      reply.code(201).header('location', `/api/v1/webhooks/${w.id}`);
      return { ...webhookView(w), secret: w.secret };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/webhooks/:id',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'One subscription',
        params: WebhookParams,
        response: responses({ 200: WebhookView }, [404]),
      },
      config,
    },
    async (req) => webhookView(await s.webhooks.get(req.params.id)),
  );

  app.patch<{ Params: { id: string }; Body: UpdateBody }>(
    '/api/v1/webhooks/:id',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Change a subscription’s URL, events, description or active flag',
        params: WebhookParams,
        body: UpdateWebhookBody,
        response: responses({ 200: WebhookView }, [404]),
      },
      config,
    },
    async (req) => webhookView(await s.webhooks.update(req.params.id, req.body)),
  );

  app.delete<{ Params: { id: string } }>(
    '/api/v1/webhooks/:id',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Remove a subscription',
        params: WebhookParams,
        response: responses({ 204: Empty }, [404]),
      },
      config,
    },
    async (req, reply) => {
      await s.webhooks.remove(req.params.id);
      return reply.code(204).send();
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/webhooks/:id/ping',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Queue a webhook.ping delivery to test the receiver',
        params: WebhookParams,
        response: responses({ 202: Queued }, [404]),
      },
      config,
    },
    async (req, reply) => {
      const job = await s.webhooks.ping(req.params.id);
      void s.jobs.poll();
      reply.code(202);
      return { job };
    },
  );

  app.get<{ Params: { id: string }; Querystring: { limit?: number; cursor?: string } }>(
    '/api/v1/webhooks/:id/deliveries',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Delivery attempts, newest first, with the receiver’s answers',
        params: WebhookParams,
        querystring: DeliveryQuery,
        response: responses({ 200: DeliveryPage }, [404]),
      },
      config,
    },
    async (req) => s.webhooks.deliveryPage(req.params.id, req.query),
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/webhook-deliveries/:id/replay',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Deliver a logged delivery’s event again (same event id)',
        params: DeliveryParams,
        response: responses({ 202: Queued }, [404]),
      },
      config,
    },
    async (req, reply) => {
      const job = await s.webhooks.replay(req.params.id);
      void s.jobs.poll();
      reply.code(202);
      return { job };
    },
  );
}
