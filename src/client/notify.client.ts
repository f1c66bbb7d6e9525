import type {
  MarkedRead,
  NotificationPage,
  NotificationPreferencesView,
  NotifyTestResult,
  PreferencesBody,
} from '../contracts/notify.contracts.js';

/** The caller's notifications, preferences and test messages. */
export interface NotifyClient {
  list(query: { limit?: number; unread?: boolean }): Promise<NotificationPage>;
  /** Marks one notification read, or all of them without an id. */
  markRead(id?: string): Promise<MarkedRead>;
  preferences(): Promise<NotificationPreferencesView>;
  setPreferences(body: PreferencesBody): Promise<NotificationPreferencesView>;
  /** Sends a test message now; `to` is `me` or a username (admins). */
  test(channel: 'email' | 'chat', to?: string): Promise<NotifyTestResult>;
}
