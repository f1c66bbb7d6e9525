import type { ApplyOutcome } from '../cmdb/cmdb.service.js';
import { computeWrites, parseDocument } from '../cmdb/compute-writes.js';
import { formatRef, type DesiredState } from '../ci/desired-state.js';
import { assertMayAct } from '../policy/change-roles.js';
import type { CmdbWriter } from '../cmdb/cmdb.port.js';
import { nextRevision, persistRevision } from '../cmdb/persist-revision.js';
import { isEmpty } from '../revision/pending-writes.js';
import { restorePlan } from '../revision/revert.js';
import type { WriteMeta } from '../revision/revision.types.js';
import { ConflictError, NotAllowedError, PreconditionFailedError } from '../shared/errors.js';
import { CHANGE_MANAGERS, isChangeManager } from '../policy/change-roles.js';
import { detectConflicts } from '../schedule/conflicts.js';
import { applyTransition } from './change-updates.js';
import { inChangeTx, loadChange, saveChange, type ChangeDeps, type ChangeTx } from './change-transaction.js';
import { type Change, type ConflictOverride } from './change.types.js';
import { OPEN_STATES } from '../lifecycle/change-lifecycle.js';
import { managersExist } from './lifecycle-step.js';
import { planApprovalMismatch } from './plan-hash.js';

/** What implementing or backing out wrote. */
export interface ImplementationResult {
  change: Change;
  /** The revision's writes; `revision` null when the CMDB already matched. */
  outcome: ApplyOutcome;
}

/**
 * Implements an authorized (and, unless emergency, scheduled) change: checks that nothing its plan
 * touches changed since the plan's base revision and that the calendar is clear, then applies the
 * plan as ONE revision recording the change id, and moves the change to implemented — all in one
 * transaction, so the change never claims a revision that did not commit or the reverse.
 */
export async function implementChange(
  deps: ChangeDeps,
  ref: string,
  actor: string,
  comment?: string,
  overrideReason?: string,
): Promise<ImplementationResult> {
  const result = await inChangeTx(deps, async (t) => {
    const change = await loadChange(t.w, ref);
    const groups = await t.w.groupsOf(actor);
    assertMayAct(change, actor, groups, 'implementer', 'implement', await managersExist(t.w));
    return implementWithin(deps, t, change, actor, comment, () =>
      checkWindow(change, actor, groups, t.at, overrideReason),
    );
  });
  deps.cmdb.notify(result.outcome);
  return result;
}

/**
 * The body of {@link implementChange} inside a transaction the caller holds, once it has decided
 * that `actor` may implement the change now (a deployment, whose gates did): refuses a plan other
 * than the approved one, calendar conflicts and CIs changed since the plan's base; applies the plan
 * as one revision recording the change id; moves the change to implemented. The caller notifies
 * the CMDB's listeners of the outcome after its commit.
 */
export async function implementWithin(
  deps: ChangeDeps,
  t: ChangeTx,
  change: Change,
  actor: string,
  comment?: string,
  /** Decides whether now is within the approved window (after the other refusals), or who overrode it. */
  windowCheck: () => ConflictOverride | undefined = () => undefined,
): Promise<ImplementationResult> {
  refuseUnapprovedPlan(change);
  const moved = applyTransition(change, 'implement', actor, t.at, comment);
  await refuseCalendarConflicts(t, change);
  await refusePlanConflicts(t.tx, change);
  const windowOverride = windowCheck();
  const implementing = { ...moved, actualStart: t.at, ...(windowOverride ? { windowOverride } : {}) };
  // Saved first: the change-control guard lets the write through because the change is implementing.
  await saveChange(t, change, implementing, actor);
  const meta: WriteMeta = {
    author: actor,
    message: `${change.ref}: ${change.title}`,
    source: 'change',
    changeId: change.ref,
  };
  const outcome = await applyInTx(deps, t.tx, change.plan, meta);
  const note = outcome.revision
    ? `revision ${outcome.revision.rev}`
    : 'the CMDB already matched the plan: nothing written';
  const done = {
    ...applyTransition(implementing, 'complete', actor, t.at, note),
    actualEnd: deps.clock.now().toISOString(),
  };
  if (outcome.revision) done.implementedRevision = outcome.revision.rev;
  await saveChange(t, implementing, done, actor);
  return { change: done, outcome };
}

