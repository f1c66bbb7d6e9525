import { createServices, type Services } from '../../src/app/services.js';
import { fixedClock } from '../../src/core/shared/clock.js';
import type { Diff } from '../../src/core/revision/diff.js';
import type { KyselyCmdbStore } from '../../src/store/connect.js';
import type { EngineHarness } from '../helpers/engines.js';
import type { CiContent, Estate } from './estates.js';

/** Every service on a fresh store of the harness's engine, change control off (the estates are uncontrolled anyway). */
export async function freshServices(harness: EngineHarness): Promise<{ s: Services; store: KyselyCmdbStore }> {
  const store = await harness.newStore();
  const s = await createServices(store, { clock: fixedClock('2026-03-01T09:00:00.000Z', 1000), changeControl: false });
  await s.cmdb.initialize('property');
  return { s, store };
}

/** The CMDB's CIs and relationships as of a revision (now when absent), as an estate. */
export async function stateAt(s: Services, store: KyselyCmdbStore, at?: number): Promise<Estate> {
  const cis = new Map<string, CiContent>();
  for (const c of await store.listCis({ limit: 10_000, at }))
    cis.set(`${c.class}/${c.name}`, { status: c.status, attributes: c.attributes, labels: c.labels });
  const rels = await store.listRelations({ limit: 10_000, at });
  const names = await s.cmdb.namesOf(
    rels.flatMap((r) => [r.sourceId, r.targetId]),
    at,
  );
  const relations = new Map<string, Record<string, unknown>>();
  for (const r of rels) relations.set(`${names.get(r.sourceId)} ${r.type} ${names.get(r.targetId)}`, r.attributes);
  return { cis, relations };
}

function setPath(record: Record<string, unknown>, key: string, to: unknown): void {
  // A diff gives null for a key that is not there (documents never store null: it means "remove").
  if (to === null) delete record[key];
  else record[key] = to;
}

/**
 * Applies a diff to an estate, independently of Cairn's own restore plan: removals first (a CI
 * deleted and re-created under the same name is a removal and an addition), then additions, then
 * each field change.
 */
export function applyDiff(state: Estate, diff: Diff): Estate {
  const cis = new Map([...state.cis].map(([k, c]) => [k, structuredClone(c)]));
  const relations = new Map([...state.relations].map(([k, a]) => [k, structuredClone(a)]));
  for (const r of diff.removed) cis.delete(r.ref);
  for (const r of diff.relations.removed) relations.delete(`${String(r.from)} ${String(r.type)} ${String(r.to)}`);
  for (const a of diff.added)
    cis.set(a.ref, {
      status: a.status as string,
      attributes: structuredClone(a.attributes as Record<string, unknown>),
      labels: structuredClone(a.labels as Record<string, string>),
    });
  for (const a of diff.relations.added)
    relations.set(
      `${String(a.from)} ${String(a.type)} ${String(a.to)}`,
      structuredClone(a.attributes as Record<string, unknown>),
    );
  for (const m of diff.modified) {
    const ci = cis.get(m.ref);
    if (!ci) throw new Error(`the diff modifies ${m.ref}, which the state does not have`);
    for (const c of m.changes) {
      if (c.path === 'status') ci.status = c.to as string;
      else if (c.path.startsWith('attributes.')) setPath(ci.attributes, c.path.slice('attributes.'.length), c.to);
      else if (c.path.startsWith('labels.')) setPath(ci.labels, c.path.slice('labels.'.length), c.to);
      else throw new Error(`unknown path ${c.path}`);
    }
  }
  for (const m of diff.relations.modified) {
    const attrs = relations.get(m.ref);
    if (!attrs) throw new Error(`the diff modifies ${m.ref}, which the state does not have`);
    for (const c of m.changes) setPath(attrs, c.path.slice('attributes.'.length), c.to);
  }
  return { cis, relations };
}
