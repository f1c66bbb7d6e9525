import { impactFollow, walkImpact } from '../../src/core/graph/impact.js';
import { edgesAmong } from '../../src/core/graph/neighbourhood.js';
import type { MemoryGraph } from '../../src/core/graph/memory-graph.js';
import { GraphSync } from '../../src/core/graph/graph-sync.js';
import type { CmdbService } from '../../src/core/cmdb/cmdb.service.js';
import type { KyselyCmdbStore } from '../../src/store/connect.js';
import type { BenchContext } from '../context.js';
import { now, sample } from '../measure.js';

/**
 * Fills the in-memory graph from the store, as a server does at start, and keeps it in step with
 * every later commit (the impact figures for "now" read it).
 */
export async function loadGraph(store: KyselyCmdbStore, cmdb: CmdbService, graph: MemoryGraph): Promise<number> {
  const start = now();
  const sync = new GraphSync(store, graph);
  await sync.load(10_000);
  cmdb.onCommit((revision, writes) => sync.onCommit(revision, writes));
  return (now() - start) / 1000;
}

/**
 * Impact analysis to depth 6 from a uniformly random CI: on the current state through the
 * in-memory graph (the walk alone, and the whole service call which also names every hit from
 * the store), and as of the import revision through SQL (impactPastCase).
 */
export async function impactCase(ctx: BenchContext): Promise<void> {
  const { services } = ctx;
  ctx.log('impact analysis');
  const registry = await services.cmdb.registry();
  const ids = await Promise.all(
    Array.from({ length: ctx.samples.impact + 50 }, (_, k) =>
      services.cmdb.getCi(impactRoot(ctx, k)).then((v) => v.id),
    ),
  );
  let hits = 0;
  const walk = await sample(ctx.samples.impact, async (k) => {
    const found = await walkImpact(
      [ids[k % ids.length]!],
      6,
      (t) => registry.relationType(t)?.definition.impact,
      ctx.graph,
    );
    hits += found.length;
  });
  const service = await sample(ctx.samples.impact, (k) => services.impact.impactOf([impactRoot(ctx, k)], { depth: 6 }));
  await impactPastCase(ctx);
  ctx.record(
    'impact.graph.p95',
    walk.p95,
    `${(hits / walk.n).toFixed(0)} CIs reached on average (warm-up included), max ${walk.max.toFixed(2)} ms`,
  );
  ctx.record('impact.service.p95', service.p95);
}

/** The root of impact sample `k`: a uniformly random CI of the estate. */
function impactRoot(ctx: BenchContext, k: number) {
  const i = ctx.estate.sampleIndex(3, k);
  return { class: ctx.estate.classOf(i), name: ctx.estate.nameOf(i) };
}

/**
 * Impact to depth 6 as of the import revision, through SQL only (no in-memory graph): the service
 * (getImpactEdges, one recursive query on PostgreSQL) beside the walk reading relationships level
 * by level, and the walk over getImpactEdges alone.
 */
export async function impactPastCase(ctx: BenchContext): Promise<void> {
  const { services } = ctx;
  const root = (k: number) => impactRoot(ctx, k);
  const registry = await services.cmdb.registry();
  let pastHits = 0;
  const past = await sample(ctx.samples.impactPast, async (k) => {
    pastHits += (await services.impact.impactOf([root(k)], { depth: 6, at: ctx.importRev })).count;
  });
  ctx.record(
    'impact.past.p95',
    past.p95,
    `${(pastHits / past.n).toFixed(0)} CIs reached on average (warm-up included), p50 ${past.p50.toFixed(2)} ms`,
  );
  // The way it was done before getImpactEdges, as the yardstick: one query per end per level.
  const directionOf = (t: string) => registry.relationType(t)?.definition.impact;
  const pastIds = await Promise.all(
    Array.from({ length: ctx.samples.impactPast }, (_, k) =>
      services.cmdb.getCi(root(k), ctx.importRev).then((v) => v.id),
    ),
  );
  const perLevel = await sample(ctx.samples.impactPast, (k) =>
    walkImpact([pastIds[k % pastIds.length]!], 6, directionOf, {
      edgesTouching: (frontier) => ctx.store.getRelationsTouching(frontier, ctx.importRev),
    }),
  );
  ctx.record('impact.past.levels.p95', perLevel.p95, `p50 ${perLevel.p50.toFixed(2)} ms`);
  const follow = impactFollow(
    registry.allRelationTypes().flatMap((t) => [t.name, t.inverse]),
    directionOf,
  );
  const atOnce = await sample(ctx.samples.impactPast, async (k) => {
    const id = pastIds[k % pastIds.length]!;
    const edges = await ctx.store.getImpactEdges([id], 6, follow, ctx.importRev);
    return walkImpact([id], 6, directionOf, edgesAmong(edges));
  });
  ctx.record('impact.past.edges.p95', atOnce.p95, `p50 ${atOnce.p50.toFixed(2)} ms`);
}
