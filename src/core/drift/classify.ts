import type { CiVersion } from '../ci/ci.types.js';
import type { DesiredState } from '../ci/desired-state.js';
import { sameJson } from '../ci/merge.js';
import type { Classification, NewFinding } from './drift.types.js';

/** A change whose plan may explain drift seen at a time: implemented or implementing, its window covering it. */
export interface AuthorizingChange {
  /** `CHG-7`. */
  ref: string;
  state: string;
  window?: { start: string; end: string };
  plan: DesiredState;
}

/** What the classification reads besides the findings: plans in force and the CIs' past. */
export interface ClassifyContext {
  changes: AuthorizingChange[];
  /** Ended versions of the modified CIs, by CI id. */
  history: Map<string, CiVersion[]>;
  /** For unexpected items: an ended version of a CI that had their `class/name`. */
  pastByRef: Map<string, CiVersion>;
}

const RANK: Record<Classification, number> = { authorized: 0, corrective: 1, unauthorized: 2 };

interface PlanIndex {
  attributes: Map<string, { value: unknown; change: string }[]>;
  touched: Map<string, string>;
  removed: Map<string, string>;
  /** Relationships (`type from to`, as the plan writes them) a change adds, and those it ends. */
  relationsAdded: Map<string, string>;
  relationsEnded: Map<string, string>;
}

const relationKey = (r: { type: string; from: string; to: string }) => `${r.type}\u0000${r.from}\u0000${r.to}`;

function indexPlans(changes: AuthorizingChange[]): PlanIndex {
  const idx: PlanIndex = {
    attributes: new Map(),
    touched: new Map(),
    removed: new Map(),
    relationsAdded: new Map(),
    relationsEnded: new Map(),
  };
  for (const c of changes) {
    for (const r of c.plan.relations) idx.relationsAdded.set(relationKey(r), c.ref);
    for (const r of c.plan.delete?.relations ?? []) idx.relationsEnded.set(relationKey(r), c.ref);
    for (const ci of c.plan.cis) {
      const ref = `${ci.class}/${ci.name}`;
      idx.touched.set(ref, c.ref);
      if (ci.status === 'retired') idx.removed.set(ref, c.ref);
      for (const [name, value] of Object.entries(ci.attributes ?? {})) {
        const key = `${ref}\u0000${name}`;
        idx.attributes.set(key, [...(idx.attributes.get(key) ?? []), { value, change: c.ref }]);
      }
    }
    for (const ref of c.plan.delete?.cis ?? []) idx.removed.set(ref, c.ref);
  }
  return idx;
}

/**
 * Classifies each finding in place. An attribute is `authorized` when a change in force plans
 * exactly the observed value, `corrective` when an earlier version of the CI held it, otherwise
 * `unauthorized`; a modified finding takes its worst attribute's class. A missing CI is
 * authorized when a change in force deletes or retires it; an unexpected item when a change in
 * force plans it, corrective when a CI of that name existed before and was deleted.
 */
export function classifyFindings(findings: NewFinding[], ctx: ClassifyContext): void {
  const plans = indexPlans(ctx.changes);
  for (const f of findings) {
    if (f.relation) {
      classifyRelation(f, plans);
      continue;
    }
    switch (f.kind) {
      case 'modified': {
        const past = ctx.history.get(f.ciId ?? '') ?? [];
        for (const a of f.attributes) {
          const planned = plans.attributes
            .get(`${f.ref}\u0000${a.name}`)
            ?.find((p) => sameJson(p.value ?? null, a.observed));
          if (planned) {
            a.classification = 'authorized';
            a.because = planned.change;
            continue;
          }
          const earlier = newestFirst(past).find((v) =>
            sameJson(a.name in v.attributes ? v.attributes[a.name] : null, a.observed),
          );
          if (earlier) {
            a.classification = 'corrective';
            a.because = `r${earlier.revFrom}`;
          }
        }
        f.classification = f.attributes.reduce<Classification>(
          (worst, a) => (RANK[a.classification] > RANK[worst] ? a.classification : worst),
          'authorized',
        );
        break;
      }
      case 'missing': {
        f.classification = plans.removed.has(f.ref) ? 'authorized' : 'unauthorized';
        break;
      }
      case 'unexpected': {
        f.classification = plans.touched.has(f.ref)
          ? 'authorized'
          : ctx.pastByRef.has(f.ref)
            ? 'corrective'
            : 'unauthorized';
        break;
      }
    }
  }
}

/**
 * A relationship seen and not held is authorized when a change in force adds it; one held and not
 * seen, when a change in force ends it or deletes or retires either end.
 */
function classifyRelation(f: NewFinding, plans: PlanIndex): void {
  const r = f.relation!;
  const because =
    f.kind === 'unexpected'
      ? plans.relationsAdded.get(relationKey(r))
      : (plans.relationsEnded.get(relationKey(r)) ?? plans.removed.get(r.from) ?? plans.removed.get(r.to));
  f.classification = because === undefined ? 'unauthorized' : 'authorized';
}

function newestFirst(versions: CiVersion[]): CiVersion[] {
  return [...versions].sort((a, b) => b.revFrom - a.revFrom);
}
