/**
 * What an input covers (an import, or an observation for drift), so that not seeing a CI or a
 * relationship outside it says nothing: `--prune` retires nothing and drift reports nothing missing there.
 * Real exports are often partial: a GLPI inventory marked `partial`, an observation of some
 * classes only, one of several files. Without a scope, an observation covers the CIs its source
 * wrote and every CI of the classes it holds items of (a full listing of what the source sees).
 */
export interface InputScope {
  /** Only CIs of these classes (and their subclasses) can be missing. */
  classes?: string[];
  /** Only CIs and relationships these sources wrote (`glpi`, also written as `import:glpi`) can be missing. */
  sources?: string[];
  /**
   * The input describes part of what its source sees: without `classes`, only the classes it
   * holds items of are covered (not every CI the source wrote), and only the relationship types
   * it holds.
   */
  partial?: boolean;
}

/** Two scopes together (several files): partial if any is; classes and sources of both; none given means all. */
export function joinScopes(a: InputScope | undefined, b: InputScope | undefined): InputScope | undefined {
  if (!a) return b;
  if (!b) return a;
  const out: InputScope = {};
  if (a.partial || b.partial) out.partial = true;
  if (a.classes && b.classes) out.classes = [...new Set([...a.classes, ...b.classes])];
  if (a.sources && b.sources) out.sources = [...new Set([...a.sources, ...b.sources])];
  return out;
}

/** `partial; classes server, switch; sources glpi` — for messages and the text report. */
export function describeScope(scope: InputScope | undefined): string {
  if (!scope) return 'full';
  const parts = [
    scope.partial ? 'partial' : '',
    scope.classes ? `classes ${scope.classes.join(', ')}` : '',
    scope.sources ? `sources ${scope.sources.join(', ')}` : '',
  ].filter((p) => p !== '');
  return parts.join('; ') || 'full';
}
