import { ProblemError, UnreachableError } from '../errors.js';

export type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

export interface TransportOptions {
  /** The server's address: `https://cairn.example.org` (the API lives under /api). */
  base: string;
  /** Headers of every request: a bearer token from the CLI, a CSRF token from the browser. */
  headers?: (method: string) => Record<string, string>;
  /** `same-origin` in the browser, so that the session cookie goes along. */
  credentials?: 'same-origin' | 'include' | 'omit';
  /** Called when the server answers 401: the session ended. */
  onUnauthorized?: () => void;
  /** The fetch to send with; default the global one. A test passes one that keeps cookies as a browser does. */
  fetch?: typeof fetch;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * fetch() against a Cairn server, in Node and in the browser alike: JSON in and out, and the
 * server's problem details (RFC 9457) turned into a ProblemError carrying its sentence.
 */
export class HttpTransport {
  constructor(private readonly options: TransportOptions) {}

  get base(): string {
    return this.options.base;
  }

  async json<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const text = await this.send(method, path, options, 'application/json');
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  /** A request whose answer is text, not JSON (an iCalendar feed). */
  async text(path: string, query?: Query): Promise<string> {
    return this.send('GET', path, { query }, '*/*');
  }

  get<T>(path: string, query?: Query): Promise<T> {
    return this.json<T>('GET', path, { query });
  }

  post<T>(path: string, body: unknown, query?: Query): Promise<T> {
    return this.json<T>('POST', path, { body, query });
  }

  private async send(method: string, path: string, options: RequestOptions, accept: string): Promise<string> {
    const url = withQuery(
      new URL(path.replace(/^\//, ''), this.options.base.endsWith('/') ? this.options.base : `${this.options.base}/`),
      options.query,
    );
    const headers: Record<string, string> = { accept, ...this.options.headers?.(method), ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const send = this.options.fetch ?? globalThis.fetch;
    let res: Response;
    try {
      res = await send(url, {
        method,
        headers,
        credentials: this.options.credentials,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
    } catch (e) {
      throw new UnreachableError(`cannot reach the Cairn server at ${this.options.base}: ${reason(e)}`);
    }
    const text = await res.text();
    if (!res.ok) {
      if (res.status === 401) this.options.onUnauthorized?.();
      const problem = parseProblem(text);
      throw new ProblemError(
        res.status,
        problem?.code ?? `HTTP_${res.status}`,
        problem?.detail ?? problem?.title ?? `the server answered ${res.status} ${res.statusText}`,
        problem?.errors,
      );
    }
    return text;
  }
}

function withQuery(url: URL, query: Query = {}): URL {
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    for (const item of Array.isArray(value) ? (value as readonly string[]) : [value])
      url.searchParams.append(key, String(item));
  }
  return url;
}

function parseProblem(
  text: string,
): { code?: string; detail?: string; title?: string; errors?: { path: string; message: string }[] } | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null ? v : undefined;
  } catch {
    return undefined;
  }
}

/** fetch() hides the cause ("fetch failed"); the cause says what went wrong (ECONNREFUSED, ENOTFOUND). */
function reason(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (e as Error).message;
}

/** `class/name` as two path segments, the name's slashes encoded. */
export function ciPath(ref: string): string {
  const slash = ref.indexOf('/');
  return `${encodeURIComponent(ref.slice(0, slash))}/${encodeURIComponent(ref.slice(slash + 1))}`;
}
