import type { CabMinutesService } from '../../core/change/cab-minutes.service.js';
import { CabMinutesList, CabMinutesView } from '../../contracts/cab.contracts.js';
import type { CabClient } from '../cab.client.js';
import { inContractShape } from './contract-shape.js';
import type { LocalSession } from './session.js';

/** CAB minutes in process: the service the routes call, the session's actor recording. */
export function localCabClient(s: { cabMinutes: CabMinutesService }, session: LocalSession): CabClient {
  const shaped = async (m: Promise<unknown>) => inContractShape(CabMinutesView, await m);
  return {
    listMinutes: async (query = {}) =>
      inContractShape(CabMinutesList, await s.cabMinutes.list({ date: query.date, limit: query.limit ?? 50 })),
    getMinutes: (id) => shaped(s.cabMinutes.get(id)),
    recordMinutes: (body) => shaped(s.cabMinutes.record(body, session.actor)),
    updateMinutes: (id, body) => shaped(s.cabMinutes.update(id, body)),
    closeMinutes: (id) => shaped(s.cabMinutes.close(id, session.actor)),
  };
}
