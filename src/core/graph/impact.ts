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

/**
 * The relationship types an impact walk follows, by direction: `up` from a relationship's target
 * to its source (a change to B affects A when A depends_on B), `down` from source to target.
 */
export interface ImpactFollow {
  up: string[];
  down: string[];
}

/**
 * Which of `types` a walk follows in which direction, decided by `directionOf` as walkImpact
 * decides it for each relationship it meets.
 */
export function impactFollow(
  types: Iterable<string>,
  directionOf: (type: string) => ImpactDirection | undefined,
): ImpactFollow {
  const follow: ImpactFollow = { up: [], down: [] };
  for (const t of new Set(types)) {
    const dir = directionOf(t);
    if (dir === 'target-to-source' || dir === 'both') follow.up.push(t);
    if (dir === 'source-to-target' || dir === 'both') follow.down.push(t);
  }
  return follow;
}

export interface ImpactHit {
  id: string;
  depth: number;
  /** Ids from the root to this CI, both included: one shortest path. */
  path: string[];
  /** The relationship type of each step of `path`. */
  via: string[];
  /**
   * For each step, true when the path runs from the relationship's target to its source (from
   * orders-db to cart, which depends_on orders-db): that step reads with the type's inverse name.
   */
  against: boolean[];
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
  const reached = new Map<string, Step & { depth: number }>();
  for (const r of roots) reached.set(r, { parent: null, via: '', against: false, depth: 0 });
  let frontier = [...new Set(roots)];
  const hits: ImpactHit[] = [];
  for (let depth = 1; depth <= maxDepth && frontier.length > 0; depth++) {
    const inFrontier = new Set(frontier);
    const next: string[] = [];
    const reach = (id: string, parent: string, via: string, against: boolean) => {
      if (reached.has(id)) return;
      reached.set(id, { parent, via, against, depth });
      next.push(id);
    };
    for (const e of await edges.edgesTouching(frontier)) {
      const dir = directionOf(e.type);
      if (dir === undefined || dir === 'none') continue;
      if ((dir === 'target-to-source' || dir === 'both') && inFrontier.has(e.targetId))
        reach(e.sourceId, e.targetId, e.type, true);
      if ((dir === 'source-to-target' || dir === 'both') && inFrontier.has(e.sourceId))
        reach(e.targetId, e.sourceId, e.type, false);
    }
    next.sort();
    for (const id of next) hits.push({ id, depth, ...pathTo(id, reached) });
    frontier = next;
  }
  return hits;
}

interface Step {
  parent: string | null;
  via: string;
  against: boolean;
}

function pathTo(id: string, reached: Map<string, Step>): Pick<ImpactHit, 'path' | 'via' | 'against'> {
  const path: string[] = [];
  const via: string[] = [];
  const against: boolean[] = [];
  for (let cur: string | null = id; cur !== null;) {
    const step: Step = reached.get(cur)!;
    path.unshift(cur);
    if (step.parent !== null) {
      via.unshift(step.via);
      against.unshift(step.against);
    }
    cur = step.parent;
  }
  return { path, via, against };
}
