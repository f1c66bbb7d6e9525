import type { CiVersion } from '../ci/ci.types.js';
import { formatRef, parseRef, type CiRef, type DesiredState } from '../ci/desired-state.js';
import type { Policy } from '../policy/policy.types.js';
import { assessRisk } from '../risk/risk-model.js';
import type { RiskAssessment } from '../risk/risk.types.js';
import type { ImpactSummary, TouchedCi } from '../graph/impact-summary.js';
import type { ChangeType, TimeWindow } from '../lifecycle/change-lifecycle.js';
import type { ChangeDeps } from './change-transaction.js';

/** Failed changes older than this no longer weigh on the risk of a new one. */
const HISTORY_DAYS = 90;
const IMPACT_DEPTH = 6;

export interface Assessment {
  impact: ImpactSummary;
  risk: RiskAssessment;
}

/**
 * Works out what a plan touches and affects, and its risk. Validates the plan against the current
 * model and state first (the same checks `cairn plan` makes), so that a change that could never
 * be implemented is refused when it is raised, not on the night. Reads outside any transaction.
 */
export async function assessChange(
  deps: Pick<ChangeDeps, 'cmdb' | 'store' | 'impact' | 'changes' | 'clock'>,
  input: { type: ChangeType; plan: DesiredState; window?: TimeWindow },
  policy: Policy,
): Promise<Assessment> {
  const outcome = await deps.cmdb.plan(input.plan);
  const registry = await deps.cmdb.registry();
  const touched = [...new Set([...input.plan.cis.map(formatRef), ...(input.plan.delete?.cis ?? [])])];
  const after = new Map<string, CiVersion>();
  for (const v of await deps.store.getCisByRef(refs(touched))) after.set(formatRef(v), v);
  for (const w of outcome.writes.cis) {
    const v = w.after ?? w.before;
    if (v) after.set(formatRef(v), v);
  }
  const ends = outcome.writes.relations.flatMap((w) => {
    const r = (w.after ?? w.before)!;
    return [r.sourceId, r.targetId];
  });
  const roots = await deps.store.getCisById([...new Set([...[...after.values()].map((v) => v.id), ...ends])]);
  const report = await deps.impact.impactOfIds(
    roots.map((v) => v.id),
    IMPACT_DEPTH,
  );
  const touchedSet = new Set(touched);
  const impacted = [...new Set(report.impacted.map((i) => i.ref))].filter((r) => !touchedSet.has(r)).sort();
  const impactedVersions = await deps.store.getCisByRef(refs(impacted));
  const all = [...touched.flatMap((r) => after.get(r) ?? []), ...impactedVersions];
  const cis: TouchedCi[] = touched.map((ref) =>
    touchedCi(ref, after.get(ref), (c) =>
      registry
        .lineage(c)
        .slice(1)
        .map((x) => x.name),
    ),
  );
  const impact: ImpactSummary = {
    touched,
    impacted,
    businessServices: all
      .filter((v) => registry.isA(v.class, 'business_service'))
      .map(formatRef)
      .sort(),
    environments: [...new Set(all.flatMap((v) => text(v.attributes.environment) ?? []))].sort(),
    cis,
  };
  const now = deps.clock.now();
  const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000).toISOString();
  const failedChanges = await deps.changes.failedChangeCounts(touched, [...new Set(cis.map((c) => c.class))], since);
  const risk = assessRisk({
    type: input.type,
    cis: all.map((v) => ({
      ref: formatRef(v),
      criticality: text(v.attributes.criticality),
      environment: text(v.attributes.environment),
    })),
    failedChanges,
    window: input.window,
    now: now.toISOString(),
    businessHours: policy.risk.businessHours,
    thresholds: policy.risk.thresholds,
  });
  return { impact, risk };
}

function touchedCi(ref: string, v: CiVersion | undefined, ancestors: (cls: string) => string[]): TouchedCi {
  const cls = v?.class ?? parseRef(ref)?.class ?? '';
  const ci: TouchedCi = { ref, class: cls, ancestors: ancestors(cls), labels: v?.labels ?? {} };
  const env = text(v?.attributes.environment);
  if (env !== undefined) ci.environment = env;
  return ci;
}

function refs(texts: string[]): CiRef[] {
  return texts.flatMap((t) => parseRef(t) ?? []);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
