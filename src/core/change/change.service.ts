import type { DesiredState } from '../ci/desired-state.js';
import { decide, pendingFor, type DecisionResult, type PendingApproval } from './approval-decisions.js';
import { InputError } from '../shared/errors.js';
import { cabAgenda, type CabAgenda } from './cab-agenda.js';
import type { CalendarEntry } from '../schedule/calendar.js';
import { calendar, calendarIcs, scheduleChange, type ScheduleResult } from './change-scheduling.js';
import {
  previewReschedule,
  rescheduleChange,
  type ReschedulePreview,
  type RescheduleResult,
} from './change-reschedule.js';
import type { ChangeQuery, UnauthorizedRecord } from './change.port.js';
import { assessChange } from './change-assessment.js';
import { backoutChange, implementChange, type ImplementationResult } from './change-implementation.js';
import { validateChangeInput, validatePlan } from './change-input.js';
import { listChangePage, type ChangePage, type ChangePageQuery } from './change-page.js';
import { runAction, type ActionInput, type ActionResult } from './change-transition.js';
import { applyTransition, createChange, rebasePlan, reviewChange } from './change-updates.js';
import { step } from './lifecycle-step.js';
import {
  inChangeTx,
  loadChange,
  policyOf,
  saveChange,
  type ChangeDeps,
  type ChangeEventsOf,
} from './change-transaction.js';
import type { ChangeListener } from './change-listeners.js';
import { buildChangeView, type ChangeView, type ViewerOf } from './change-view.js';
import type { Change, ChangeAction, ChangeOutcome } from './change.types.js';
import { CHANGE_STATES, type ChangeState, type TimeWindow } from '../lifecycle/change-lifecycle.js';
import { assertTemplateFits, findTemplate } from '../policy/templates.js';
import { revertPlan, type RevertPlan, type RevertTarget } from './revert-change.js';
import { attachRetrospective } from './unauthorized.js';
import { parseRealTime } from '../shared/calendar.js';
import { planChangesOf } from './plan-changes.js';
import { editDraft, previewChange, type ChangePreview } from './change-draft.js';

/** One line of `cairn change pending`. */
export interface PendingItem {
  ref: string;
  title: string;
  risk: string | null;
  requester: string;
  groups: { group: string; missing: number }[];
}

/**
 * Change enablement's use cases, one transaction each: raise, submit, approve, schedule,
 * implement, back out, review and close changes, and read them back. The rules are the pure
 * functions of the change, policy, risk and schedule modules; this class loads, applies, persists.
 */
export class ChangeService {
  private readonly deps: ChangeDeps;

  constructor(deps: ChangeDeps) {
    this.deps = { ...deps, listeners: [...(deps.listeners ?? [])] };
  }

  /**
   * Listens to every saved change (transitions, approvals), called after its transaction commits,
   * like CmdbService.onCommit; the event relay is nudged here (the events were recorded by then).
   */
  onActivity(listener: ChangeListener): void {
    this.deps.listeners!.push(listener);
  }

  /**
   * The dependencies its transactions run with, events and listeners included: for a use case that
   * implements a change inside its own transaction (a deployment), so that the change's steps
   * record and announce their events as this service's do.
   */
  get transactionDeps(): ChangeDeps {
    return this.deps;
  }

  /** Sets what events a saved change records in its own transaction (the events module's). */
  recordEvents(eventsOf: ChangeEventsOf): void {
    this.deps.eventsOf = eventsOf;
  }

  /** Raises a change from a change.yaml document, as `requester`. Its plan is checked against the CMDB now. */
  async create(raw: unknown, requester: string): Promise<Change> {
    const draft = validateChangeInput(raw);
    const policy = await policyOf(this.deps.changes);
    if (draft.type === 'standard') assertTemplateFits('the change', draft.plan, draft.template ?? '', policy.templates);
    const base = (await this.deps.store.head())?.rev ?? 0;
    const assessment = await assessChange(this.deps, draft, policy);
    return inChangeTx(this.deps, async (t) => {
      const id = await t.w.nextChangeNumber();
      const change: Change = { ...createChange(draft, { id, requester, at: t.at, baseRevision: base }), ...assessment };
      await saveChange(t, undefined, change, requester);
      return change;
    });
  }

  /** What raising the document (or, with `ref`, saving it over that change) would come to; writes nothing. */
  async preview(raw: unknown, ref?: string): Promise<ChangePreview> {
    return previewChange(this.deps, raw, ref);
  }

