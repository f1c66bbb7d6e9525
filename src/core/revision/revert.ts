import { parseRef, type DesiredCi, type DesiredRelation, type DesiredState } from '../ci/desired-state.js';
import type { PlainDiff } from './diff.js';

/**
 * Turns the diff from now to a past point into the desired state that restores that point:
 * CIs and relationships that exist now but did not then are deleted, those that existed then
 * are re-created, and each modified field is set back (a key that did not exist is removed).
 */
export function restorePlan(diffNowToThen: PlainDiff): DesiredState {
  const cis: DesiredCi[] = [];
  // A name deleted and re-created since then is one CI now and another then: it is written back
  // with the old content (keys only the new one has removed) rather than deleted and written in
  // one document, which a document may not do.
  const removedNow = new Map(diffNowToThen.removed.map((r) => [r.ref, r]));
  for (const added of diffNowToThen.added) {
    const ref = parseRef(added.ref)!;
    const now = removedNow.get(added.ref);
    cis.push({
      class: ref.class,
      name: ref.name,
      status: added.status as string,
      attributes: withRemovedKeys(added.attributes, now?.attributes),
      labels: withRemovedKeys(added.labels, now?.labels) as Record<string, string | null>,
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
  const relationKey = (r: Record<string, unknown>) => `${String(r.from)} ${String(r.type)} ${String(r.to)}`;
  const relationsRemovedNow = new Map(diffNowToThen.relations.removed.map((r) => [relationKey(r), r]));
  const relations: DesiredRelation[] = diffNowToThen.relations.added.map((r) => ({
    type: r.type as string,
    from: r.from as string,
    to: r.to as string,
    attributes: withRemovedKeys(r.attributes, relationsRemovedNow.get(relationKey(r))?.attributes),
  }));
  const written = new Set(diffNowToThen.added.map((a) => a.ref));
  const rewritten = new Set(diffNowToThen.relations.added.map(relationKey));
  for (const m of diffNowToThen.relations.modified) {
    const [from, type, to] = splitRelationRef(m.ref);
    const attributes: Record<string, unknown> = {};
    for (const c of m.changes) attributes[c.path.slice('attributes.'.length)] = c.to;
    relations.push({ type, from, to, attributes });
  }
  const deleteCis = diffNowToThen.removed.map((r) => r.ref).filter((ref) => !written.has(ref));
  const gone = new Set(deleteCis);
  // Relationships of deleted CIs end with them; list only the others (and not those written back).
  const deleteRelations = diffNowToThen.relations.removed
    .filter((r) => !gone.has(r.from as string) && !gone.has(r.to as string) && !rewritten.has(relationKey(r)))
    .map((r) => ({ type: r.type as string, from: r.from as string, to: r.to as string }));
  const plan: DesiredState = { cis, relations };
  if (deleteCis.length > 0 || deleteRelations.length > 0) plan.delete = { cis: deleteCis, relations: deleteRelations };
  return plan;
}

/** `then`'s keys, with each key only `now` has set to null (documents merge key by key; null removes). */
function withRemovedKeys(then: unknown, now: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(then as Record<string, unknown>) };
  for (const k of Object.keys((now as Record<string, unknown> | undefined) ?? {})) if (!(k in out)) out[k] = null;
  return out;
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
