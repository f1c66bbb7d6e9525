import type { CiVersion } from '../ci/ci.types.js';
import { formatRef, parseRef, type CiRef, type DesiredCi, type DesiredState } from '../ci/desired-state.js';
import { mergeRecord, sameJson } from '../ci/merge.js';
import type { CmdbStore } from '../cmdb/cmdb.port.js';
import type { Change } from './change.types.js';

/** One field a plan sets on a CI, old → new (`from` absent: not set before; `to` absent: removed). */
export interface PlanFieldChange {
  /** `status`, `attributes.<key>` or `labels.<key>`. */
  path: string;
  from?: unknown;
  to?: unknown;
}

/** What a change's plan does to one CI, against the state it was planned against. */
export interface PlanCiChange {
  ref: string;
  /** add: the CI does not exist there yet (every field is listed); delete: every field it loses. */
  action: 'add' | 'modify' | 'delete' | 'unchanged';
  changes: PlanFieldChange[];
}

/**
 * The plan of a change read as old → new for each CI it sets or deletes. "Old" is the state the
 * approvers looked at: the revision before the one that implemented it, or else the revision it
 * was planned against (its base). One as-of read of the CIs named; the merge rule is apply's
 * (key by key, null removes).
 */
export async function planChangesOf(
  store: Pick<CmdbStore, 'getCisByRef'>,
  change: Pick<Change, 'plan' | 'baseRevision' | 'implementedRevision'>,
): Promise<PlanCiChange[]> {
  const plan: DesiredState = change.plan;
  const at = change.implementedRevision !== undefined ? change.implementedRevision - 1 : change.baseRevision;
  const deletes = plan.delete?.cis ?? [];
  const refs = [...plan.cis.map(formatRef), ...deletes].flatMap((r) => parseRef(r) ?? []);
  const before = new Map<string, CiVersion>();
  for (const v of await store.getCisByRef(dedupe(refs), at)) before.set(formatRef(v), v);
  return [
    ...plan.cis.map((ci) => setChanges(ci, before.get(formatRef(ci)))),
    ...deletes.map((ref) => deleteChanges(ref, before.get(ref))),
  ];
}

function setChanges(ci: DesiredCi, old: CiVersion | undefined): PlanCiChange {
  const ref = formatRef(ci);
  const status = ci.status ?? old?.status;
  const fields = [
    ...compare('attributes', old?.attributes ?? {}, mergeRecord(old?.attributes ?? {}, ci.attributes)),
    ...compare('labels', old?.labels ?? {}, mergeRecord<string>(old?.labels ?? {}, ci.labels)),
  ];
  if (status !== undefined && status !== old?.status)
    fields.unshift({ path: 'status', ...(old ? { from: old.status } : {}), to: status });
  if (!old) return { ref, action: 'add', changes: fields };
  return { ref, action: fields.length > 0 ? 'modify' : 'unchanged', changes: fields };
}

function deleteChanges(ref: string, old: CiVersion | undefined): PlanCiChange {
  if (!old) return { ref, action: 'delete', changes: [] };
  return {
    ref,
    action: 'delete',
    changes: [
      { path: 'status', from: old.status },
      ...compare('attributes', old.attributes, {}),
      ...compare('labels', old.labels, {}),
    ],
  };
}

/** The keys that differ between two records, sorted, as field changes under `prefix`. */
function compare(prefix: string, from: Record<string, unknown>, to: Record<string, unknown>): PlanFieldChange[] {
  const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
  return keys
    .filter((k) => !(k in from && k in to && sameJson(from[k], to[k])))
    .map((k) => ({
      path: `${prefix}.${k}`,
      ...(k in from ? { from: from[k] } : {}),
      ...(k in to ? { to: to[k] } : {}),
    }));
}

function dedupe(refs: CiRef[]): CiRef[] {
  return [...new Map(refs.map((r) => [formatRef(r), r])).values()];
}
