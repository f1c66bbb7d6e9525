import { stringify } from 'yaml';
import type { Change } from '../../core/change/change.types.js';
import type { ChangeView } from '../../core/change/change-view.js';
import type { Conflict } from '../../core/schedule/conflicts.js';
import { renderTable } from '../output.js';

/** `CHG-3 is now scheduled (next: implement, reject, revise, cancel).` */
export function stateLine(c: Change): string {
  return `${c.ref} is now ${c.state.replace('_', ' ')}.`;
}

export function describeConflicts(conflicts: readonly Conflict[]): string {
  return conflicts.map((c) => `  ! ${c.kind}: ${c.message}`).join('\n');
}

/** One row per change for `change list`. */
export function changeTable(changes: readonly Change[]): string {
  if (changes.length === 0) return 'No changes match.';
  return renderTable(
    ['CHANGE', 'TYPE', 'STATE', 'RISK', 'WINDOW', 'REQUESTER', 'TITLE'],
    changes.map((c) => [c.ref, c.type, c.state, c.risk?.level, c.window ? `${c.window.start} – ${c.window.end}` : '', c.requester, c.title]),
  );
}

/** Everything about a change, for people: fields, plan, impact, risk, approvals, conflicts, history. */
export function changeText(v: ChangeView): string {
  const c = v.change;
  const out: string[] = [`${c.ref}  ${c.title}`, ''];
  const field = (k: string, val: string | undefined) => {
    if (val !== undefined && val !== '') out.push(`${`${k}:`.padEnd(16)}${val}`);
  };
  field('type', c.template ? `${c.type} (template ${c.template})` : c.type);
  field('state', c.state.replace('_', ' '));
  field('requester', c.requester);
  field('assignee', c.assignee);
  field('window', c.window && `${c.window.start} – ${c.window.end}`);
  field('category', c.category);
  field('created', c.createdAt);
  field('updated', c.updatedAt);
  field('description', c.description);
  field('justification', c.justification);
  field('implementation', c.implementationPlan);
  field('test plan', c.testPlan);
  field('backout plan', c.backoutPlan);
  field('next steps', v.next.map((n) => `${n.event} (→ ${n.to})`).join(', ') || 'none: the change is final');
  out.push('', `Plan (against revision ${c.baseRevision}, sha256 ${c.planHash}):`, indent(stringify(c.plan).trimEnd()));
  if (c.impact) {
    out.push('', 'Impact:');
    out.push(`  touches:            ${c.impact.touched.join(', ') || 'nothing'}`);
    out.push(`  impacts:            ${c.impact.impacted.join(', ') || 'nothing else'}`);
    out.push(`  business services:  ${c.impact.businessServices.join(', ') || 'none'}`);
    out.push(`  environments:       ${c.impact.environments.join(', ') || 'none recorded'}`);
  }
  if (c.risk) {
    out.push('', `Risk: ${c.risk.level} (${c.risk.score} points; medium from ${c.risk.thresholds.medium}, high from ${c.risk.thresholds.high}, very high from ${c.risk.thresholds.veryHigh})`);
    out.push(indent(renderTable(['FACTOR', 'POINTS', 'WHY'], c.risk.factors.map((f) => [f.factor, `${f.score}/${f.max}`, f.reason]))));
  }
  out.push('', 'Approvals:', ...approvalLines(v));
  out.push('', v.conflicts.length > 0 ? `Conflicts:\n${describeConflicts(v.conflicts)}` : 'Conflicts: none');
  if (c.conflictOverride) out.push(`  overridden by ${c.conflictOverride.by} at ${c.conflictOverride.at}: ${c.conflictOverride.reason}`);
  out.push('', 'History:');
  out.push(c.history.length === 0 ? '  (created, not yet submitted)' : indent(renderTable(['AT', 'BY', 'EVENT', 'FROM → TO', 'COMMENT'], c.history.map((h) => [h.at, h.by, h.event, `${h.from} → ${h.to}`, h.comment]))));
  if (c.implementedRevision !== undefined) out.push('', `Implemented as revision ${c.implementedRevision}${c.implementedBeforeAuthorization ? ' (before its approvals were complete)' : ''}.`);
  if (c.backoutRevision !== undefined) out.push(`Backed out as revision ${c.backoutRevision}.`);
  if (c.unauthorized) out.push(`Covers the unauthorized change in revision ${c.unauthorized.revision ?? '?'} by ${c.unauthorized.by}: ${c.unauthorized.reason}`);
  if (c.review) out.push('', `Review: ${c.review.outcome.replaceAll('_', ' ')}, by ${c.review.by} at ${c.review.at}${c.review.notes ? `: ${c.review.notes}` : ''}`);
  return out.join('\n');
}

function approvalLines(v: ChangeView): string[] {
  const lines: string[] = [];
  if (v.required.length === 0) lines.push(`  none needed${v.change.type === 'standard' ? ' (pre-approved by its template)' : ''}`);
  for (const g of v.approvalStatus.groups) {
    const who = g.approvedBy.length > 0 ? ` by ${g.approvedBy.join(', ')}` : '';
    const rejected = g.rejectedBy.length > 0 ? `, REJECTED by ${g.rejectedBy.join(', ')}` : '';
    lines.push(`  ${g.group}: ${g.approvedBy.length}/${g.quorum}${who}${rejected} — ${g.satisfied ? 'satisfied' : `${g.missing} more needed`}`);
  }
  for (const a of v.change.approvals) {
    const mark = a.voided === true ? `VOID (${a.voidedReason ?? 'voided'})` : a.decision === 'approve' ? 'approved' : 'REJECTED';
    lines.push(`  - ${a.at} ${a.by} for ${a.group}: ${mark}${a.comment ? ` — "${a.comment}"` : ''}`);
  }
  for (const i of v.approvalStatus.ignored.filter((x) => !/^void/.test(x.reason))) lines.push(`  (not counted: ${i.by} for ${i.group}: ${i.reason})`);
  return lines;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
