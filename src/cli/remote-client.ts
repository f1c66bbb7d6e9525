import type { CairnClient } from '../client/client.js';
import { createHttpClient } from '../client/http/http-client.js';
import { HttpTransport } from '../client/http/transport.js';

/** The client of `--server URL`, authenticated by CAIRN_TOKEN (sent as a bearer token). */
export function remoteClient(server: string, token: string | undefined): CairnClient {
  return createHttpClient(
    new HttpTransport({
      base: server,
      headers: (): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {}),
    }),
  );
}
