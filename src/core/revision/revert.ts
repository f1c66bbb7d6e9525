import { parseRef, type DesiredCi, type DesiredRelation, type DesiredState } from '../ci/desired-state.js';
import type { Diff } from './diff.js';

/**
 * Turns the diff from now to a past point into the desired state that restores that point:
 * CIs and relationships that exist now but did not then are deleted, those that existed then
 * are re-created, and each modified field is set back (a key that did not exist is removed).
 */
export function restorePlan(diffNowToThen: Diff): DesiredState {
  const cis: DesiredCi[] = [];
  for (const added of diffNowToThen.added) {
    const ref = parseRef(added.ref)!;
    cis.push({
      class: ref.class,
      name: ref.name,
      status: added.status as string,
      attributes: added.attributes as Record<string, unknown>,
      labels: added.labels as Record<string, string>,
    });
  }
  for (const m of diffNowToThen.modified) {
    const ref = parseRef(m.ref)!;
    const ci: DesiredCi = { class: ref.class, name: ref.name };
    for (const c of m.changes) {
      if (c.path === 'status') ci.status = c.to as string;
      else if (c.path.startsWith('attributes.')) (ci.attributes ??= {})[c.path.slice('attributes.'.length)] = c.to;
      else if (c.path.startsWith('labels.')) (ci.labels ??= {})[c.path.slice('labels.'.length)] = c.to as string | null;
    }
    cis.push(ci);
  }
  const relations: DesiredRelation[] = diffNowToThen.relations.added.map((r) => ({
    type: r.type as string,
    from: r.from as string,
    to: r.to as string,
    attributes: r.attributes as Record<string, unknown>,
  }));
  for (const m of diffNowToThen.relations.modified) {
    const [from, type, to] = splitRelationRef(m.ref);
    const attributes: Record<string, unknown> = {};
    for (const c of m.changes) attributes[c.path.slice('attributes.'.length)] = c.to;
    relations.push({ type, from, to, attributes });
  }
  const deleteCis = diffNowToThen.removed.map((r) => r.ref);
  const gone = new Set(deleteCis);
  // Relationships of deleted CIs end with them; list only the others.
  const deleteRelations = diffNowToThen.relations.removed
    .filter((r) => !gone.has(r.from as string) && !gone.has(r.to as string))
    .map((r) => ({ type: r.type as string, from: r.from as string, to: r.to as string }));
  const plan: DesiredState = { cis, relations };
  if (deleteCis.length > 0 || deleteRelations.length > 0) plan.delete = { cis: deleteCis, relations: deleteRelations };
  return plan;
}

/** `class/name type class/name` — names may hold spaces, so split on the type word found between refs. */
function splitRelationRef(ref: string): [string, string, string] {
  const parts = ref.split(' ');
  for (let i = 1; i < parts.length - 1; i++) {
    if (/^[a-z][a-z0-9_]*$/.test(parts[i]!) && parts[i + 1]!.includes('/')) {
      return [parts.slice(0, i).join(' '), parts[i]!, parts.slice(i + 1).join(' ')];
    }
  }
  throw new Error(`cannot read relationship reference "${ref}"`);
}
