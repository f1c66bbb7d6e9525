import { refKey } from '../ci/apply-plan.js';
import type { CiVersion, RelationVersion } from '../ci/ci.types.js';
import type { CmdbService } from '../cmdb/cmdb.service.js';
import type { CmdbWriter } from '../cmdb/cmdb.port.js';
import type { ModelRegistry } from '../model/model-registry.js';
import { emptyWrites } from '../revision/pending-writes.js';
import type { ImportRun } from './import-run.js';

const PAGE = 1000;

/**
 * `--prune`: retires what the source wrote earlier and the input no longer names. CIs are the
 * current ones whose version this source wrote; relationships are those this source wrote that
 * touch one of its CIs (a relationship is only found through its ends, and a source's
 * relationships nearly always have one end among its own CIs).
 */
export async function pruneSource(tx: CmdbWriter, cmdb: CmdbService, source: string, run: ImportRun): Promise<void> {
  const registry = await cmdb.registry(undefined, tx);
  const covers = coverage(run, registry);
  const gone: CiVersion[] = [];
  const staleRelations = new Map<string, RelationVersion>();
  let after: { class: string; name: string } | undefined;
  for (;;) {
    const page = await tx.listCis({ source, limit: PAGE, after });
    for (const ci of page) if (!run.named.has(refKey(ci.class, ci.name)) && covers.ci(ci.class)) gone.push(ci);
    const kept = page.filter((ci) => run.named.has(refKey(ci.class, ci.name)));
    const touching = (await tx.getRelationsTouching(kept.map((c) => c.id))).filter((r) => r.source === source);
    const names = await namesVia(
      tx,
      touching.flatMap((r) => [r.sourceId, r.targetId]),
    );
    for (const r of touching) {
      const from = names.get(r.sourceId) ?? r.sourceId;
      const to = names.get(r.targetId) ?? r.targetId;
      const inverse = registry.relationType(r.type)?.definition.inverse;
      const named =
        run.named.hasRelation(r.type, from, to) || (inverse !== undefined && run.named.hasRelation(inverse, to, from));
      if (!named && covers.relation(r.type)) staleRelations.set(r.id, r);
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!;
  }
  const writes =
    gone.length > 0
      ? await cmdb.computeDelete(
          tx,
          gone.map((v) => ({ class: v.class, name: v.name })),
        )
      : emptyWrites();
  const ending = new Set(writes.relations.map((w) => w.before?.id));
  for (const r of staleRelations.values()) if (!ending.has(r.id)) writes.relations.push({ before: r });
  const refs = await namesVia(
    tx,
    writes.relations.flatMap((w) => (w.before ? [w.before.sourceId, w.before.targetId] : [])),
  );
  await run.persist(writes, refs);
}

/** `class/name` by id, read through the transaction (the service's own reads would wait for it). */
async function namesVia(tx: CmdbWriter, ids: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const v of await tx.getCisById([...new Set(ids)])) names.set(v.id, refKey(v.class, v.name));
  return names;
}

/**
 * What a pruning input covers (input-scope.ts): all the source wrote, unless it is scoped to
 * classes (and their subclasses) or partial, when it covers the classes and relationship types
 * it holds records of. Outside that, not naming a CI says nothing and nothing is retired.
 */
function coverage(
  run: ImportRun,
  registry: ModelRegistry,
): { ci: (cls: string) => boolean; relation: (type: string) => boolean } {
  const scope = run.scope;
  const all = () => true;
  if (!scope || (!scope.partial && !scope.classes)) return { ci: all, relation: all };
  const classes = new Set(
    (scope.classes ?? [...run.classesNamed]).flatMap((c) => (scope.classes ? registry.withDescendants(c) : [c])),
  );
  const types = new Set([...run.typesNamed].map((t) => registry.relationType(t)?.definition.name ?? t));
  return { ci: (cls) => classes.has(cls), relation: scope.partial ? (type) => types.has(type) : all };
}
