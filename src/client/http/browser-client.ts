import type { SessionView } from '../../contracts/auth.contracts.js';
import type { UiInfo } from '../../contracts/ui.contracts.js';
import type { AccountsClient } from '../accounts.client.js';
import type { AuditClient } from '../audit.client.js';
import type { DashboardSummary } from '../../contracts/summary.contracts.js';
import type { PipelineQuery, PipelineView } from '../../contracts/pipeline.contracts.js';
import type { CairnClient } from '../client.js';
import type { SessionClient } from '../session.client.js';
import { httpAccountsClient } from './accounts.http.js';
import { httpAuditClient } from './audit.http.js';
import { createHttpClient } from './http-client.js';
import { HttpTransport } from './transport.js';

/** The cookie the server sets at login beside the session cookie, readable by the page (see api/plugins/auth.ts). */
const CSRF_COOKIE = 'cairn_csrf';
const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface BrowserClient extends CairnClient {
  session: SessionClient;
  /** Logins and the role table: the administration pages' (the CLI manages users with the services). */
  accounts: AccountsClient;
  /** Recorded verifications of the audit chain: the audit page's. */
  audit: AuditClient;
  /** The dashboard's counts in one request (the web UI's first page; the CLI has `cairn report status`). */
  summary(): Promise<DashboardSummary>;
  /** The release pipeline, services × environments (the web UI's view; the CLI has `release list|deployments`). */
  pipeline(query?: PipelineQuery): Promise<PipelineView>;
}

export interface BrowserClientOptions {
  /** The server's address; default the page's own origin. */
  base?: string;
  /** Called when the server answers 401: the session ended (or the login was refused). */
  onUnauthorized?: () => void;
  /** Default the browser's fetch; a test passes one that keeps cookies. */
  fetch?: typeof fetch;
}

/**
 * The client of the web UI: the HTTP transport with the session cookie (sent by the browser on
 * its own, same origin) and, on writes, the session's CSRF token in the header the server's auth
 * checks. The token is the one the last login or session call answered, else the CSRF cookie's
 * (a page reloaded while logged in).
 */
export function createBrowserClient(options: BrowserClientOptions = {}): BrowserClient {
  let csrfToken: string | undefined;
  const http = new HttpTransport({
    base: options.base ?? pageOrigin(),
    credentials: 'same-origin',
    headers: (method): Record<string, string> => {
      const token = SAFE_METHODS.has(method) ? undefined : (csrfToken ?? csrfFromCookie());
      return token ? { [CSRF_HEADER]: token } : {};
    },
    onUnauthorized: options.onUnauthorized,
    fetch: options.fetch,
  });
  const remember = (session: SessionView): SessionView => {
    csrfToken = session.csrfToken;
    return session;
  };
  const session: SessionClient = {
    ui: () => http.get<UiInfo>('api/ui'),
    current: () => http.get<SessionView>('api/v1/session').then(remember),
    login: (username, password) => http.post<SessionView>('api/v1/session', { username, password }).then(remember),
    async logout() {
      await http.json('DELETE', 'api/v1/session');
      csrfToken = undefined;
    },
  };
  return {
    ...createHttpClient(http),
    session,
    accounts: httpAccountsClient(http),
    audit: httpAuditClient(http),
    summary: () => http.get<DashboardSummary>('api/v1/summary'),
    pipeline: (query = {}) => http.get<PipelineView>('api/v1/releases/pipeline', { ...query }),
  };
}

// The client is type-checked for Node too (no DOM types): the page's globals are looked up, not assumed.
const page = globalThis as { location?: { origin: string }; document?: { cookie: string } };

function pageOrigin(): string {
  if (!page.location) throw new Error("createBrowserClient outside a browser needs the server's address (base)");
  return page.location.origin;
}

function csrfFromCookie(): string | undefined {
  const m = new RegExp(`(?:^|;\\s*)${CSRF_COOKIE}=([^;]+)`).exec(page.document?.cookie ?? '');
  return m?.[1] ? decodeURIComponent(m[1]) : undefined;
}
