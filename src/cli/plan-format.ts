import { describeCounts, type PlanAction } from '../core/cmdb/write-views.js';
import { renderTable, show } from './output.js';

type State = { status: string; attributes: Record<string, unknown>; labels: Record<string, string> } | null;

/** What `cairn plan -o json` prints, and the body of POST /api/v1/plan. */
export interface RemotePlan {
  classes: number;
  cis: { ref: string; action: PlanAction; before: State; after: State }[];
  relations: { ref: string; action: PlanAction }[];
  impact: { count: number; impacted: { ref: string; depth: number; path: string[] }[] };
}

/** `cairn plan`'s text, from the plan's JSON: the same locally and against a server. */
export function planText(plan: RemotePlan): string {
  if (plan.cis.length === 0 && plan.relations.length === 0 && plan.classes === 0)
    return 'No changes: apply would write nothing.';
  const lines: string[] = [];
  const sign = { add: '+', modify: '~', remove: '-' } as const;
  for (const c of plan.cis) {
    lines.push(`${sign[c.action]} ${c.ref}`);
    if (c.action === 'modify' && c.before && c.after) {
      for (const [k, v] of Object.entries({ ...c.before.attributes, ...c.after.attributes })) {
        const was = c.before.attributes[k];
        const now = c.after.attributes[k];
        if (JSON.stringify(was) !== JSON.stringify(now))
          lines.push(`    attributes.${k}: ${show(was)} → ${show(v === undefined ? null : now)}`);
      }
      if (c.before.status !== c.after.status) lines.push(`    status: ${c.before.status} → ${c.after.status}`);
    }
  }
  for (const r of plan.relations) lines.push(`${sign[r.action]} ${r.ref}`);
  const count = (list: { action: string }[]) => ({
    added: list.filter((x) => x.action === 'add').length,
    modified: list.filter((x) => x.action === 'modify').length,
    removed: list.filter((x) => x.action === 'remove').length,
  });
  lines.push(
    '',
    `Would write: ${describeCounts({ cis: count(plan.cis), relations: count(plan.relations), classes: plan.classes })}.`,
  );
  lines.push(`Impact: ${plan.impact.count} CI${plan.impact.count === 1 ? '' : 's'} affected`);
  if (plan.impact.count > 0)
    lines.push(
      renderTable(
        ['CI', 'DEPTH', 'PATH'],
        plan.impact.impacted.slice(0, 50).map((i) => [i.ref, i.depth, i.path.join(' → ')]),
      ),
    );
  return lines.join('\n');
}
