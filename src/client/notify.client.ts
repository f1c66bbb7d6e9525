import type {
  NotificationPage,
  NotificationPreferencesView,
  NotifyTestResult,
  PreferencesBody,
} from '../contracts/notify.contracts.js';

/** The caller's notifications, preferences and test messages. */
export interface NotifyClient {
  list(query: { limit?: number; unread?: boolean }): Promise<NotificationPage>;
  preferences(): Promise<NotificationPreferencesView>;
  setPreferences(body: PreferencesBody): Promise<NotificationPreferencesView>;
  /** Sends a test message now; `to` is `me` or a username (admins). */
  test(channel: 'email' | 'chat', to?: string): Promise<NotifyTestResult>;
}
