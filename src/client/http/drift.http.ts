import type { DriftClient } from '../drift.client.js';
import type { HttpTransport } from './transport.js';

const id = (text: string) => encodeURIComponent(text);

/** The drift client over HTTP: each method is one request of /api/v1/drift. */
export function httpDriftClient(http: HttpTransport): DriftClient {
  return {
    check: (observation) => http.post('api/v1/drift/check', observation),
    listFindings: (query) => http.get('api/v1/drift/findings', { ...query }),
    observation: (obs) => http.get(`api/v1/drift/observations/${id(obs)}`),
    accept: (request) => http.post('api/v1/drift/accept', request),
    remediate: (selection) => http.post('api/v1/drift/remediate', selection),
    reviewPending: () => http.get('api/v1/drift/review-pending'),
    markReviewed: (rev, note) => http.post(`api/v1/drift/reviews/${rev}`, note === undefined ? {} : { note }),
    suppress: (rule) => http.post('api/v1/drift/suppressions', rule),
    suppressions: () => http.get('api/v1/drift/suppressions'),
    unsuppress: (rule) => http.json('DELETE', `api/v1/drift/suppressions/${id(rule)}`),
    authority: () => http.get('api/v1/drift/authority'),
    applyAuthority: (rules) => http.json('PUT', 'api/v1/drift/authority', { body: rules }),
    addSchedule: (schedule) => http.post('api/v1/drift/schedules', schedule),
    schedules: () => http.get('api/v1/drift/schedules'),
    removeSchedule: (schedule) => http.json('DELETE', `api/v1/drift/schedules/${id(schedule)}`),
  };
}
