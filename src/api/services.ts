import { createServices, type ServiceOptions, type Services } from '../app/services.js';
import type { KyselyCmdbStore } from '../store/connect.js';
import { preconditionGuard } from './preconditions.js';

/** Everything the API serves: the services of Cairn, with the server's in-memory graph and If-Match. */
export type ApiServices = Services;
export type ApiServiceOptions = Omit<ServiceOptions, 'beforeWrite' | 'memoryGraph'>;

export function createApiServices(store: KyselyCmdbStore, options: ApiServiceOptions = {}): Promise<ApiServices> {
  // If-Match first (a stale write is a 412 whatever else is wrong), then change control.
  return createServices(store, { ...options, beforeWrite: preconditionGuard, memoryGraph: true });
}
