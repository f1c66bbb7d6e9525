import type { ChangeActivity } from '../change/change-listeners.js';
import type { Approval } from '../policy/approvals.js';
import type { DriftReport } from '../drift/drift.types.js';
import type { ChangeEventData, DriftEventData, EventType } from './event.types.js';

/** An event before it gets its id and time. */
export interface EventDraft<T = unknown> {
  type: EventType;
  data: T;
}

/**
 * The events of one saved change: `change.approved` for each approval given, and
 * `change.transitioned` for each transition (carrying the decision that caused it, if any).
 * An approval that completes the quorum gives both. Nothing else (a draft's edit) is an event.
 */
export function changeEvents(a: ChangeActivity): EventDraft<ChangeEventData>[] {
  const c = a.change;
  const base = (state: string, previousState?: string): ChangeEventData['change'] => ({
    id: c.ref,
    number: c.ref,
    state,
    ...(previousState ? { previousState } : {}),
    planHash: c.planHash,
    title: c.title,
  });
  const decision = (d: Approval | undefined) =>
    d
      ? {
          approval: {
            approver: d.by,
            decision: d.decision,
            group: d.group,
            ...(d.comment ? { comment: d.comment } : {}),
          },
        }
      : {};
  const out: EventDraft<ChangeEventData>[] = [];
  for (const d of a.decisions.filter((x) => x.decision === 'approve')) {
    out.push({
      type: 'change.approved',
      data: { change: base(c.state, a.previousState), actor: a.actor, ...decision(d) },
    });
  }
  const last = a.decisions[a.decisions.length - 1];
  for (const t of a.transitions) {
    const transition = { event: t.event, from: t.from, to: t.to, ...(t.comment ? { comment: t.comment } : {}) };
    out.push({
      type: 'change.transitioned',
      data: { change: base(t.to, t.from), actor: a.actor, transition, ...decision(last) },
    });
  }
  return out;
}

const MAX_FINDINGS = 500;

/** The events a stored drift check records: `drift.detected`, or none for a clean check. */
export function driftEvents(report: DriftReport): EventDraft<DriftEventData>[] {
  const draft = driftEvent(report);
  return draft ? [draft] : [];
}

/** `drift.detected` for a check that found anything (suppressed findings included); null for a clean one. */
export function driftEvent(report: DriftReport): EventDraft<DriftEventData> | null {
  if (report.findings.length === 0) return null;
  const o = report.observation;
  const s = report.summary;
  const unauthorized = report.findings.filter((f) => f.classification === 'unauthorized' && !f.suppressedBy);
  const findings = unauthorized.slice(0, MAX_FINDINGS).map((f) => ({
    id: f.id,
    ref: f.ref,
    kind: f.kind,
    classification: f.classification,
    ...(f.attributes.length > 0 ? { attributes: f.attributes } : {}),
    ...(f.observedRef ? { observedRef: f.observedRef } : {}),
  }));
  return {
    type: 'drift.detected',
    data: {
      observation: { id: o.id, source: o.source, observedAt: o.observedAt, rev: o.rev, items: o.items },
      source: o.source,
      summary: {
        modified: s.modified,
        missing: s.missing,
        unexpected: s.unexpected,
        suppressed: s.suppressed,
        unauthorized: s.unauthorized,
        matched: s.matched,
      },
      findings,
      truncated: unauthorized.length > MAX_FINDINGS,
    },
  };
}
