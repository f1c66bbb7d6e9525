import { refKey } from '../ci/apply-plan.js';
import type { RelationVersion } from '../ci/ci.types.js';
import type { ScannedCi } from './drift.port.js';
import { formatRef, type DesiredCi, type DesiredRelation } from '../ci/desired-state.js';
import type { ModelRegistry } from '../model/model-registry.js';
import { InputError } from '../shared/errors.js';
import { sourceName } from './authority.js';
import { writtenBy } from './compare.js';
import type { NewFinding, RelationDrift } from './drift.types.js';
import type { MatchedPair } from './match.js';

/** An observed relationship in its canonical direction (inverse names turned round). */
interface CanonicalRelation {
  type: string;
  from: string;
  to: string;
}

export interface RelationScope {
  /** The observing source. */
  source: string;
  /** Partial: only relationships of the types observed can be missing, not every one the source wrote. */
  partial?: boolean;
  /** Only relationships these sources wrote can be missing. */
  scopeSources?: ReadonlySet<string>;
}

/** Turns the observed relationships round where they use an inverse name; an unknown type is bad input. */
export function canonicalRelations(relations: DesiredRelation[], registry: ModelRegistry): CanonicalRelation[] {
  return relations.map((r, i) => {
    const type = registry.relationType(r.type);
    if (!type)
      throw new InputError(
        'DRIFT_OBSERVATION_INVALID',
        `observed.relations[${i}]: "${r.type}" is not a relationship type (see \`cairn class list\`)`,
        [{ path: `observed.relations[${i}].type`, message: 'is not a relationship type' }],
      );
    const [from, to] = type.inverted ? [r.to, r.from] : [r.from, r.to];
    return { type: type.definition.name, from, to };
  });
}

const key = (type: string, from: string, to: string) => `${type}\u0000${from}\u0000${to}`;

/**
 * Findings about relationships, between CIs the observation saw. A relationship the CMDB holds
 * between two observed CIs and the source did not report is missing, when it is in scope (a type
 * the observation reports, or one the source wrote unless the observation is partial). A
 * relationship the source reports and the CMDB does not hold is unexpected, when both its ends
 * are observed. Relationships with an end the observation does not hold say nothing either way.
 */
export function compareRelations(
  observed: CanonicalRelation[],
  authorized: RelationVersion[],
  match: { pairs: MatchedPair[]; unmatched: DesiredCi[] },
  scope: RelationScope,
): NewFinding[] {
  // Observed `class/name` → the CI it was paired with, or the observed item itself when unmatched.
  const ciOf = new Map<string, ScannedCi>();
  const ciById = new Map<string, ScannedCi>();
  for (const { observed: o, ci } of match.pairs) {
    ciOf.set(refKey(o.class, o.name), ci);
    ciById.set(ci.id, ci);
  }
  const unexpectedItems = new Set(match.unmatched.map((o) => refKey(o.class, o.name)));
  const observedTypes = new Set(observed.map((r) => r.type));

  const seen = new Set<string>();
  const findings: NewFinding[] = [];
  const held = new Set<string>();
  for (const r of authorized) {
    const from = ciById.get(r.sourceId);
    const to = ciById.get(r.targetId);
    if (!from || !to) continue;
    held.add(key(r.type, r.sourceId, r.targetId));
  }
  for (const r of observed) {
    const from = ciOf.get(r.from);
    const to = ciOf.get(r.to);
    if (from && to) {
      const k = key(r.type, from.id, to.id);
      seen.add(k);
      if (held.has(k)) continue;
      findings.push(
        finding('unexpected', scope.source, { type: r.type, from: formatRef(from), to: formatRef(to) }, from),
      );
    } else if ((from || unexpectedItems.has(r.from)) && (to || unexpectedItems.has(r.to))) {
      // An end the CMDB does not hold at all: the relationship cannot be there either.
      const rel = { type: r.type, from: from ? formatRef(from) : r.from, to: to ? formatRef(to) : r.to };
      findings.push(finding('unexpected', scope.source, rel, from));
    }
  }
  for (const r of authorized) {
    const from = ciById.get(r.sourceId);
    const to = ciById.get(r.targetId);
    if (!from || !to || seen.has(key(r.type, r.sourceId, r.targetId))) continue;
    if (!relationInScope(r, observedTypes, scope)) continue;
    findings.push(finding('missing', scope.source, { type: r.type, from: formatRef(from), to: formatRef(to) }, from));
  }
  return dedupe(findings);
}

function relationInScope(r: RelationVersion, observedTypes: ReadonlySet<string>, scope: RelationScope): boolean {
  if (scope.scopeSources && !writtenBy(r.source, scope.scopeSources)) return false;
  if (observedTypes.has(r.type)) return true;
  return !scope.partial && r.source !== null && sourceName(r.source) === scope.source;
}

function finding(
  kind: 'missing' | 'unexpected',
  source: string,
  relation: RelationDrift,
  from: ScannedCi | undefined,
): NewFinding {
  const slash = relation.from.indexOf('/');
  return {
    source,
    kind,
    ref: relation.from,
    class: from?.class ?? relation.from.slice(0, slash),
    ciId: from?.id ?? null,
    classification: 'unauthorized',
    attributes: [],
    relation,
  };
}

/** An observation naming a relationship twice (or by its inverse too) gives one finding. */
function dedupe(findings: NewFinding[]): NewFinding[] {
  const out = new Map<string, NewFinding>();
  for (const f of findings) out.set(`${f.kind}\u0000${key(f.relation!.type, f.relation!.from, f.relation!.to)}`, f);
  return [...out.values()];
}
