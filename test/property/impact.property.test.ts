import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createServices } from '../../src/app/services.js';
import { DEFAULT_RELATION_TYPES } from '../../src/core/model/default-model.js';
import type { ImpactReport } from '../../src/core/cmdb/impact.service.js';
import { engines } from '../helpers/engines.js';
import { meta } from '../helpers/fixtures.js';
import { FUZZ_SEED, runs, SUITE_TIMEOUT_MS } from '../fuzz/fuzz-settings.js';
import { documentFor, estate, relationParts, type Estate } from './estates.js';
import { freshServices, stateAt } from './store-state.js';

// One relationship type of each impact direction: target-to-source, source-to-target, both, none.
const TYPES = ['depends_on', 'contains', 'connects_to', 'member_of'];
const direction = new Map(DEFAULT_RELATION_TYPES.map((t) => [t.name, t.impact]));

/**
 * The propagation rules as a fixpoint, written apart from Cairn's breadth-first walk: a change to
 * B reaches A when A→B is target-to-source (A depends on B), A reaches B when A→B is
 * source-to-target (A contains B), either way for `both`, never for `none`. The distance of each
 * CI reached is relaxed until nothing shrinks (Bellman-Ford), so depth is the shortest path.
 */
function closure(e: Estate, root: string, maxDepth: number): Map<string, number> {
  const steps: [string, string][] = [];
  for (const key of e.relations.keys()) {
    const { from, type, to } = relationParts(key);
    const dir = direction.get(type);
    if (dir === 'target-to-source' || dir === 'both') steps.push([to, from]);
    if (dir === 'source-to-target' || dir === 'both') steps.push([from, to]);
  }
  const dist = new Map([[root, 0]]);
  for (let changed = true; changed;) {
    changed = false;
    for (const [a, b] of steps) {
      const via = dist.get(a);
      if (via === undefined || via + 1 > maxDepth) continue;
      if (via + 1 < (dist.get(b) ?? Infinity)) {
        dist.set(b, via + 1);
        changed = true;
      }
    }
  }
  dist.delete(root);
  return dist;
}

/** Each hit's path must follow relationships of the estate, each in a direction its type propagates. */
function expectPathsFollowRules(report: ImpactReport, e: Estate): void {
  for (const hit of report.impacted) {
    expect(hit.path.length).toBe(hit.depth + 1);
    for (let i = 0; i < hit.via.length; i++) {
      const [a, b, type] = [hit.path[i]!, hit.path[i + 1]!, hit.via[i]!];
      const dir = direction.get(type);
      const forward = e.relations.has(`${a} ${type} ${b}`) && (dir === 'source-to-target' || dir === 'both');
      const backward = e.relations.has(`${b} ${type} ${a}`) && (dir === 'target-to-source' || dir === 'both');
      expect(forward || backward, `${a} → ${b} via ${type}`).toBe(true);
    }
  }
}

const hitsOf = (r: ImpactReport) => new Map(r.impacted.map((i) => [i.ref, i.depth]));
const refOf = (ref: string) => ({ class: ref.slice(0, ref.indexOf('/')), name: ref.slice(ref.indexOf('/') + 1) });

/**
 * Impact is the transitive closure of the propagation rules, to the depth asked for: for random
 * graphs (cycles included), from every CI, now (SQL and the in-memory graph a server keeps) and as
 * of a past revision.
 */
for (const harness of engines()) {
  const numRuns = runs(harness.engine === 'sqlite' ? 6 : 3);

  describe(`impact properties on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it(
      'impact is the transitive closure of the propagation rules, now and in the past',
      async () => {
        await fc.assert(
          fc.asyncProperty(estate(TYPES), estate(TYPES), fc.integer({ min: 1, max: 4 }), async (past, now, depth) => {
            const { s, store } = await freshServices(harness);
            await s.cmdb.apply(documentFor(past, await stateAt(s, store)), meta('past'));
            const pastRev = await s.history.headRev();
            await s.cmdb.apply(documentFor(now, await stateAt(s, store)), meta('now'));
            const server = await createServices(store, { memoryGraph: true, changeControl: false });
            await server.graphSync.load();

            for (const root of now.cis.keys()) {
              for (const d of [depth, 50]) {
                const expected = closure(now, root, d);
                const fromSql = await s.impact.impactOf([refOf(root)], { depth: d });
                const fromMemory = await server.impact.impactOf([refOf(root)], { depth: d });
                expect(hitsOf(fromSql)).toEqual(expected);
                expect(hitsOf(fromMemory)).toEqual(expected);
                expectPathsFollowRules(fromSql, now);
                expectPathsFollowRules(fromMemory, now);
              }
            }
            for (const root of past.cis.keys()) {
              const report = await s.impact.impactOf([refOf(root)], { depth: 50, at: pastRev });
              expect(hitsOf(report)).toEqual(closure(past, root, 50));
              expectPathsFollowRules(report, past);
            }
          }),
          { numRuns, seed: FUZZ_SEED },
        );
      },
      SUITE_TIMEOUT_MS,
    );
  });
}