  /** Replaces a draft's fields and plan with a change document, assessed again; see {@link editDraft}. */
  async edit(ref: string, raw: unknown, actor: string): Promise<Change> {
    const draft = validateChangeInput(raw);
    const policy = await policyOf(this.deps.changes);
    if (draft.type === 'standard') assertTemplateFits(ref, draft.plan, draft.template ?? '', policy.templates);
    const base = (await this.deps.store.head())?.rev ?? 0;
    const assessment = await assessChange(this.deps, draft, policy);
    return step(this.deps, ref, actor, 'requester', 'edit', (c, t) => editDraft(c, draft, assessment, base, t.at));
  }

  /** Runs one workflow action by name (submit, approve, …, cancel), with what it has to say besides the change. */
  perform(ref: string, action: ChangeAction, actor: string, input: ActionInput = {}): Promise<ActionResult> {
    return runAction(this, ref, action, actor, input);
  }

  submit(ref: string, actor: string, comment?: string): Promise<Change> {
    return step(this.deps, ref, actor, 'requester', 'submit', (c, t) => {
      const template = c.template === undefined ? undefined : findTemplate(t.policy.templates, c.template);
      return applyTransition(c, 'submit', actor, t.at, comment, template ? { template } : {});
    });
  }

  approve(ref: string, actor: string, options: { group?: string; comment?: string } = {}): Promise<DecisionResult> {
    return decide(this.deps, ref, actor, 'approve', options);
  }

  reject(ref: string, actor: string, options: { group?: string; comment?: string } = {}): Promise<DecisionResult> {
    return decide(this.deps, ref, actor, 'reject', options);
  }

  schedule(
    ref: string,
    actor: string,
    options: { window?: TimeWindow; overrideReason?: string; comment?: string } = {},
  ): Promise<ScheduleResult> {
    return scheduleChange(this.deps, ref, actor, options);
  }

  /** Moves an authorized or scheduled change to a new window; see {@link rescheduleChange}. */
  reschedule(
    ref: string,
    actor: string,
    options: { window: TimeWindow; overrideReason?: string; comment?: string },
  ): Promise<RescheduleResult> {
    return rescheduleChange(this.deps, ref, actor, options);
  }

  /** What {@link reschedule} would do with that window: conflicts, risk, approvals; writes nothing. */
  previewReschedule(ref: string, window: TimeWindow): Promise<ReschedulePreview> {
    return previewReschedule(this.deps, ref, window);
  }

  /** Implements the change within its approved window; outside it only a change manager may, giving `overrideReason`. */
  implement(ref: string, actor: string, comment?: string, overrideReason?: string): Promise<ImplementationResult> {
    return implementChange(this.deps, ref, actor, comment, overrideReason);
  }

  /** Records that the implementation failed (during it, or in verification afterwards). */
  fail(ref: string, actor: string, comment?: string): Promise<Change> {
    return step(this.deps, ref, actor, 'implementer', 'fail', (c, t) =>
      applyTransition(c, 'fail', actor, t.at, comment),
    );
  }

  backout(ref: string, actor: string, comment?: string): Promise<ImplementationResult> {
    return backoutChange(this.deps, ref, actor, comment);
  }

  review(ref: string, actor: string, review: { outcome: ChangeOutcome; notes: string }): Promise<Change> {
    return step(this.deps, ref, actor, 'manager', 'review', (c, t) => reviewChange(c, review, actor, t.at));
  }

  close(ref: string, actor: string, comment?: string): Promise<Change> {
    return step(this.deps, ref, actor, 'manager', 'close', (c, t) => {
      const closed = applyTransition(c, 'close', actor, t.at, comment);
      return c.outcome === undefined ? { ...closed, outcome: 'successful' } : closed;
    });
  }

  cancel(ref: string, actor: string, comment?: string): Promise<Change> {
    return step(this.deps, ref, actor, 'requester', 'cancel', (c, t) =>
      applyTransition(c, 'cancel', actor, t.at, comment),
    );
  }

  /**
   * Rebases the plan (or a new one) on the current state: a new base revision, impact and risk
   * assessed again, and every approval given so far voided.
   */
  async replan(ref: string, actor: string, plan?: DesiredState): Promise<Change> {
    const current = await loadChange(this.deps.changes, ref);
    const policy = await policyOf(this.deps.changes);
    const next = plan ?? current.plan;
    if (current.type === 'standard') assertTemplateFits(current.ref, next, current.template ?? '', policy.templates);
    const base = (await this.deps.store.head())?.rev ?? 0;
    const assessment = await assessChange(
      this.deps,
      { type: current.type, plan: next, window: current.window },
      policy,
    );
    return step(this.deps, ref, actor, 'requester', 'replan', (c, t) => ({
      ...rebasePlan(c, next, base, actor, t.at),
      ...assessment,
    }));
  }

