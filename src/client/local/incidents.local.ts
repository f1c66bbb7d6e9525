import type { IncidentService } from '../../core/incident/incident.service.js';
import { IncidentPage, IncidentView } from '../../contracts/incident.contracts.js';
import type { IncidentsClient } from '../incidents.client.js';
import { inContractShape } from './contract-shape.js';
import type { LocalSession } from './session.js';

/** Incidents in process, as the session's actor. */
export function localIncidentsClient(s: { incidents: IncidentService }, session: LocalSession): IncidentsClient {
  const view = (i: unknown) => inContractShape(IncidentView, i);
  return {
    record: async (body) => view(await s.incidents.record(body, session.actor)),
    show: async (id) => view(await s.incidents.get(id)),
    list: async (query = {}) => inContractShape(IncidentPage, await s.incidents.list({ limit: 100, ...query })),
    resolve: async (id, endedAt) => view(await s.incidents.resolve(id, session.actor, endedAt)),
    link: async (id, cause) => view(await s.incidents.link(id, cause, session.actor)),
  };
}
