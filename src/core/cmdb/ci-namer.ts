import { formatRef } from '../ci/desired-state.js';
import type { MemoryGraph } from '../graph/memory-graph.js';
import type { CmdbReader } from './cmdb.port.js';

/**
 * Names CIs by id (`class/name`) for reports on the graph: from the in-memory graph for the
 * current state when it knows every one of them, else with one query as of `at`. Each CI is
 * named once: a report names a CI in every path through it, and the graph builds the text anew
 * on each ask (an impact reaching thousands of CIs asked it eight times a CI).
 */
export async function ciNamer(
  deps: { store: CmdbReader; graph?: MemoryGraph },
  ids: string[],
  at?: number,
): Promise<(id: string) => string> {
  const byId = (at === undefined && namedByGraph(deps.graph, ids)) || (await namedByStore(deps.store, ids, at));
  return (id) => byId.get(id) ?? id;
}

/** Every one of `ids` named from the loaded graph; undefined when it is not loaded or lacks one. */
function namedByGraph(graph: MemoryGraph | undefined, ids: string[]): Map<string, string> | undefined {
  if (!graph?.ready) return undefined;
  const byId = new Map<string, string>();
  for (const id of ids) {
    const ref = graph.refOf(id);
    if (ref === undefined) return undefined;
    byId.set(id, ref);
  }
  return byId;
}

async function namedByStore(store: CmdbReader, ids: string[], at?: number): Promise<Map<string, string>> {
  return new Map((await store.getCiRefsById(ids, at)).map((v) => [v.id, formatRef(v)]));
}
