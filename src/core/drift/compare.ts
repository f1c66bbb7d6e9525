import { formatRef, type DesiredCi } from '../ci/desired-state.js';
import { mergeRecord, sameJson } from '../ci/merge.js';
import { sourceName } from './authority.js';
import type { ScannedCi } from './drift.port.js';
import type { AttributeDrift, NewFinding } from './drift.types.js';
import type { MatchResult } from './match.js';

export interface CompareOptions {
  /** The observing source (`glpi`, `cluster-a`). */
  source: string;
  /** Classes the observation holds items of: their unobserved CIs count as missing. */
  observedClasses: ReadonlySet<string>;
  /** With an explicit scope of classes: those classes and their subclasses, the only ones whose CIs can be missing. */
  scopeClasses?: ReadonlySet<string>;
  /** With an explicit scope of sources: only CIs these sources wrote can be missing. */
  scopeSources?: ReadonlySet<string>;
  /** The observation is partial: the CIs its source wrote are covered only within the classes it holds. */
  partial?: boolean;
  /** Whether this source may speak for this attribute (source authority); all when absent. */
  mayObserve?: (className: string, attribute: string) => boolean;
}

/** Whether a version was written by one of these sources (`glpi`, its import `import:glpi`, its accepted drift). */
export function writtenBy(source: string | null, sources: ReadonlySet<string>): boolean {
  return source !== null && sources.has(sourceName(source));
}

/**
 * Whether an unobserved CI is in the observation's scope, so that not seeing it is drift. By
 * default: the CI was last written by this source (its import, or drift accepted from it), or it
 * is of a class the observation covers. An explicit scope narrows that: to its classes, to the
 * classes observed when partial, and to CIs its sources wrote.
 */
export function inScope(ci: ScannedCi, options: CompareOptions): boolean {
  if (options.scopeSources && !writtenBy(ci.source, options.scopeSources)) return false;
  if (options.scopeClasses) return options.scopeClasses.has(ci.class);
  if (options.partial) return options.observedClasses.has(ci.class);
  return (ci.source !== null && sourceName(ci.source) === options.source) || options.observedClasses.has(ci.class);
}

/**
 * Turns a match into findings, all classified `unauthorized` until classify.ts looks for a
 * reason. Only attributes the observation carries are compared (a source that does not report
 * `owner` says nothing about it), and attributes another source owns are left out: that source's
 * observations speak for them. Status and labels are not compared; relationships are compared
 * apart (compare-relations.ts).
 */
export function compareMatch(match: MatchResult, options: CompareOptions): NewFinding[] {
  const findings: NewFinding[] = [];
  for (const { observed, ci } of match.pairs) {
    const attributes = differingAttributes(ci, observed, options);
    if (attributes.length === 0) continue;
    const finding: NewFinding = {
      source: options.source,
      kind: 'modified',
      ref: formatRef(ci),
      class: ci.class,
      ciId: ci.id,
      classification: 'unauthorized',
      attributes,
    };
    const observedRef = formatRef(observed);
    if (observedRef !== finding.ref) finding.observedRef = observedRef;
    findings.push(finding);
  }
  for (const ci of match.unobserved) {
    if (!inScope(ci, options)) continue;
    const item: DesiredCi = { class: ci.class, name: ci.name, status: ci.status, attributes: ci.attributes };
    const labels = ci.labels;
    if (Object.keys(labels).length > 0) item.labels = labels;
    findings.push({
      source: options.source,
      kind: 'missing',
      ref: formatRef(ci),
      class: ci.class,
      ciId: ci.id,
      classification: 'unauthorized',
      attributes: [],
      item,
    });
  }
  for (const o of match.unmatched) {
    findings.push({
      source: options.source,
      kind: 'unexpected',
      ref: formatRef(o),
      class: o.class,
      ciId: null,
      classification: 'unauthorized',
      attributes: [],
      item: o,
    });
  }
  return findings;
}

function differingAttributes(ci: ScannedCi, observed: DesiredCi, options: CompareOptions): AttributeDrift[] {
  const seen = observed.attributes;
  if (!seen) return [];
  // Read once: a scanned CI parses its attributes on each read (the store's scannedCi).
  const attributes = ci.attributes;
  // Most observed items match their CI exactly: mergeRecord returns the same object then, which
  // costs one comparison per key and no allocation.
  if (mergeRecord(attributes, seen) === attributes) return [];
  const out: AttributeDrift[] = [];
  for (const [name, value] of Object.entries(seen)) {
    const current = name in attributes ? attributes[name] : null;
    if (sameJson(current, value ?? null)) continue;
    if (options.mayObserve && !options.mayObserve(ci.class, name)) continue;
    out.push({ name, authorized: current, observed: value ?? null, classification: 'unauthorized' });
  }
  return out;
}
