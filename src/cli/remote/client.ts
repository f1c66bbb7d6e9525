import { CairnError } from '../../core/shared/errors.js';

/** An error answered by the server: its problem details' sentence, printed like a local error (exit 1). */
export class RemoteError extends CairnError {
  constructor(
    readonly status: number,
    code: string,
    message: string,
  ) {
    super(code, message);
  }
}

/** The server could not be reached; the CLI exits 2 on it. */
export class RemoteUnavailableError extends Error {}

type Query = Record<string, string | number | string[] | undefined>;

/**
 * A small typed client of the Cairn HTTP API, for the CLI's remote mode (`--server URL` with
 * CAIRN_TOKEN). Paths and shapes follow src/contracts; errors arrive as problem details.
 */
export class CairnClient {
  constructor(
    private readonly base: string,
    private readonly token: string | undefined,
  ) {}

  async request<T>(method: string, path: string, options: { query?: Query; body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
    const url = new URL(path, this.base.endsWith('/') ? this.base : `${this.base}/`);
    for (const [k, v] of Object.entries(options.query ?? {})) {
      if (v === undefined) continue;
      for (const item of Array.isArray(v) ? v : [v]) url.searchParams.append(k, String(item));
    }
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(url, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    } catch (e) {
      throw new RemoteUnavailableError(`cannot reach the Cairn server at ${this.base}: ${(e as Error).message}`);
    }
    const text = await res.text();
    if (!res.ok) {
      const problem = safeJson(text) as { code?: string; detail?: string } | undefined;
      throw new RemoteError(res.status, problem?.code ?? `HTTP_${res.status}`, problem?.detail ?? `the server answered ${res.status} ${res.statusText}`);
    }
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  /** A GET whose answer is text (an iCalendar feed), not JSON. */
  async getText(path: string, query?: Query): Promise<string> {
    const url = new URL(path, this.base.endsWith('/') ? this.base : `${this.base}/`);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) for (const item of Array.isArray(v) ? v : [v]) url.searchParams.append(k, String(item));
    const res = await fetch(url, { headers: this.token ? { authorization: `Bearer ${this.token}` } : {} }).catch((e: unknown) => {
      throw new RemoteUnavailableError(`cannot reach the Cairn server at ${this.base}: ${(e as Error).message}`);
    });
    if (!res.ok) throw new RemoteError(res.status, `HTTP_${res.status}`, `the server answered ${res.status} ${res.statusText}`);
    return res.text();
  }

  get<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>('GET', path, { query });
  }

  post<T>(path: string, body: unknown, query?: Query): Promise<T> {
    return this.request<T>('POST', path, { body, query });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `class/name` as two path segments, the name's slashes encoded. */
export function ciPath(ref: string): string {
  const slash = ref.indexOf('/');
  return `${encodeURIComponent(ref.slice(0, slash))}/${encodeURIComponent(ref.slice(slash + 1))}`;
}
