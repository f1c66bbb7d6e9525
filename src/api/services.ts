import { openServices, type OpenedServices, type OpenServicesOptions } from '../app/open-services.js';
import { createServices, type ServiceOptions, type Services, type ServicesStore } from '../app/services.js';
import { preconditionGuard } from './preconditions.js';

/** Everything the API serves: the services of Cairn, with the server's in-memory graph and If-Match. */
export type ApiServices = Services;
export type ApiServiceOptions = Omit<ServiceOptions, 'beforeWrite' | 'memoryGraph'>;

/** The server's additions to the services: If-Match first (a stale write is a 412 whatever else is wrong), then change control. */
function apiOptions<O extends ApiServiceOptions>(options: O): O & Pick<ServiceOptions, 'beforeWrite' | 'memoryGraph'> {
  return { ...options, beforeWrite: preconditionGuard, memoryGraph: true };
}

/** The API's services on a database it opens (`cairn serve`), which keeps its connections. */
export function openApiServices(
  db: string,
  options: Omit<OpenServicesOptions, 'beforeWrite' | 'memoryGraph'> = {},
): Promise<OpenedServices> {
  return openServices(db, { keepConnections: true, ...apiOptions(options) });
}

/** The API's services on a store opened by the caller (tests that share one database between servers). */
export function createApiServices(store: ServicesStore, options: ApiServiceOptions = {}): Promise<ApiServices> {
  return createServices(store, apiOptions(options));
}
