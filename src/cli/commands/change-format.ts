import { stringify } from 'yaml';
import type { ChangeRecord, ChangeShow, ConflictView, TransitionResult } from '../../contracts/change.contracts.js';
import { renderTable } from '../output.js';
import { outcomeText } from './write-summary.js';

/*
 * `cairn change …` for people. Each formatter reads the API's views only (src/contracts), so that a
 * command prints the same in process and through a server.
 */

/** `CHG-3 is now scheduled.` */
export function stateLine(c: Pick<ChangeRecord, 'ref' | 'state'>): string {
  return `${c.ref} is now ${c.state.replace('_', ' ')}.`;
}

export function describeConflicts(conflicts: readonly Pick<ConflictView, 'kind' | 'message'>[]): string {
  return conflicts.map((c) => `  ! ${c.kind}: ${c.message}`).join('\n');
}

export function createdText(c: ChangeRecord): string {
  return `Created ${c.ref} (${c.type}, ${c.state}): ${c.title}\nRisk: ${c.risk?.level ?? '?'} (${c.risk?.score ?? 0} points). Next: cairn change submit ${c.ref}`;
}

/** What a workflow action did, in a sentence or two: who decided, what was overridden, what was written. */
export function actionText(action: string, r: TransitionResult): string {
  const c = r.change;
  switch (action) {
    case 'approve':
    case 'reject': {
      const by = c.approvals[c.approvals.length - 1]?.by ?? '?';
      const missing =
        action === 'approve'
          ? (r.evaluation?.groups ?? []).filter((g) => !g.satisfied).map((g) => `${g.group} needs ${g.missing} more`)
          : [];
      return `${by} ${action === 'approve' ? 'approved' : 'rejected'} ${c.ref} for ${r.group ?? '?'}. ${stateLine(c)}${missing.length > 0 ? ` Still: ${missing.join('; ')}.` : ''}`;
    }
    case 'schedule': {
      const conflicts = r.conflicts ?? [];
      return conflicts.length > 0
        ? `${stateLine(c)}\nConflicts overridden by ${c.conflictOverride?.by ?? '?'}:\n${describeConflicts(conflicts)}`
        : stateLine(c);
    }
    case 'implement':
    case 'backout':
      return r.outcome ? `${outcomeText(r.outcome)}\n${stateLine(c)}` : stateLine(c);
    default:
      return stateLine(c);
  }
}

/** The columns of `change list`. */
export const CHANGE_COLUMNS = ['CHANGE', 'TYPE', 'STATE', 'RISK', 'WINDOW', 'REQUESTER', 'TITLE'];

export function changeRow(
  c: Pick<ChangeRecord, 'ref' | 'type' | 'state' | 'risk' | 'window' | 'requester' | 'title'>,
): (string | undefined)[] {
  return [
    c.ref,
    c.type,
    c.state,
    c.risk?.level,
    c.window ? `${c.window.start} – ${c.window.end}` : '',
    c.requester,
    c.title,
  ];
}

/** A change view as `changeText` reads it: the plan is printed as YAML, whatever its declared type. */
type ShownChange = Omit<ChangeShow, 'change'> & { change: Omit<ChangeRecord, 'plan'> & { plan: unknown } };

/** Everything about a change, for people: fields, plan, impact, risk, approvals, conflicts, history. */
export function changeText(v: ShownChange): string {
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
  out.push(...impactLines(c), ...riskLines(c));
  out.push('', 'Approvals:', ...approvalLines(v));
  out.push('', v.conflicts.length > 0 ? `Conflicts:\n${describeConflicts(v.conflicts)}` : 'Conflicts: none');
  if (c.conflictOverride)
    out.push(`  overridden by ${c.conflictOverride.by} at ${c.conflictOverride.at}: ${c.conflictOverride.reason}`);
  out.push('', 'History:');
  out.push(
    c.history.length === 0
      ? '  (created, not yet submitted)'
      : indent(
          renderTable(
            ['AT', 'BY', 'EVENT', 'FROM → TO', 'COMMENT'],
            c.history.map((h) => [h.at, h.by, h.event, `${h.from} → ${h.to}`, h.comment]),
          ),
        ),
  );
  if (c.implementedRevision !== undefined)
    out.push(
      '',
      `Implemented as revision ${c.implementedRevision}${c.implementedBeforeAuthorization ? ' (before its approvals were complete)' : ''}.`,
    );
  if (c.backoutRevision !== undefined) out.push(`Backed out as revision ${c.backoutRevision}.`);
  if (c.unauthorized)
    out.push(
      `Covers the unauthorized change in revision ${c.unauthorized.revision ?? '?'} by ${c.unauthorized.by}: ${c.unauthorized.reason}`,
    );
  if (c.review)
    out.push(
      '',
      `Review: ${c.review.outcome.replaceAll('_', ' ')}, by ${c.review.by} at ${c.review.at}${c.review.notes ? `: ${c.review.notes}` : ''}`,
    );
  return out.join('\n');
}

function impactLines(c: ShownChange['change']): string[] {
  if (!c.impact) return [];
  return [
    '',
    'Impact:',
    `  touches:            ${c.impact.touched.join(', ') || 'nothing'}`,
    `  impacts:            ${c.impact.impacted.join(', ') || 'nothing else'}`,
    `  business services:  ${c.impact.businessServices.join(', ') || 'none'}`,
    `  environments:       ${c.impact.environments.join(', ') || 'none recorded'}`,
  ];
}

function riskLines(c: ShownChange['change']): string[] {
  if (!c.risk) return [];
  const t = c.risk.thresholds;
  return [
    '',
    `Risk: ${c.risk.level} (${c.risk.score} points; medium from ${t.medium}, high from ${t.high}, very high from ${t.veryHigh})`,
    indent(
      renderTable(
        ['FACTOR', 'POINTS', 'WHY'],
        c.risk.factors.map((f) => [f.factor, `${f.score}/${f.max}`, f.reason]),
      ),
    ),
  ];
}

function approvalLines(v: ShownChange): string[] {
  const lines: string[] = [];
  if (v.required.length === 0)
    lines.push(`  none needed${v.change.type === 'standard' ? ' (pre-approved by its template)' : ''}`);
  for (const g of v.approvalStatus.groups) {
    const who = g.approvedBy.length > 0 ? ` by ${g.approvedBy.join(', ')}` : '';
    const rejected = g.rejectedBy.length > 0 ? `, REJECTED by ${g.rejectedBy.join(', ')}` : '';
    lines.push(
      `  ${g.group}: ${g.approvedBy.length}/${g.quorum}${who}${rejected} — ${g.satisfied ? 'satisfied' : `${g.missing} more needed`}`,
    );
  }
  for (const a of v.change.approvals) {
    const mark =
      a.voided === true ? `VOID (${a.voidedReason ?? 'voided'})` : a.decision === 'approve' ? 'approved' : 'REJECTED';
    lines.push(`  - ${a.at} ${a.by} for ${a.group}: ${mark}${a.comment ? ` — "${a.comment}"` : ''}`);
  }
  for (const i of v.approvalStatus.ignored.filter((x) => !/^void/.test(x.reason)))
    lines.push(`  (not counted: ${i.by} for ${i.group}: ${i.reason})`);
  return lines;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
