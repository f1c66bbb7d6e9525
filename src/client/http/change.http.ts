import type { CalendarClient, ChangeClient } from '../change.client.js';
import type { HttpTransport } from './transport.js';

const changePath = (ref: string) => `api/v1/changes/${encodeURIComponent(ref)}`;

/** The change workflow over HTTP: each method is one request of /api/v1; the server's principal acts. */
export function httpChangeClient(http: HttpTransport): ChangeClient {
  return {
    create: (document) => http.post('api/v1/changes', document),
    preview: (document, ref) => http.post('api/v1/changes/preview', document, { ref }),
    edit: (ref, document) => http.json('PATCH', changePath(ref), { body: document }),
    act: (ref, action, input = {}) => http.post(`${changePath(ref)}/${action}`, input),
    replan: (ref, plan) => http.post(`${changePath(ref)}/replan`, plan === undefined ? {} : { plan }),
    reschedule: (ref, body) => http.post(`${changePath(ref)}/reschedule`, body),
    previewReschedule: (ref, window) => http.get(`${changePath(ref)}/reschedule`, { ...window }),
    attach: (ref, revision) => http.post(`${changePath(ref)}/attach`, { revision }),
    list: (query) => http.get('api/v1/changes', { ...query }),
    show: (ref) => http.get(changePath(ref)),
    pending: () => http.get('api/v1/changes/pending'),
    unauthorized: (options = {}) => http.get('api/v1/changes/unauthorized', { all: options.all }),
  };
}

export function httpCalendarClient(http: HttpTransport): CalendarClient {
  return {
    entries: (from, to) => http.get('api/v1/calendar', { from, to }),
    ics: (from, to) => http.text('api/v1/calendar', { from, to, format: 'ics' }),
    cabAgenda: (date) => http.get('api/v1/cab/agenda', { date }),
    feedStatus: () => http.get('api/v1/calendar/feed'),
    createFeed: () => http.post('api/v1/calendar/feed', undefined),
    revokeFeed: () => http.json('DELETE', 'api/v1/calendar/feed'),
  };
}
