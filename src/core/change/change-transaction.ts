import type { CmdbService } from '../cmdb/cmdb.service.js';
import type { ImpactService } from '../cmdb/impact.service.js';
import { defaultPolicy, type Policy } from '../policy/policy.types.js';
import type { ChangeReader, ChangeStore, ChangeWriter } from './change.port.js';
import type { CmdbStore, CmdbWriter } from '../cmdb/cmdb.port.js';
import type { HistoryService } from '../cmdb/history.service.js';
import type { Clock } from '../shared/clock.js';
import { InputError, NotFoundError } from '../shared/errors.js';
import { approvalContent, chain, newRecords, transitionContent } from './record-chain.js';
import { activityOf, emitActivity, type ChangeActivity, type ChangeListener } from './change-listeners.js';
import { parseChangeRef, type Change } from './change.types.js';
import type { OutboxEntry } from '../shared/outbox.js';

/** What the change use cases need: narrow, and the same for every one of them. */
export interface ChangeDeps {
  store: CmdbStore;
  changes: ChangeStore;
  cmdb: CmdbService;
  history: HistoryService;
  impact: ImpactService;
  clock: Clock;
  /** Told of every change a use case saved, after its transaction commits. */
  listeners?: ChangeListener[];
  /**
   * The events of one saved change, recorded in the transaction that saves it (the events
   * module's `changeEvents`, given by the composition root): none when absent.
   */
  eventsOf?: ChangeEventsOf;
}

/** Turns what one save did into the events to record with it. */
export type ChangeEventsOf = (activity: ChangeActivity) => Omit<OutboxEntry, 'at'>[];

/** One write use case's view of its transaction. */
export interface ChangeTx {
  /** The CMDB side of the transaction (revisions, versions). */
  tx: CmdbWriter;
  /** The change side, on the same connection. */
  w: ChangeWriter;
  /** The moment of the use case, from the clock: every record it writes carries it. */
  at: string;
  policy: Policy;
  /** What saveChange recorded in this transaction; given to the listeners once it commits. */
  activity: ChangeActivity[];
}

/**
 * Runs `work` in one CMDB write transaction (holding the write lock), with the current policy
 * read inside it. Everything a step writes — change, records, revision — commits together; two
 * steps on the same change (two approvals at once) run one after the other, each seeing the
 * other's result. Inside, only `tx` and `w` may be read: the store's own connection is busy.
 */
export async function inChangeTx<T>(
  deps: Pick<ChangeDeps, 'store' | 'changes' | 'clock' | 'listeners' | 'eventsOf'>,
  work: (t: ChangeTx) => Promise<T>,
): Promise<T> {
  const activity: ChangeActivity[] = [];
  const result = await deps.store.write(async (tx) => {
    activity.length = 0; // a retried transaction starts over
    const w = deps.changes.within(tx);
    const policy = await policyOf(w);
    const at = deps.clock.now().toISOString();
    const done = await work({ tx, w, at, policy, activity });
    // The events of what was saved commit with it, or not at all (the transactional outbox).
    const events = activity.flatMap((a) => deps.eventsOf?.(a) ?? []).map((e) => ({ ...e, at }));
    if (events.length > 0) await tx.appendEvents(events);
    return done;
  });
  emitActivity(deps.listeners, activity);
  return result;
}

/** The policy in force: the newest applied version, or the safe default. */
export async function policyOf(reader: ChangeReader): Promise<Policy> {
  return (await reader.currentPolicy())?.policy ?? defaultPolicy();
}

/** Reads a change by `CHG-n` (or `n`); NotFoundError naming it when there is none. */
export async function loadChange(reader: ChangeReader, ref: string): Promise<Change> {
  const id = parseChangeRef(ref);
  if (id === undefined)
    throw new InputError('CHANGE_REF_INVALID', `"${ref}" is not a change reference: write it as CHG-12`);
  const change = await reader.getChange(id);
  if (!change) throw new NotFoundError('CHANGE_NOT_FOUND', `CHG-${id} does not exist (see \`cairn change list\`)`);
  return change;
}

/**
 * Persists a change after a pure operation: its fields, plus the approval and transition records
 * the operation appended, chained to the heads of their chains.
 */
export async function saveChange(
  t: Pick<ChangeTx, 'w' | 'at' | 'activity'>,
  before: Change | undefined,
  after: Change,
  actor: string,
): Promise<void> {
  const { w, at } = t;
  const records = newRecords(before, after, actor, at);
  t.activity.push(activityOf(before, after, actor));
  if (before) await w.updateChange(after);
  else await w.insertChange(after);
  if (records.approvals.length > 0)
    await w.appendApprovalRecords(chain(await w.lastApprovalRecord(), records.approvals, approvalContent));
  if (records.transitions.length > 0)
    await w.appendTransitionRecords(chain(await w.lastTransitionRecord(), records.transitions, transitionContent));
}
