import type { Services } from '../../app/services.js';
import { outcomeJson } from '../../core/cmdb/write-views.js';
import type { ModelClient } from '../model.client.js';
import type { TokensClient } from '../tokens.client.js';
import type { UsersClient } from '../users.client.js';
import type { WebhooksClient } from '../webhooks.client.js';
import { webhookView } from '../../core/events/webhook.types.js';
import { deliveryView, groupView, mapPage, tokenView, userView } from './admin-views.js';
import type { LocalSession } from './session.js';

/** The class registry in-process. */
export function localModelClient(s: Pick<Services, 'model'>, session: LocalSession): ModelClient {
  return {
    classes: (at) => s.model.classes(at),
    getClass: (name) => s.model.getClass(name),
    apply: async (document, message) =>
      outcomeJson(await s.model.apply(document, session.meta(message ?? 'class apply'))),
  };
}

/** The workflow's people and groups in-process. */
export function localUsersClient(s: Pick<Services, 'policies'>): UsersClient {
  return {
    listUsers: async (query) => mapPage(await s.policies.userPage(query), userView),
    addUser: async (name, details = {}) => userView(await s.policies.addUser(name, details)),
    listGroups: async (query) => mapPage(await s.policies.groupPage(query), groupView),
    addGroup: async (name, description) => groupView(await s.policies.addGroup(name, description)),
    addMember: async (group, user) => groupView(await s.policies.addMember(group, user)),
  };
}

/** API tokens in-process: whoever can open the database manages them; the author creates. */
export function localTokensClient(s: Pick<Services, 'auth'>, session: LocalSession): TokensClient {
  return {
    async create(input) {
      const { token, record } = await s.auth.createToken({ ...input, createdBy: session.meta('').author });
      return { ...tokenView(record), token };
    },
    list: async (query) => mapPage(await s.auth.tokenPage(query), tokenView),
    revoke: async (idOrName) => tokenView(await s.auth.revokeToken(idOrName)),
  };
}

/** Webhooks in-process; a replay is queued in the database for a running server to deliver. */
export function localWebhooksClient(s: Pick<Services, 'webhooks'>, session: LocalSession): WebhooksClient {
  return {
    async add(input) {
      const w = await s.webhooks.create(input, session.meta('').author);
      return { ...webhookView(w), secret: w.secret };
    },
    list: async (query) => mapPage(await s.webhooks.page(query), webhookView),
    remove: (id) => s.webhooks.remove(id),
    deliveries: async (id, query) => mapPage(await s.webhooks.deliveryPage(id, query), deliveryView),
    replay: async (deliveryId) => ({ job: await s.webhooks.replay(deliveryId) }),
  };
}
