import { BaselineService } from './baseline.service.js';
import { CiQueryService } from './ci-query.service.js';
import { CmdbService, type AttributeAuthority, type WriteGuard } from './cmdb.service.js';
import { ImpactService } from './impact.service.js';
import { NeighbourhoodService } from './neighbourhood.service.js';
import type { MemoryGraph } from '../graph/memory-graph.js';
import type { CmdbStore } from './cmdb.port.js';
import { HistoryService } from './history.service.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { ulidIds, type IdGenerator } from '../shared/ids.js';

/** The services of the CMDB, wired to one store. Built by a composition root (CLI, server, tests). */
export interface CmdbServices {
  store: CmdbStore;
  cmdb: CmdbService;
  cis: CiQueryService;
  history: HistoryService;
  baselines: BaselineService;
  impact: ImpactService;
  neighbourhood: NeighbourhoodService;
}

/** What a face (route, command, local client) calls: the CMDB services without the store they share. */
export type CmdbFaceServices = Omit<CmdbServices, 'store'>;

export function createCmdbServices(
  store: CmdbStore,
  options: {
    clock?: Clock;
    ids?: IdGenerator;
    graph?: MemoryGraph;
    guard?: WriteGuard;
    authority?: AttributeAuthority;
  } = {},
): CmdbServices {
  const clock = options.clock ?? systemClock;
  const cmdb = new CmdbService({
    store,
    clock,
    ids: options.ids ?? ulidIds(),
    guard: options.guard,
    authority: options.authority,
  });
  const history = new HistoryService({ store, cmdb });
  return {
    store,
    cmdb,
    cis: new CiQueryService({ store, cmdb, history }),
    history,
    baselines: new BaselineService({ store, clock, history }),
    impact: new ImpactService({ store, cmdb, graph: options.graph }),
    neighbourhood: new NeighbourhoodService({ store, cmdb, graph: options.graph }),
  };
}