/**
 * Backs out an implemented or failed change: applies the inverse of its revision (the state of the
 * CIs it wrote, as they were just before) as a new revision, refused when those CIs changed again
 * since. A change that wrote nothing is moved to backed out without a revision.
 */
export async function backoutChange(
  deps: ChangeDeps,
  ref: string,
  actor: string,
  comment?: string,
): Promise<ImplementationResult> {
  const before = await loadChange(deps.changes, ref);
  const rev = before.implementedRevision;
  // The diff reads through the store's own connection, so it is made before the transaction.
  const plan = rev === undefined ? undefined : restorePlan(await deps.history.diff(rev, rev - 1));
  const result = await inChangeTx(deps, async (t) => {
    const change = await loadChange(t.w, ref);
    assertMayAct(change, actor, await t.w.groupsOf(actor), 'implementer', 'back out', await managersExist(t.w));
    const next = applyTransition(change, 'backout', actor, t.at, comment);
    let outcome: ApplyOutcome = { revision: null, writes: { cis: [], relations: [], model: [] }, refs: new Map() };
    if (rev !== undefined && plan) {
      await refuseChangedAgain(t.tx, change, rev);
      const meta: WriteMeta = {
        author: actor,
        message: `Back out ${change.ref}: ${change.title}`,
        source: 'change',
        backoutOf: change.ref,
      };
      outcome = await applyInTx(deps, t.tx, plan, meta);
      if (outcome.revision) next.backoutRevision = outcome.revision.rev;
    }
    await saveChange(t, change, next, actor);
    return { change: next, outcome };
  });
  deps.cmdb.notify(result.outcome);
  return result;
}

/** What CmdbService.apply does, inside a transaction the caller already holds. */
export async function applyInTx(
  deps: ChangeDeps,
  tx: CmdbWriter,
  plan: DesiredState,
  meta: WriteMeta,
): Promise<ApplyOutcome> {
  const next = await nextRevision(tx);
  const { writes, refs } = await computeWrites(
    tx,
    parseDocument(plan),
    deps.cmdb.computeOptions(tx, next.rev, meta.source ?? null),
  );
  if (isEmpty(writes)) return { revision: null, writes, refs };
  await deps.cmdb.checkWrite(tx, writes, meta);
  const revision = await persistRevision(tx, next, meta, deps.clock, writes);
  return { revision, writes, refs };
}

/**
 * The approved window binds the implementer: before it opens or after it closes the change is
 * refused, unless a change manager overrides with a reason, which is recorded on the change.
 * Emergency changes, and changes without a window, are not held to one.
 */
function checkWindow(
  change: Change,
  actor: string,
  groups: readonly string[],
  at: string,
  overrideReason: string | undefined,
): ConflictOverride | undefined {
  const window = change.window;
  if (change.type === 'emergency' || window === undefined) return undefined;
  const now = Date.parse(at);
  const start = Date.parse(window.start);
  const end = Date.parse(window.end);
  if (now >= start && now < end) return undefined;
  const reason = overrideReason?.trim() ?? '';
  if (reason === '') {
    const when = now < start ? `it opens in ${untilText(start - now)}` : `it closed ${untilText(now - end)} ago`;
    throw new ConflictError(
      'CHANGE_OUTSIDE_WINDOW',
      `Cannot implement ${change.ref} now: its approved window is ${window.start} – ${window.end}, and ${when}. ` +
        'Implement it within the window, move the window, or have a change manager override with a reason.',
      [{ path: 'window', message: `now is outside ${window.start} – ${window.end}` }],
    );
  }
  if (!isChangeManager(groups))
    throw new NotAllowedError(
      'CHANGE_OVERRIDE_NOT_ALLOWED',
      `${actor} may not implement ${change.ref} outside its approved window: only a member of ${CHANGE_MANAGERS} may override it.`,
    );
  return { by: actor, at, reason };
}

/** A duration in the largest whole unit that fits: "3 days", "5 hours", "12 minutes". */
function untilText(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
  ];
  for (const [size, name] of units) {
    const n = Math.floor(ms / size);
    if (n >= 1) return `${n} ${name}${n === 1 ? '' : 's'}`;
  }
  return 'less than a minute';
}

