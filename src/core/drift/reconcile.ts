import { parseRef, type DesiredCi, type DesiredRelation, type DesiredState } from '../ci/desired-state.js';
import type { Finding } from './drift.types.js';

function ciOf(byRef: Map<string, DesiredCi>, ref: string): DesiredCi {
  let ci = byRef.get(ref);
  if (!ci) {
    const r = parseRef(ref)!;
    ci = { class: r.class, name: r.name, attributes: {} };
    byRef.set(ref, ci);
  }
  return ci;
}

/**
 * The desired state that makes the CMDB say what the source saw: modified attributes take their
 * observed values (null removes one), unexpected items are recorded as observed, missing CIs are
 * deleted.
 */
export function acceptDocument(findings: Finding[]): DesiredState {
  const byRef = new Map<string, DesiredCi>();
  const deleted: string[] = [];
  const added: DesiredRelation[] = [];
  const ended: DesiredRelation[] = [];
  for (const f of findings) {
    if (f.relation) (f.kind === 'unexpected' ? added : ended).push({ ...f.relation });
    else if (f.kind === 'missing') deleted.push(f.ref);
    else if (f.kind === 'unexpected') byRef.set(f.ref, { ...f.item!, class: f.class });
    else {
      const ci = ciOf(byRef, f.ref);
      for (const a of f.attributes) ci.attributes![a.name] = a.observed;
    }
  }
  const doc: DesiredState = { cis: [...byRef.values()], relations: added };
  // A relationship to a CI deleted here ends with it: naming it again would ask to end it twice.
  const gone = new Set(deleted);
  const ending = ended.filter((r) => !gone.has(r.from) && !gone.has(r.to));
  if (deleted.length > 0 || ending.length > 0) doc.delete = { cis: deleted, relations: ending };
  return doc;
}

/** A change that puts the systems back as the CMDB authorizes them. */
export interface RemediationDraft {
  title: string;
  description: string;
  /**
   * The authorized state of the CIs concerned: modified attributes at their authorized values,
   * missing CIs as recorded. Implemented, it writes nothing the CMDB does not already hold; the
   * work is done on the systems. Unexpected items cannot be planned (the CMDB has no record to
   * delete): the description lists them for removal.
   */
  plan: DesiredState;
}

export function remediationDraft(findings: Finding[]): RemediationDraft {
  const byRef = new Map<string, DesiredCi>();
  const remove: string[] = [];
  const restore: DesiredRelation[] = [];
  for (const f of findings) {
    if (f.relation) {
      if (f.kind === 'missing') restore.push({ ...f.relation });
      else remove.push(relationText(f.relation));
    } else if (f.kind === 'unexpected') remove.push(f.ref);
    else if (f.kind === 'missing') byRef.set(f.ref, { ...f.item! });
    else {
      const ci = ciOf(byRef, f.ref);
      for (const a of f.attributes) ci.attributes![a.name] = a.authorized;
    }
  }
  const ids = findings.map((f) => f.id);
  const sources = [...new Set(findings.map((f) => f.source))].join(', ');
  const lines = [
    `Restore the authorized state of the CIs drift detection found changed (${sources}): ${ids.join(', ')}.`,
  ];
  for (const f of findings) {
    if (f.relation) {
      if (f.kind === 'missing') lines.push(`- ${relationText(f.relation)}: restore it (not observed by ${f.source})`);
    } else if (f.kind === 'modified')
      lines.push(
        `- ${f.ref}: set ${f.attributes.map((a) => `${a.name} back to ${JSON.stringify(a.authorized)} (seen ${JSON.stringify(a.observed)})`).join(', ')}`,
      );
    else if (f.kind === 'missing') lines.push(`- ${f.ref}: restore it (not observed by ${f.source})`);
  }
  if (remove.length > 0) lines.push(`Remove from the systems (observed, never authorized): ${remove.join(', ')}.`);
  const title =
    findings.length === 1
      ? `Remediate drift ${ids[0]} on ${findings[0]!.ref}`
      : `Remediate ${findings.length} drift findings (${sources})`;
  return { title, description: lines.join('\n'), plan: { cis: [...byRef.values()], relations: restore } };
}

/** `service/shop depends_on service/db`. */
export function relationText(r: { type: string; from: string; to: string }): string {
  return `${r.from} ${r.type} ${r.to}`;
}
