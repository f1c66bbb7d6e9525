import type { CmdbService } from './cmdb.service.js';
import { formatRef, parseRef, type CiRef } from '../ci/desired-state.js';
import type { CmdbStore } from './cmdb.port.js';
import { InputError } from '../shared/errors.js';
import { impactFollow, walkImpact, type EdgeSource } from '../graph/impact.js';
import { edgesAmong } from '../graph/neighbourhood.js';
import type { MemoryGraph } from '../graph/memory-graph.js';
import { ciNamer } from './ci-namer.js';
import type { ModelRegistry } from '../model/model-registry.js';

export interface ImpactReport {
  root: string;
  count: number;
  impacted: {
    ref: string;
    class: string;
    depth: number;
    path: string[];
    /** The stored relationship type of each step. */
    via: string[];
    /** Each step as it reads along the path: the type's name, or its inverse against it (`used_by`). */
    readAs: string[];
  }[];
}

export const MAX_IMPACT_DEPTH = 50;

/**
 * Impact analysis: what a change to some CIs affects. The current state is walked in memory
 * when a graph is loaded (the server keeps one), otherwise and for past states over the
 * relationships the store finds for it (one recursive query on PostgreSQL).
 */
export class ImpactService {
  constructor(private readonly deps: { store: CmdbStore; cmdb: CmdbService; graph?: MemoryGraph }) {}

  async impactOf(refs: CiRef[], options: { depth?: number; at?: number } = {}): Promise<ImpactReport> {
    const depth = options.depth ?? 6;
    if (!Number.isInteger(depth) || depth < 1 || depth > MAX_IMPACT_DEPTH) {
      throw new InputError('INVALID_DEPTH', `depth must be a whole number from 1 to ${MAX_IMPACT_DEPTH}`);
    }
    // The current state on a loaded graph that holds every root: answered from memory alone, as
    // of the graph's revision (on PostgreSQL each read is a round trip, and their hiccups were the
    // p95 of a report).
    const graph = this.loadedGraph(options.at);
    const ids = graph && idsInGraph(graph, refs);
    if (ids) return { ...(await this.impactOfIds(ids, depth)), root: refs.map(formatRef).join(', ') };
    // The roots and the model are read at once: on PostgreSQL one round trip of waiting, not two.
    const [roots, registry] = await Promise.all([
      Promise.all(refs.map((r) => this.deps.cmdb.getCi(r, options.at))),
      this.deps.cmdb.registry(options.at),
    ]);
    const report = await this.walk(
      roots.map((r) => r.id),
      depth,
      registry,
      options.at,
    );
    return { ...report, root: roots.map(formatRef).join(', ') };
  }

  /** The impact of those of `ids` that are current CIs (a plan names CIs it would create, which have none). */
  async impactOfExisting(ids: string[], depth: number): Promise<ImpactReport> {
    const existing = (await this.deps.store.getCisById([...new Set(ids)])).map((v) => v.id);
    return this.impactOfIds(existing, depth);
  }

  async impactOfIds(ids: string[], depth: number, at?: number): Promise<ImpactReport> {
    const graph = this.loadedGraph(at);
    const registry = graph
      ? await this.deps.cmdb.registryOfModel(graph.modelRevision)
      : await this.deps.cmdb.registry(at);
    return this.walk(ids, depth, registry, at);
  }

  /** The in-memory graph, for the current state once it has loaded; undefined otherwise. */
  private loadedGraph(at: number | undefined): MemoryGraph | undefined {
    return at === undefined && this.deps.graph?.ready ? this.deps.graph : undefined;
  }

  private async walk(ids: string[], depth: number, registry: ModelRegistry, at?: number): Promise<ImpactReport> {
    // Without the in-memory graph (a past state, or the CLI) the store finds every relationship
    // the walk may follow at once, and the walk runs over those.
    const directionOf = (type: string) => registry.relationType(type)?.definition.impact;
    const edges: EdgeSource =
      this.loadedGraph(at) ??
      edgesAmong(
        await this.deps.store.getImpactEdges(
          ids,
          depth,
          impactFollow(
            registry.allRelationTypes().flatMap((t) => [t.name, t.inverse]),
            directionOf,
          ),
          at,
        ),
      );
    const hits = await walkImpact(ids, depth, directionOf, edges);
    // A path runs through roots and CIs reached, and every CI reached is a hit.
    const ref = await ciNamer(this.deps, [...new Set([...ids, ...hits.map((h) => h.id)])], at);
    return {
      root: ids.map(ref).join(', '),
      count: hits.length,
      impacted: hits.map((h) => {
        const hitRef = ref(h.id);
        return {
          ref: hitRef,
          // An id the store could not name stays whole, as its class.
          class: parseRef(hitRef)?.class ?? hitRef,
          depth: h.depth,
          path: h.path.map(ref),
          via: h.via,
          readAs: h.via.map((type, n) =>
            h.against[n] ? (registry.relationType(type)?.definition.inverse ?? type) : type,
          ),
        };
      }),
    };
  }
}

/** The graph's id of each of `refs`, or undefined when it holds some of them under no id. */
function idsInGraph(graph: MemoryGraph, refs: CiRef[]): string[] | undefined {
  const ids: string[] = [];
  for (const ref of refs) {
    const id = graph.idOfRef(ref.class, ref.name);
    if (id === undefined) return undefined;
    ids.push(id);
  }
  return ids;
}
