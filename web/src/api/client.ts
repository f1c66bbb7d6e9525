/**
 * A thin fetch wrapper over /api/v1: the session cookie goes along by itself (same origin); writes
 * carry the session's CSRF token in X-CSRF-Token; errors are the API's problem details.
 */

export type Query = Record<string, string | number | readonly string[] | undefined>;

/** An API error: `detail` is the sentence to show to a person. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
  ) {
    super(detail);
  }
}

let csrfToken: string | undefined;
let onUnauthorized: (() => void) | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called when the API answers 401 to an authenticated call: the session ended. */
export function setUnauthorizedHandler(handler: (() => void) | undefined): void {
  onUnauthorized = handler;
}

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) for (const v of value as readonly string[]) params.append(key, v);
    else params.append(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function csrfFromCookie(): string | undefined {
  const m = /(?:^|;\s*)cairn_csrf=([^;]+)/.exec(document.cookie);
  return m?.[1] ? decodeURIComponent(m[1]) : undefined;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  /** Do not treat a 401 as the end of the session (the login call itself). */
  anonymous?: boolean;
  /** The path prefix; default /api/v1. */
  root?: string;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const token = csrfToken ?? csrfFromCookie();
    if (token) headers['x-csrf-token'] = token;
  }
  let response: Response;
  try {
    response = await fetch(withQuery(`${options.root ?? '/api/v1'}${path}`, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The Cairn server cannot be reached: check that `cairn serve` is running.');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const body: unknown = text ? parseJson(text) : undefined;
  if (!response.ok) {
    const problem = (body ?? {}) as { code?: string; detail?: string; title?: string };
    if (response.status === 401 && !options.anonymous) onUnauthorized?.();
    throw new ApiError(response.status, problem.code ?? `HTTP_${response.status}`, problem.detail ?? problem.title ?? `The server answered ${response.status}.`);
  }
  return body as T;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
