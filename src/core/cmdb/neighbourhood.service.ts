import { formatRef, type CiRef } from '../ci/desired-state.js';
import { walkImpact, type EdgeSource } from '../graph/impact.js';
import type { MemoryGraph } from '../graph/memory-graph.js';
import {
  DEFAULT_NEIGHBOURHOOD_LIMIT,
  edgesAmong,
  MAX_NEIGHBOURHOOD_DEPTH,
  MAX_NEIGHBOURHOOD_LIMIT,
  walkNeighbourhood,
} from '../graph/neighbourhood.js';
import { InputError } from '../shared/errors.js';
import { ciNamer } from './ci-namer.js';
import type { CmdbService } from './cmdb.service.js';
import type { CmdbStore } from './cmdb.port.js';

/** The CIs around some roots and the relationships among them, for drawing a graph. */
export interface NeighbourhoodReport {
  /** The roots that exist at that point, `class/name`. */
  roots: string[];
  /** Roots asked for that do not exist at that point (a CI a plan would create), left out when allowed. */
  missing: string[];
  depth: number;
  /** The revision the answer is as of (the head revision for the current state). */
  revision: number;
  /** The most CIs the answer may hold. */
  limit: number;
  /** True when CIs within the depth were left out to stay within `limit` (the nearest are kept). */
  truncated: boolean;
  /** Nearest first; `impacted`: a change to the roots affects it (within the depth). */
  nodes: { ref: string; class: string; depth: number; impacted: boolean }[];
  edges: { type: string; from: string; to: string }[];
}

/**
 * The neighbourhood of CIs to a depth: the current state from the in-memory graph when the
 * server keeps one, a past state (and any state without that graph) from the store, one query per
 * level. Which of the CIs a change to the roots impacts is walked over the relationships already
 * read, so it costs no query.
 */
export class NeighbourhoodService {
  constructor(private readonly deps: { store: CmdbStore; cmdb: CmdbService; graph?: MemoryGraph }) {}

  async neighbourhoodOf(
    refs: CiRef[],
    options: { depth?: number; at?: number; limit?: number; skipMissing?: boolean } = {},
  ): Promise<NeighbourhoodReport> {
    const depth = options.depth ?? 2;
    const limit = options.limit ?? DEFAULT_NEIGHBOURHOOD_LIMIT;
    if (!Number.isInteger(depth) || depth < 1 || depth > MAX_NEIGHBOURHOOD_DEPTH)
      throw new InputError('INVALID_DEPTH', `depth must be a whole number from 1 to ${MAX_NEIGHBOURHOOD_DEPTH}`, [
        { path: 'depth', message: `must be from 1 to ${MAX_NEIGHBOURHOOD_DEPTH}` },
      ]);
    if (!Number.isInteger(limit) || limit < refs.length || limit > MAX_NEIGHBOURHOOD_LIMIT)
      throw new InputError(
        'INVALID_LIMIT',
        `limit must be a whole number from ${Math.max(1, refs.length)} (the CIs asked for) to ${MAX_NEIGHBOURHOOD_LIMIT}`,
        [{ path: 'limit', message: `must be from ${Math.max(1, refs.length)} to ${MAX_NEIGHBOURHOOD_LIMIT}` }],
      );
    const at = options.at;
    const roots = options.skipMissing
      ? await this.deps.store.getCisByRef(refs, at)
      : await Promise.all(refs.map((r) => this.deps.cmdb.getCi(r, at)));
    const found = new Set(roots.map(formatRef));
    const asked = [...new Set(refs.map(formatRef))];
    const rootIds = [...new Set(roots.map((r) => r.id))];
    const source: EdgeSource =
      at === undefined && this.deps.graph?.ready
        ? this.deps.graph
        : { edgesTouching: (frontier) => this.deps.store.getRelationsTouching(frontier, at) };
    const walk = await walkNeighbourhood(rootIds, depth, limit, source);
    const registry = await this.deps.cmdb.registry(at);
    const hits = await walkImpact(
      rootIds,
      depth,
      (type) => registry.relationType(type)?.definition.impact,
      edgesAmong(walk.edges),
    );
    const impacted = new Set(hits.map((h) => h.id));
    const name = await ciNamer(this.deps, [...walk.nodes.keys()], at);
    const nodes = [...walk.nodes]
      .map(([id, d]) => ({ ref: name(id), class: name(id).split('/')[0]!, depth: d, impacted: impacted.has(id) }))
      .sort((a, b) => a.depth - b.depth || compare(a.ref, b.ref));
    const edges = walk.edges
      .map((e) => ({ type: e.type, from: name(e.sourceId), to: name(e.targetId) }))
      .sort((a, b) => compare(a.from, b.from) || compare(a.type, b.type) || compare(a.to, b.to));
    return {
      roots: asked.filter((r) => found.has(r)),
      missing: asked.filter((r) => !found.has(r)),
      depth,
      revision: at ?? (await this.deps.store.head())?.rev ?? 0,
      limit,
      truncated: walk.truncated,
      nodes,
      edges,
    };
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
