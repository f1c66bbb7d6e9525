import type { Services } from '../../app/services.js';
import { NotificationPage, NotificationPreferencesView } from '../../contracts/notify.contracts.js';
import type { NotifyClient } from '../notify.client.js';
import { inContractShape } from './contract-shape.js';
import type { LocalSession } from './session.js';

/** Notifications in-process, for the acting person (`--as`, else the author); `--to` names anyone. */
export function localNotifyClient(s: Pick<Services, 'notifications'>, session: LocalSession): NotifyClient {
  return {
    list: async (query) =>
      inContractShape(
        NotificationPage,
        await s.notifications.page(session.actor, { limit: query.limit, unreadOnly: query.unread }),
      ),
    markRead: async (id) => {
      const marked = await s.notifications.markRead(session.actor, id);
      return { marked, unread: await s.notifications.unreadCount(session.actor) };
    },
    preferences: async () =>
      inContractShape(NotificationPreferencesView, await s.notifications.preferences(session.actor)),
    setPreferences: async (body) =>
      inContractShape(NotificationPreferencesView, await s.notifications.setPreferences(session.actor, body)),
    test: (channel, to) => s.notifications.test(to === undefined || to === 'me' ? session.actor : to, channel),
  };
}