  /** Replans with a new plan as a person sent it (checked here), or rebases the current one when none is given. */
  async replanDocument(ref: string, actor: string, raw?: unknown): Promise<Change> {
    if (raw === undefined) return this.replan(ref, actor);
    return this.replan(ref, actor, validatePlan(raw, 'the new plan is not valid'));
  }

  /** The plan that a revert would carry; writes nothing (`cairn revert --dry-run`). */
  revertPlan(target: RevertTarget): Promise<RevertPlan> {
    return revertPlan(this.deps, target);
  }

  /** Opens a normal change whose plan restores a past state, or undoes one change. */
  async revert(target: RevertTarget, requester: string, justification = ''): Promise<Change> {
    const { plan, title, description } = await revertPlan(this.deps, target);
    return this.create({ type: 'normal', title, description, justification, plan }, requester);
  }

  /** Attaches a retrospective change to an unauthorized write (`--emergency`) made in revision `revision`. */
  attach(ref: string, revision: number, actor: string): Promise<Change> {
    return attachRetrospective(this.deps, ref, revision, actor);
  }

  get(ref: string): Promise<Change> {
    return loadChange(this.deps.changes, ref);
  }

  list(query: ChangeQuery = {}): Promise<Change[]> {
    return this.deps.changes.listChanges(query);
  }

  /** How many changes are in each state (the metrics gauge), counted by the store, not by listing them. */
  async countByState(): Promise<Record<ChangeState, number>> {
    const counts = await Promise.all(CHANGE_STATES.map((state) => this.deps.changes.countChanges({ states: [state] })));
    return Object.fromEntries(CHANGE_STATES.map((state, i) => [state, counts[i]!])) as Record<ChangeState, number>;
  }

  /** One page of changes, by number, filtered; the first page says how many match in all. */
  listPage(query: ChangePageQuery): Promise<ChangePage> {
    return listChangePage(this.deps.changes, query);
  }

  /** Everything about a change, with what policy and calendar make of it now, and what `viewer` may do on it. */
  async show(ref: string, viewer?: ViewerOf): Promise<ChangeView> {
    const change = await loadChange(this.deps.changes, ref);
    const view = await buildChangeView(this.deps.changes, change, viewer);
    return { ...view, planChanges: await planChangesOf(this.deps.store, change) };
  }

  /**
   * What waits for `user`'s decision; nothing when their role may not approve (`mayApprove`
   * false), so the list holds exactly the changes on which approve is offered to them.
   */
  async pending(user: string, mayApprove = true): Promise<PendingApproval[]> {
    if (!mayApprove) return [];
    return pendingFor(this.deps.changes, await policyOf(this.deps.changes), user);
  }

  /** What waits for `user`'s approval, in the few words a list needs, and whose list it is. */
  async awaitingApproval(user: string, mayApprove = true): Promise<{ user: string; items: PendingItem[] }> {
    const pending = await this.pending(user, mayApprove);
    return {
      user,
      items: pending.map((p) => ({
        ref: p.change.ref,
        title: p.change.title,
        risk: p.change.risk?.level ?? null,
        requester: p.change.requester,
        groups: p.groups,
      })),
    };
  }

  /** The agenda of the CAB meeting on `date` (YYYY-MM-DD; default today), with what `viewer` may do on each change. */
  agenda(date?: string, viewer?: ViewerOf): Promise<CabAgenda> {
    const day = date ?? this.deps.clock.now().toISOString().slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(parseRealTime(day))) {
      throw new InputError('INVALID_DATE', `date "${day}" must be a date YYYY-MM-DD`, [
        { path: 'date', message: 'must be a date' },
      ]);
    }
    return cabAgenda(this.deps.changes, day, viewer);
  }

  calendar(from: string, to: string): Promise<CalendarEntry[]> {
    return calendar(this.deps.changes, from, to);
  }

  ics(entries: readonly CalendarEntry[]): string {
    return calendarIcs(entries, this.deps.clock.now());
  }

  /** The calendar from `from` to `to` as an iCalendar document (a feed for calendar programs). */
  async calendarFeed(from: string, to: string): Promise<string> {
    return this.ics(await this.calendar(from, to));
  }

  unauthorized(options: { all?: boolean } = {}): Promise<UnauthorizedRecord[]> {
    return this.deps.changes.listUnauthorized({ open: options.all !== true });
  }
}
