import { formatRef } from '../ci/desired-state.js';
import type { MemoryGraph } from '../graph/memory-graph.js';
import type { CmdbReader } from './cmdb.port.js';

/**
 * Names CIs by id (`class/name`) for reports on the graph: from the in-memory graph for the
 * current state when it knows every one of them, else with one query as of `at`.
 */
export async function ciNamer(
  deps: { store: CmdbReader; graph?: MemoryGraph },
  ids: string[],
  at?: number,
): Promise<(id: string) => string> {
  const graph = deps.graph;
  if (at === undefined && graph?.ready && ids.every((id) => graph.refOf(id) !== undefined))
    return (id) => graph.refOf(id)!;
  const byId = new Map((await deps.store.getCiRefsById(ids, at)).map((v) => [v.id, formatRef(v)]));
  return (id) => byId.get(id) ?? id;
}
