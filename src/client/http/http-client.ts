import type { CairnClient } from '../client.js';
import { httpCmdbClient } from './cmdb.http.js';
import { httpDriftClient } from './drift.http.js';
import type { HttpTransport } from './transport.js';

/** The client of a Cairn server, over one transport (a token in the CLI, a session cookie in the browser). */
export function createHttpClient(http: HttpTransport): CairnClient {
  return {
    cmdb: httpCmdbClient(http),
    drift: httpDriftClient(http),
  };
}
