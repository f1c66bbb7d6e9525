import type { FastifyInstance } from 'fastify';
import { mayDo } from '../../core/auth/permissions.js';
import { NotAllowedError } from '../../core/shared/errors.js';
import { responses } from '../../contracts/common.js';
import {
  GroupDefaultsBody,
  GroupDefaultsParams,
  GroupDefaultsView,
  MarkedRead,
  NotificationDeliveries,
  NotificationPage,
  NotificationParams,
  NotificationPreferencesView,
  NotificationQuery,
  NotifyTestBody,
  NotifyTestResult,
  PreferencesBody,
} from '../../contracts/notify.contracts.js';
import type {
  GroupDefaultsBody as GroupBody,
  NotificationQuery as Query,
  NotifyTestBody as TestBody,
  PreferencesBody as PrefsBody,
} from '../../contracts/notify.contracts.js';
import { principalOf } from '../request-context.js';
import type { ApiServices } from '../services.js';

/**
 * The caller's own notifications and preferences (every signed-in person: `cmdb:read`), and
 * the defaults per group (admins: `user:manage`).
 */
export function notifyRoutes(app: FastifyInstance, s: ApiServices): void {
  const own = { action: 'cmdb:read' as const };
  const tags = ['notifications'];

  app.get<{ Querystring: Query }>(
    '/api/v1/notifications',
    {
      schema: {
        tags,
        summary: 'The caller’s notifications in the bell, newest first, with the unread count',
        querystring: NotificationQuery,
        response: responses({ 200: NotificationPage }),
      },
      config: own,
    },
    async (req) =>
      s.notifications.page(principalOf(req).name, {
        limit: req.query.limit,
        cursor: req.query.cursor,
        unreadOnly: req.query.unread,
      }),
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark one of the caller’s notifications read',
        params: NotificationParams,
        response: responses({ 200: MarkedRead }, [404]),
      },
      config: own,
    },
    async (req) => {
      const user = principalOf(req).name;
      const marked = await s.notifications.markRead(user, req.params.id);
      return { marked, unread: await s.notifications.unreadCount(user) };
    },
  );

  app.post(
    '/api/v1/notifications/read-all',
    {
      schema: { tags, summary: 'Mark all the caller’s notifications read', response: responses({ 200: MarkedRead }) },
      config: own,
    },
    async (req) => {
      const user = principalOf(req).name;
      const marked = await s.notifications.markRead(user);
      return { marked, unread: await s.notifications.unreadCount(user) };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/notifications/:id/deliveries',
    {
      schema: {
        tags,
        summary: 'The delivery log of one of the caller’s notifications (each email and chat attempt)',
        params: NotificationParams,
        response: responses({ 200: NotificationDeliveries }, [404]),
      },
      config: own,
    },
    async (req) => ({ items: await s.notifications.deliveries(principalOf(req).name, req.params.id) }),
  );

  app.get(
    '/api/v1/notification-preferences',
    {
      schema: {
        tags,
        summary: 'The caller’s channels per kind of notification, what applies, digest and chat webhook',
        response: responses({ 200: NotificationPreferencesView }),
      },
      config: own,
    },
    async (req) => s.notifications.preferences(principalOf(req).name),
  );

  app.put<{ Body: PrefsBody }>(
    '/api/v1/notification-preferences',
    {
      schema: {
        tags,
        summary: 'Change the caller’s preferences; fields left out stay as they are',
        body: PreferencesBody,
        response: responses({ 200: NotificationPreferencesView }),
      },
      config: own,
    },
    async (req) => s.notifications.setPreferences(principalOf(req).name, req.body),
  );

  app.get<{ Params: { group: string } }>(
    '/api/v1/notification-defaults/:group',
    {
      schema: {
        tags,
        summary: 'The channels per kind for the members of a group who chose none themselves',
        params: GroupDefaultsParams,
        response: responses({ 200: GroupDefaultsView }),
      },
      config: { action: 'user:manage' },
    },
    async (req) => ({ group: req.params.group, kinds: await s.notifications.groupDefaults(req.params.group) }),
  );

  app.put<{ Params: { group: string }; Body: GroupBody }>(
    '/api/v1/notification-defaults/:group',
    {
      schema: {
        tags,
        summary: 'Set a group’s defaults (a kind set to null goes back to the built-in default)',
        params: GroupDefaultsParams,
        body: GroupDefaultsBody,
        response: responses({ 200: GroupDefaultsView }),
      },
      config: { action: 'user:manage' },
    },
    async (req) => ({
      group: req.params.group,
      kinds: await s.notifications.setGroupDefaults(req.params.group, req.body.kinds),
    }),
  );

  app.post<{ Body: TestBody }>(
    '/api/v1/notifications/test',
    {
      schema: {
        tags,
        summary: 'Send a test message now by email or chat, to the caller (or, for admins, to anyone)',
        body: NotifyTestBody,
        response: responses({ 200: NotifyTestResult }),
      },
      config: own,
    },
    async (req) => {
      const p = principalOf(req);
      const to = req.body.to === undefined || req.body.to === 'me' ? p.name : req.body.to;
      if (to !== p.name && !mayDo(p.roles, 'user:manage'))
        throw new NotAllowedError('FORBIDDEN', 'only an admin may send a test message to someone else');
      return s.notifications.test(to, req.body.channel);
    },
  );
}
