import type { Edge, EdgeSource } from './impact.js';

/** How far a neighbourhood may reach, and how many CIs it may hold (a drawing stays readable, an answer small). */
export const MAX_NEIGHBOURHOOD_DEPTH = 6;
export const DEFAULT_NEIGHBOURHOOD_LIMIT = 500;
export const MAX_NEIGHBOURHOOD_LIMIT = 2000;

/** What a neighbourhood walk reached: each CI at its smallest distance, the relationships between them. */
export interface NeighbourhoodWalk {
  /** CI id → its distance in relationships from the nearest root (0 for a root). */
  nodes: Map<string, number>;
  /** Every relationship whose two ends were both reached, once each. */
  edges: Edge[];
  /** True when CIs within the depth were left out because `maxNodes` was reached. */
  truncated: boolean;
}

/**
 * The CIs within `maxDepth` relationships of the roots, following relationships either way, and
 * the relationships among them. Breadth-first, one `edgesTouching` call per level plus one for the
 * last level (to find the relationships between CIs at the edge of the walk). When more CIs are
 * found than `maxNodes` allows, the nearest are kept — within a level, in id order, so that the
 * answer does not depend on the order the store returns rows in — and `truncated` says so.
 */
export async function walkNeighbourhood(
  roots: string[],
  maxDepth: number,
  maxNodes: number,
  source: EdgeSource,
): Promise<NeighbourhoodWalk> {
  const nodes = new Map<string, number>();
  for (const r of roots) nodes.set(r, 0);
  const edges = new Map<string, Edge>();
  const keep = (touching: Edge[]) => {
    for (const e of touching) if (nodes.has(e.sourceId) && nodes.has(e.targetId)) edges.set(keyOf(e), e);
  };
  let frontier = [...nodes.keys()];
  let truncated = false;
  for (let depth = 1; depth <= maxDepth && frontier.length > 0 && !truncated; depth++) {
    const touching = await source.edgesTouching(frontier);
    const found = new Set<string>();
    for (const e of touching) for (const end of [e.sourceId, e.targetId]) if (!nodes.has(end)) found.add(end);
    const next = [...found].sort();
    const room = Math.max(0, maxNodes - nodes.size);
    if (next.length > room) truncated = true;
    frontier = next.slice(0, room);
    for (const id of frontier) nodes.set(id, depth);
    keep(touching);
  }
  // The CIs reached last have not had their relationships read: those among reached CIs belong in the answer.
  if (frontier.length > 0) keep(await source.edgesTouching(frontier));
  return { nodes, edges: [...edges.values()], truncated };
}

function keyOf(e: Edge): string {
  return `${e.type}\u0000${e.sourceId}\u0000${e.targetId}`;
}

/** The relationships of a walk as an edge source, so that impact can be walked over them without a query. */
export function edgesAmong(edges: readonly Edge[]): EdgeSource {
  const byCi = new Map<string, Edge[]>();
  for (const e of edges)
    for (const end of new Set([e.sourceId, e.targetId])) {
      const list = byCi.get(end);
      if (list) list.push(e);
      else byCi.set(end, [e]);
    }
  return {
    edgesTouching: (ids) => Promise.resolve([...new Set(ids.flatMap((id) => byCi.get(id) ?? []))]),
  };
}
