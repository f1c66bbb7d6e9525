import type { SessionView } from '../contracts/auth.contracts.js';
import type { UiInfo } from '../contracts/ui.contracts.js';

/**
 * A browser's session with a Cairn server: log in with a password (the server sets the session
 * cookie and answers the CSRF token the client sends back on writes), and what the UI needs first.
 */
export interface SessionClient {
  /** Public: demo mode and its logins, the server's version and the core's vocabulary. */
  ui(): Promise<UiInfo>;
  /** Who the session cookie belongs to, with the actions their roles allow. */
  current(): Promise<SessionView>;
  login(username: string, password: string): Promise<SessionView>;
  logout(): Promise<void>;
}
