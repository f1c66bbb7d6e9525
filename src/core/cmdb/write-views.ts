import type { CmdbServices } from './cmdb-services.js';
import type { ImpactReport } from './impact.service.js';
import type { PendingWrites } from '../revision/pending-writes.js';
import type { ApplyOutcome } from './cmdb.service.js';
import { formatRef } from '../ci/desired-state.js';
import { mixedScriptWarning } from '../ci/name-scripts.js';

/**
 * The JSON views of writes that the CLI prints and the API returns — one definition, so that
 * `cairn … -o json` and the HTTP response stay the same shape.
 */
export interface WriteCounts {
  cis: { added: number; modified: number; removed: number };
  relations: { added: number; modified: number; removed: number };
  classes: number;
}

export type PlanAction = 'add' | 'modify' | 'remove';

export function countWrites(w: PendingWrites): WriteCounts {
  const count = (list: { before?: unknown; after?: unknown }[]) => ({
    added: list.filter((x) => x.after && !x.before).length,
    modified: list.filter((x) => x.after && x.before).length,
    removed: list.filter((x) => !x.after && x.before).length,
  });
  return { cis: count(w.cis), relations: count(w.relations), classes: w.model.length };
}

/** "CIs 2 added, 1 modified; relationships 3 added": what a write did, in words (empty when nothing). */
export function describeCounts(c: WriteCounts): string {
  const part = (noun: string, x: { added: number; modified: number; removed: number }) => {
    const bits = [
      x.added && `${x.added} added`,
      x.modified && `${x.modified} modified`,
      x.removed && `${x.removed} removed`,
    ].filter(Boolean);
    return bits.length > 0 ? `${noun} ${bits.join(', ')}` : '';
  };
  const parts = [
    part('CIs', c.cis),
    part('relationships', c.relations),
    c.classes ? `${c.classes} class/type definitions written` : '',
  ].filter((s) => s !== '');
  return parts.join('; ');
}

/** What a write did: `{revision, hash, cis, relations, classes}`, and `warnings` when there are any. */
export function outcomeJson(o: ApplyOutcome) {
  const warnings = nameWarnings(o.writes);
  return {
    revision: o.revision?.rev ?? null,
    hash: o.revision?.hash ?? null,
    ...countWrites(o.writes),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

/** A warning for each CI the write adds whose name mixes scripts (names of CIs that exist were reported when added). */
function nameWarnings(writes: PendingWrites): string[] {
  return writes.cis.flatMap((w) => {
    if (!w.after || w.before) return [];
    const warning = mixedScriptWarning(formatRef(w.after), w.after.name);
    return warning === undefined ? [] : [warning];
  });
}

/** What apply would write, item by item (the plan's JSON without its impact). */
export function planJson(o: ApplyOutcome) {
  const ref = (id: string) => o.refs.get(id) ?? id;
  const action = (w: { before?: unknown; after?: unknown }): PlanAction =>
    w.after && w.before ? 'modify' : w.after ? 'add' : 'remove';
  return {
    ...outcomeJson(o),
    cis: o.writes.cis.map((w) => ({
      ref: formatRef((w.after ?? w.before)!),
      action: action(w),
      before: w.before ? { status: w.before.status, attributes: w.before.attributes, labels: w.before.labels } : null,
      after: w.after ? { status: w.after.status, attributes: w.after.attributes, labels: w.after.labels } : null,
    })),
    relations: o.writes.relations.map((w) => {
      const r = (w.after ?? w.before)!;
      return { ref: `${ref(r.sourceId)} ${r.type} ${ref(r.targetId)}`, action: action(w) };
    }),
  };
}

/**
 * `cairn plan` / POST /plan: what apply would write and the union of the impacts of the existing
 * CIs it touches (those it modifies or removes, and relationship ends). Writes nothing.
 */
export async function planReport(
  s: Pick<CmdbServices, 'cmdb' | 'impact'>,
  document: unknown,
  depth: number,
): Promise<ReturnType<typeof planJson> & { impact: ImpactReport }> {
  const outcome = await s.cmdb.plan(document);
  const touched = outcome.writes.cis.flatMap((w) => (w.before ? [w.before.id] : []));
  const ends = outcome.writes.relations.flatMap((w) => [w.before ?? w.after!].flatMap((r) => [r.sourceId, r.targetId]));
  return { ...planJson(outcome), impact: await s.impact.impactOfExisting([...touched, ...ends], depth) };
}
