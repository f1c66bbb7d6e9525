import type { ImpactDirection } from '../model/model.types.js';

/** A relationship as the impact walk sees it. */
export interface Edge {
  type: string;
  sourceId: string;
  targetId: string;
}

/** Gives the relationships touching a set of CIs: from SQL for a past state, from memory for now. */
export interface EdgeSource {
  edgesTouching(ids: string[]): Promise<Edge[]>;
}

export interface ImpactHit {
  id: string;
  depth: number;
  /** Ids from the root to this CI, both included: one shortest path. */
  path: string[];
  /** The relationship type of each step of `path`. */
  via: string[];
}

/**
 * Breadth-first walk from the roots along each relationship in its impact direction: a change
 * to B affects A when A depends_on B (target-to-source), a change to a rack affects what it
 * contains (source-to-target). Each CI is reached once, at its smallest depth, so cycles end the
 * walk instead of looping. One query (or lookup) per level.
 */
export async function walkImpact(
  roots: string[],
  maxDepth: number,
  directionOf: (type: string) => ImpactDirection | undefined,
  edges: EdgeSource,
): Promise<ImpactHit[]> {
  const reached = new Map<string, { parent: string | null; via: string; depth: number }>();
  for (const r of roots) reached.set(r, { parent: null, via: '', depth: 0 });
  let frontier = [...new Set(roots)];
  const hits: ImpactHit[] = [];
  for (let depth = 1; depth <= maxDepth && frontier.length > 0; depth++) {
    const inFrontier = new Set(frontier);
    const next: string[] = [];
    const reach = (id: string, parent: string, via: string) => {
      if (reached.has(id)) return;
      reached.set(id, { parent, via, depth });
      next.push(id);
    };
    for (const e of await edges.edgesTouching(frontier)) {
      const dir = directionOf(e.type);
      if (dir === undefined || dir === 'none') continue;
      if ((dir === 'target-to-source' || dir === 'both') && inFrontier.has(e.targetId))
        reach(e.sourceId, e.targetId, e.type);
      if ((dir === 'source-to-target' || dir === 'both') && inFrontier.has(e.sourceId))
        reach(e.targetId, e.sourceId, e.type);
    }
    next.sort();
    for (const id of next) hits.push({ id, depth, ...pathTo(id, reached) });
    frontier = next;
  }
  return hits;
}

function pathTo(
  id: string,
  reached: Map<string, { parent: string | null; via: string }>,
): { path: string[]; via: string[] } {
  const path: string[] = [];
  const via: string[] = [];
  for (let cur: string | null = id; cur !== null;) {
    const step: { parent: string | null; via: string } = reached.get(cur)!;
    path.unshift(cur);
    if (step.parent !== null) via.unshift(step.via);
    cur = step.parent;
  }
  return { path, via };
}
