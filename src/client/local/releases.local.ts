import type { ReleaseService } from '../../core/release/release.service.js';
import { ReleasePage, ReleaseView } from '../../contracts/release.contracts.js';
import type { ReleasesClient } from '../releases.client.js';
import { inContractShape } from './contract-shape.js';
import type { LocalSession } from './session.js';

/** Releases in process, as the session's actor. */
export function localReleasesClient(s: { releases: ReleaseService }, session: LocalSession): ReleasesClient {
  const view = (r: unknown) => inContractShape(ReleaseView, r);
  return {
    create: async ({ service, version, ...document }) =>
      view(await s.releases.create(service, version, document, session.actor)),
    show: async (service, version) => view(await s.releases.show(service, version)),
    list: async (query = {}) => inContractShape(ReleasePage, await s.releases.list({ limit: 100, ...query })),
    approve: async (service, version, comment) =>
      view(await s.releases.approve(service, version, session.actor, comment)),
    reject: async (service, version, comment) =>
      view(await s.releases.reject(service, version, session.actor, comment)),
  };
}
