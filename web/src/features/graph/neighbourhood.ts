import { client } from '../../client.js';

export interface Neighbourhood {
  nodes: { ref: string; depth: number }[];
  edges: { id: string; type: string; from: string; to: string }[];
  /** True when the walk stopped at `maxNodes` before reaching the depth. */
  cut: boolean;
}

/**
 * The CIs within `depth` relationships of `root` (either direction), as of `at`: a breadth-first
 * walk, one level at a time, reading each CI's relationships (in parallel within a level) and
 * stopping at `maxNodes`.
 */
export async function loadNeighbourhood(
  root: string,
  depth: number,
  at: string | undefined,
  maxNodes = 400,
): Promise<Neighbourhood> {
  const seen = new Map<string, number>([[root, 0]]);
  const edges = new Map<string, Neighbourhood['edges'][number]>();
  let frontier = [root];
  let cut = false;
  for (let d = 1; d <= depth && frontier.length > 0 && !cut; d++) {
    const lists = await Promise.all(frontier.map((ref) => client.cmdb.relationsOf(ref, at)));
    const next: string[] = [];
    for (const list of lists)
      for (const r of list) {
        for (const end of [r.from, r.to]) {
          if (seen.has(end)) continue;
          if (seen.size >= maxNodes) {
            cut = true;
            continue;
          }
          seen.set(end, d);
          next.push(end);
        }
        if (seen.has(r.from) && seen.has(r.to)) edges.set(r.id, { id: r.id, type: r.type, from: r.from, to: r.to });
      }
    frontier = next;
  }
  return { nodes: [...seen].map(([ref, d]) => ({ ref, depth: d })), edges: [...edges.values()], cut };
}
