import type { Transition } from '../../../src/contracts/change.contracts.js';
import { request, setCsrfToken } from './client.js';
import type { BaselineView, DriftFinding, CalendarEntry, Change, ChangeView, CiPageView, CiView, Diff, Impact, ModelClass, Relation, RevisionPageView, Session, UiInfo } from './types.js';

/** `class/name` → the path of that CI under /cis (a `/` in the name is sent as %2F). */
export function ciPath(ref: string): string {
  const slash = ref.indexOf('/');
  return `/cis/${ref.slice(0, slash)}/${encodeURIComponent(ref.slice(slash + 1))}`;
}

export const api = {
  ui: () => request<UiInfo>('/ui', { anonymous: true, root: '/api' }),
  session: () => request<Session>('/session', { anonymous: true }),
  async login(username: string, password: string): Promise<Session> {
    const session = await request<Session>('/session', { method: 'POST', body: { username, password }, anonymous: true });
    setCsrfToken(session.csrfToken);
    return session;
  },
  async logout(): Promise<void> {
    await request<undefined>('/session', { method: 'DELETE', anonymous: true });
    setCsrfToken(undefined);
  },

  classes: () => request<{ classes: ModelClass[] }>('/classes').then((m) => m.classes),
  cis: (query: { class?: string; status?: string[]; label?: string[]; limit?: number; cursor?: string; at?: string }) => request<CiPageView>('/cis', { query }),
  ci: (ref: string, at?: string) => request<CiView>(ciPath(ref), { query: { at } }),
  relations: (ref: string, at?: string) => request<Relation[]>(`${ciPath(ref)}/relations`, { query: { at } }),
  impact: (ref: string, at?: string, depth = 6) => request<Impact>('/impact', { query: { ci: [ref], depth, at } }),

  revisions: (query: { ci?: string; limit?: number; cursor?: string } = {}) => request<RevisionPageView>('/revisions', { query }),
  diff: (from: string, to?: string) => request<Diff>('/diff', { query: { from, to } }),
  baselines: () => request<BaselineView[]>('/baselines'),
  createBaseline: (body: { name: string; description?: string; at?: string }) => request<BaselineView>('/baselines', { method: 'POST', body }),

  // One page, at its largest (1 000 changes, by number).
  changes: (state?: string[]) => request<{ items: Change[] }>('/changes', { query: { state, limit: 1000 } }).then((page) => page.items),
  change: (ref: string) => request<ChangeView>(`/changes/${encodeURIComponent(ref)}`),
  transition: (ref: string, action: Transition, body: Record<string, unknown> = {}) =>
    request<{ change: Change }>(`/changes/${encodeURIComponent(ref)}/${action}`, { method: 'POST', body }),
  /** The first page of findings (up to 1 000, the API's largest page): the screens show no more. */
  driftFindings: (query: { state?: string; kind?: string; class?: string } = {}) =>
    request<{ items: DriftFinding[]; nextCursor: string | null; total?: number }>('/drift/findings', { query: { ...query, limit: 1000 } }).then((page) => page.items),
  calendar: (from: string, to: string) => request<CalendarEntry[]>('/calendar', { query: { from, to } }),
};