/** A conflict in the calendar blocks implementation unless a change manager overrode it; emergencies go ahead. */
async function refuseCalendarConflicts(t: ChangeTx, change: Change): Promise<void> {
  if (change.type === 'emergency' || change.conflictOverride) return;
  const others = await t.w.listChanges({ states: [...OPEN_STATES] });
  const conflicts = detectConflicts(change, { others, freezes: t.policy.freeze, maintenance: t.policy.maintenance });
  if (conflicts.length === 0) return;
  throw new ConflictError(
    'CHANGE_CONFLICTS',
    `Cannot implement ${change.ref}: ${conflicts.map((c) => c.message).join('; ')}. ` +
      `Reschedule it (\`cairn change schedule ${change.ref} --start … --end …\`), or have a change manager override with --override-reason.`,
    conflicts.map((c) => ({ path: c.ci ?? c.kind, message: c.message })),
  );
}

/** Refuses a plan that is not the one its approvals were given for (read in this transaction). */
function refuseUnapprovedPlan(change: Change): void {
  const why = planApprovalMismatch(change.plan, change.planHash, change.approvals);
  if (why === undefined) return;
  throw new ConflictError(
    'CHANGE_PLAN_NOT_APPROVED',
    `Cannot implement ${change.ref}: ${why}. Nothing was written; run \`cairn audit verify\`, then replan and have the change approved again.`,
  );
}

/** Refuses when a CI the plan touches changed after the plan's base revision. */
async function refusePlanConflicts(tx: CmdbWriter, change: Change): Promise<void> {
  const head = (await tx.head())?.rev ?? 0;
  if (head <= change.baseRevision) return;
  const touched = new Set(change.impact?.touched ?? change.plan.cis.map(formatRef));
  const changed = await tx.versionsChangedBetween(change.baseRevision, head);
  const found = new Map<string, number>();
  for (const v of changed.cisAfter) if (touched.has(formatRef(v))) found.set(formatRef(v), v.revFrom);
  for (const v of changed.cisBefore)
    if (touched.has(formatRef(v)) && !found.has(formatRef(v))) found.set(formatRef(v), v.revTo ?? head);
  if (found.size === 0) return;
  const list = [...found].map(([ref, rev]) => `${ref} (revision ${rev})`);
  throw new PreconditionFailedError(
    'CHANGE_PLAN_CONFLICT',
    `Cannot implement ${change.ref}: CIs its plan touches changed since the plan was made against revision ${change.baseRevision}: ${list.join(', ')}. ` +
      `Look at what changed (\`cairn diff ${change.baseRevision}\`), then rebase the plan with \`cairn change replan ${change.ref}\`.`,
    [...found].map(([ref, rev]) => ({ path: ref, message: `changed in revision ${rev}` })),
  );
}

/** Refuses a backout when what the change wrote has been changed again since. */
async function refuseChangedAgain(tx: CmdbWriter, change: Change, rev: number): Promise<void> {
  const head = (await tx.head())?.rev ?? 0;
  if (head <= rev) return;
  const wrote = await tx.revisionWrites(rev);
  const ids = new Set([...wrote.createdCis, ...wrote.endedCis].map((v) => v.id));
  const relIds = new Set([...wrote.createdRelations, ...wrote.endedRelations].map((v) => v.id));
  const changed = await tx.versionsChangedBetween(rev, head);
  const refs = new Set<string>();
  for (const v of [...changed.cisBefore, ...changed.cisAfter])
    if (ids.has(v.id)) refs.add(`${formatRef(v)} (revision ${v.revTo ?? v.revFrom})`);
  const rels = [...changed.relationsBefore, ...changed.relationsAfter].filter((r) => relIds.has(r.id)).length;
  if (refs.size === 0 && rels === 0) return;
  const what = [...refs, ...(rels > 0 ? [`${rels} of its relationships`] : [])].join(', ');
  throw new PreconditionFailedError(
    'CHANGE_BACKOUT_CONFLICT',
    `Cannot back out ${change.ref}: what it changed in revision ${rev} has changed again since: ${what}. ` +
      `Undo those edits first, or raise a change that restores the state you want (\`cairn revert --to ${rev - 1}\`).`,
  );
}
