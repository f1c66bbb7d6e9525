import type { CmdbClient } from '../cmdb.client.js';
import { ciPath, type HttpTransport } from './transport.js';

/** The CMDB client over HTTP: each method is one request of /api/v1. */
export function httpCmdbClient(http: HttpTransport): CmdbClient {
  return {
    getCi: (ref, at) => http.get(`api/v1/cis/${ciPath(ref)}`, { at }),
    relationsOf: (ref, at) => http.get(`api/v1/cis/${ciPath(ref)}/relations`, { at }),
    listCis: (query) => http.get('api/v1/cis', { ...query }),
    apply: (document, message) => http.post('api/v1/apply', { ...document, message }),
    plan: (document, depth) => http.post('api/v1/plan', document, { depth }),
    deleteCis: (refs, message) => http.post('api/v1/delete', { cis: refs, message }),
    impact: (refs, options = {}) => http.get('api/v1/impact', { ci: refs, depth: options.depth, at: options.at }),
    neighbourhood: (refs, options = {}) =>
      http.get('api/v1/neighbourhood', { ci: refs, depth: options.depth, at: options.at, limit: options.limit }),
  };
}
