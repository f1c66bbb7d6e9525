import type { ApprovalRecord, TransitionRecord } from './change.port.js';
import { canonicalJson, sha256Hex } from '../shared/canonical.js';
import type { Change, HistoryEntry } from './change.types.js';
import type { Approval } from '../policy/approvals.js';
import type { ChangeState } from '../lifecycle/change-lifecycle.js';

/**
 * A change's approvals and history are stored as append-only records chained by hash, like
 * revisions: each record's hash covers its content and the previous record's hash, so that an
 * edited, deleted or inserted row breaks the chain and `cairn audit verify` names it.
 */

type Unhashed<T> = Omit<T, 'hash' | 'prevHash' | 'seq'>;

/** The hash of a record's content chained to the previous record's hash. */
export function chainHash(content: unknown, prevHash: string | null): string {
  return sha256Hex(canonicalJson({ prev: prevHash, content }));
}

/** What an approval record's hash covers: everything but its own hash and position. */
export function approvalContent(r: Unhashed<ApprovalRecord>): unknown {
  return {
    changeId: r.changeId,
    kind: r.kind,
    by: r.by,
    group: r.group,
    comment: r.comment,
    at: r.at,
    planHash: r.planHash,
    target: r.target,
  };
}

export function transitionContent(r: Unhashed<TransitionRecord>): unknown {
  return { changeId: r.changeId, from: r.from, to: r.to, event: r.event, by: r.by, at: r.at, comment: r.comment };
}

/** Numbers and chains new records after `head` (the last stored record, if any). */
export function chain<T extends { seq: number; hash: string; prevHash: string | null }>(
  head: { seq: number; hash: string } | undefined,
  items: Unhashed<T>[],
  content: (item: Unhashed<T>) => unknown,
): T[] {
  let seq = head?.seq ?? 0;
  let prev = head?.hash ?? null;
  return items.map((item) => {
    const hash = chainHash(content(item), prev);
    const record = { ...item, seq: ++seq, hash, prevHash: prev } as T;
    prev = hash;
    return record;
  });
}

/** Rebuilds a change's approvals from its records (decisions in order, voids applied). */
export function approvalsFromRecords(records: readonly ApprovalRecord[]): Approval[] {
  const out: Approval[] = [];
  for (const r of records) {
    if (r.kind === 'void') {
      const target = r.target === null ? undefined : out[r.target];
      if (target) Object.assign(target, { voided: true, voidedReason: r.comment ?? 'voided' });
      continue;
    }
    const a: Approval = { by: r.by, group: r.group, decision: r.kind, at: r.at, planHash: r.planHash };
    if (r.comment !== null) a.comment = r.comment;
    out.push(a);
  }
  return out;
}

export function historyFromRecords(records: readonly TransitionRecord[]): HistoryEntry[] {
  return records.map((r) => {
    const e: HistoryEntry = {
      from: r.from as ChangeState,
      to: r.to as ChangeState,
      event: r.event as HistoryEntry['event'],
      by: r.by,
      at: r.at,
    };
    if (r.comment !== null) e.comment = r.comment;
    return e;
  });
}

/**
 * The records to append when a change moves from `before` to `after` (both produced by the pure
 * change operations, which only ever append history and approvals or void approvals).
 */
export function newRecords(
  before: Change | undefined,
  after: Change,
  actor: string,
  at: string,
): { approvals: Unhashed<ApprovalRecord>[]; transitions: Unhashed<TransitionRecord>[] } {
  const oldApprovals = before?.approvals ?? [];
  const approvals: Unhashed<ApprovalRecord>[] = [];
  after.approvals.forEach((a, i) => {
    const old = oldApprovals[i];
    if (old && old.voided !== true && a.voided === true) {
      approvals.push({
        changeId: after.id,
        kind: 'void',
        by: actor,
        group: a.group,
        comment: a.voidedReason ?? 'voided',
        at,
        planHash: after.planHash,
        target: i,
      });
    }
  });
  after.approvals.slice(oldApprovals.length).forEach((a) =>
    approvals.push({
      changeId: after.id,
      kind: a.decision,
      by: a.by,
      group: a.group,
      comment: a.comment ?? null,
      at: a.at,
      planHash: a.planHash,
      target: null,
    }),
  );
  const transitions = after.history.slice(before?.history.length ?? 0).map((h) => ({
    changeId: after.id,
    from: h.from,
    to: h.to,
    event: h.event,
    by: h.by,
    at: h.at,
    comment: h.comment ?? null,
  }));
  return { approvals, transitions };
}
