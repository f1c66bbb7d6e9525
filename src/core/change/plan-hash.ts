import { formatRef, type DesiredState } from '../ci/desired-state.js';
import { canonicalJson, sha256Hex } from '../shared/canonical.js';
import type { Approval } from '../policy/approvals.js';

/**
 * The canonical form of a plan: CIs sorted by `class/name`, relationships by type, from and to,
 * keys sorted at every level (by {@link canonicalJson}). Order in the YAML carries no meaning
 * (a plan is applied as one revision), so reordering it must not void approvals; any change of
 * content must.
 */
export function canonicalPlan(plan: DesiredState): DesiredState {
  const byKey =
    <T>(key: (x: T) => string) =>
    (a: T, b: T) =>
      key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
  const out: DesiredState = {
    cis: [...plan.cis].sort(byKey((c) => formatRef(c))),
    relations: [...plan.relations].sort(byKey((r) => `${r.type}\u0000${r.from}\u0000${r.to}`)),
  };
  const deleteCis = plan.delete?.cis ?? [];
  const deleteRelations = plan.delete?.relations ?? [];
  // Only present when the plan deletes something, so that plans without deletes hash as before.
  if (deleteCis.length > 0 || deleteRelations.length > 0) {
    out.delete = {
      cis: [...deleteCis].sort(),
      relations: [...deleteRelations].sort(byKey((r) => `${r.type}\u0000${r.from}\u0000${r.to}`)),
    };
  }
  if (plan.classes && plan.classes.length > 0) out.classes = [...plan.classes].sort(byKey((c) => c.name));
  if (plan.relationTypes && plan.relationTypes.length > 0) {
    out.relationTypes = [...plan.relationTypes].sort(byKey((t) => t.name));
  }
  return out;
}

/** SHA-256 (lowercase hex) of the canonical plan: what an approval is bound to. */
export function planHash(plan: DesiredState): string {
  return sha256Hex(canonicalJson(canonicalPlan(plan)));
}

/** Result of {@link voidStaleApprovals}: the approvals to store and how many were newly voided. */
export interface VoidResult {
  approvals: Approval[];
  voided: number;
}

/**
 * Voids every approval (and rejection) given for another plan than `currentHash`, so that what is
 * implemented is exactly what was approved. Already-voided ones are kept as they are; nothing is
 * deleted, because the record of who approved what stays readable forever.
 */
export function voidStaleApprovals(approvals: readonly Approval[], currentHash: string): VoidResult {
  let voided = 0;
  const out = approvals.map((a) => {
    if (a.voided === true || a.planHash === currentHash) return a;
    voided++;
    return {
      ...a,
      voided: true,
      voidedReason: `the plan changed after this ${a.decision === 'approve' ? 'approval' : 'rejection'}`,
    };
  });
  return { approvals: out, voided };
}

/** Approvals that still count: not voided and given for the current plan. */
export function liveApprovals(approvals: readonly Approval[], currentHash: string): Approval[] {
  return approvals.filter((a) => a.voided !== true && a.planHash === currentHash);
}

/**
 * Why `plan` may not be implemented on the strength of `approvals`, or undefined when every
 * decision still standing was given for exactly this plan. Checked by implement inside its write
 * transaction, because the plan and its hash are ordinary columns: a plan edited in the database
 * after approval must not reach the CMDB.
 */
export function planApprovalMismatch(
  plan: DesiredState,
  recordedHash: string,
  approvals: readonly Approval[],
): string | undefined {
  const actual = planHash(plan);
  if (actual !== recordedHash)
    return `its stored plan hashes to ${actual.slice(0, 12)}…, not to the plan hash recorded for it (${recordedHash.slice(0, 12)}…): the plan was edited outside Cairn`;
  const stale = approvals.filter((a) => a.voided !== true && a.planHash !== actual);
  if (stale.length === 0) return undefined;
  const who = [...new Set(stale.map((a) => a.by))].join(', ');
  return `the decisions of ${who} were given for another plan (${stale[0]!.planHash.slice(0, 12)}…), not the one stored now (${actual.slice(0, 12)}…)`;
}
