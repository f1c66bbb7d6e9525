import { Type, type Static } from '@sinclair/typebox';
import { Page } from './common.js';

export const WebhookView = Type.Object(
  {
    id: Type.String(),
    url: Type.String(),
    events: Type.Array(Type.String()),
    description: Type.String(),
    active: Type.Boolean(),
    createdBy: Type.String(),
    createdAt: Type.String(),
  },
  { title: 'Webhook' },
);
export type WebhookView = Static<typeof WebhookView>;
export const WebhookPage = Page(WebhookView, 'WebhookPage');
export const WebhookCreated = Type.Composite(
  [WebhookView, Type.Object({ secret: Type.String({ description: 'The HMAC key; shown once' }) })],
  { title: 'WebhookCreated' },
);
export type WebhookCreated = Static<typeof WebhookCreated>;

export const CreateWebhookBody = Type.Object(
  {
    url: Type.String({ minLength: 1, maxLength: 2000 }),
    events: Type.Optional(
      Type.Array(Type.String(), { minItems: 1, description: 'revision.created, change.*, drift.detected, * …' }),
    ),
    description: Type.Optional(Type.String({ maxLength: 500 })),
    secret: Type.Optional(Type.String({ minLength: 16, maxLength: 200 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateWebhookBody = Static<typeof CreateWebhookBody>;
export const UpdateWebhookBody = Type.Partial(Type.Omit(CreateWebhookBody, ['secret']), {
  additionalProperties: false,
});
export type UpdateWebhookBody = Static<typeof UpdateWebhookBody>;
export const WebhookParams = Type.Object({ id: Type.String({ minLength: 1 }) });

export const DeliveryView = Type.Object(
  {
    id: Type.String(),
    webhookId: Type.String(),
    eventId: Type.String(),
    eventType: Type.String(),
    attempt: Type.Integer(),
    status: Type.String(),
    responseStatus: Type.Union([Type.Integer(), Type.Null()]),
    responseBody: Type.Union([Type.String(), Type.Null()]),
    error: Type.Union([Type.String(), Type.Null()]),
    durationMs: Type.Integer(),
    at: Type.String(),
    nextAttemptAt: Type.Union([Type.String(), Type.Null()]),
  },
  { title: 'Delivery' },
);
export type DeliveryView = Static<typeof DeliveryView>;
export const DeliveryPage = Page(DeliveryView, 'DeliveryPage');
export const DeliveryQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 50 })),
  cursor: Type.Optional(Type.String()),
});
export const DeliveryParams = Type.Object({ id: Type.String({ minLength: 1 }) });
export const Queued = Type.Object({ job: Type.String() }, { title: 'Queued' });
export type Queued = Static<typeof Queued>;
