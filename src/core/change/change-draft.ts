import { assessChange, type Assessment } from './change-assessment.js';
import { requiredFor } from './approval-decisions.js';
import { conflictsOf } from './change-scheduling.js';
import { loadChange, policyOf, type ChangeDeps } from './change-transaction.js';
import { rebasePlan } from './change-updates.js';
import { validateChangeInput, type ChangeDraft } from './change-input.js';
import type { Change } from './change.types.js';
import { OPEN_STATES, type ChangeState } from '../lifecycle/change-lifecycle.js';
import type { RequiredApproval } from '../policy/approvals.js';
import type { Conflict } from '../schedule/conflicts.js';
import { planChangesOf, type PlanCiChange } from './plan-changes.js';
import { InvalidTransitionError } from '../shared/errors.js';
import { assertTemplateFits } from '../policy/templates.js';

/**
 * What a change document would come to, worked out before anything is written: the form shows it
 * as the change is typed (impact, risk, conflicts in its window, approvals the policy will ask).
 */
export interface ChangePreview extends Assessment {
  /** The plan old → new against the current state (what it would change if implemented now). */
  planChanges: PlanCiChange[];
  conflicts: Conflict[];
  required: RequiredApproval[];
  /**
   * For an existing change (`ref`): what saving this plan does to it by the server's replan rule —
   * the state it goes to and how many approvals and rejections given so far are voided.
   */
  replan?: { ref: string; from: ChangeState; to: ChangeState; voided: number };
}

/**
 * A preview needs no title yet (the plan is typed before the title, often): a blank one stands in
 * so that the rest of the document is checked as it would be when saved.
 */
function withTitle(raw: unknown): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const { title } = raw as { title?: unknown };
  return title === undefined || (typeof title === 'string' && title.trim() === '')
    ? { ...raw, title: 'untitled' }
    : raw;
}

/**
 * Checks a change document as the create (or edit) would and works out its impact, risk, the
 * conflicts of its window with the calendar, and the approvals its risk requires. With `ref`, the
 * document is that change's new content: it is not in conflict with itself, and what a replan
 * would do to its approvals is said. Writes nothing.
 */
export async function previewChange(deps: ChangeDeps, raw: unknown, ref?: string): Promise<ChangePreview> {
  const draft = validateChangeInput(withTitle(raw));
  const current = ref === undefined ? undefined : await loadChange(deps.changes, ref);
  const policy = await policyOf(deps.changes);
  // What submit would say: a standard change's template exists and its plan stays within it.
  if (draft.type === 'standard')
    assertTemplateFits(ref ?? 'the change', draft.plan, draft.template ?? '', policy.templates);
  const assessment = await assessChange(deps, draft, policy);
  const subject: Change = {
    ...(current ?? blankChange(draft, deps.clock.now().toISOString())),
    ...fieldsOf(draft),
    ...assessment,
  };
  const open = await deps.changes.listChanges({ states: [...OPEN_STATES] });
  const head = (await deps.store.head())?.rev ?? 0;
  const preview: ChangePreview = {
    ...assessment,
    planChanges: await planChangesOf(deps.store, { plan: draft.plan, baseRevision: head }),
    conflicts: conflictsOf(subject, open, policy),
    required: requiredFor(subject, policy),
  };
  if (current) {
    const next = rebasePlan(current, draft.plan, head, 'preview', deps.clock.now().toISOString());
    const live = (c: Change) => c.approvals.filter((a) => a.voided !== true).length;
    preview.replan = { ref: current.ref, from: current.state, to: next.state, voided: live(current) - live(next) };
  }
  return preview;
}

/**
 * Replaces a draft's fields and plan with those of `draft` (already validated and assessed), as one
 * step of its requester (or a change manager). Only a draft may be edited this way: once submitted,
 * its plan changes by replan and its window by reschedule, each with its rule for the approvals.
 */
export function editDraft(
  change: Change,
  draft: ChangeDraft,
  assessment: Assessment,
  base: number,
  at: string,
): Change {
  if (change.state !== 'draft') {
    throw new InvalidTransitionError(
      'CHANGE_INVALID_TRANSITION',
      `Cannot edit ${change.ref}: it is ${change.state.replace('_', ' ')}; only a draft can be edited. Replan or reschedule it instead.`,
    );
  }
  const {
    assignee: _a,
    window: _w,
    template: _t,
    ...rest
  } = rebasePlan(change, draft.plan, base, change.requester, at);
  return { ...rest, ...fieldsOf(draft), ...assessment, updatedAt: at };
}

/** The fields of a change that its document sets (the plan's hash and base are the replan's). */
type DocumentFields = Pick<
  Change,
  | 'type'
  | 'title'
  | 'description'
  | 'justification'
  | 'category'
  | 'implementationPlan'
  | 'testPlan'
  | 'backoutPlan'
  | 'plan'
> &
  Partial<Pick<Change, 'template' | 'assignee' | 'window'>>;

function fieldsOf(draft: ChangeDraft): DocumentFields {
  const out: DocumentFields = {
    type: draft.type,
    title: draft.title,
    description: draft.description,
    justification: draft.justification,
    category: draft.category,
    implementationPlan: draft.implementationPlan,
    testPlan: draft.testPlan,
    backoutPlan: draft.backoutPlan,
    plan: draft.plan,
  };
  if (draft.template !== undefined) out.template = draft.template;
  if (draft.assignee !== undefined) out.assignee = draft.assignee;
  if (draft.window !== undefined) out.window = draft.window;
  return out;
}

/** A change not yet raised, as the calendar checks it: no number, nothing approved. */
function blankChange(draft: ChangeDraft, at: string): Change {
  return {
    id: 0,
    ref: '',
    state: 'draft',
    requester: '',
    planHash: '',
    baseRevision: 0,
    approvals: [],
    history: [],
    createdAt: at,
    updatedAt: at,
    ...fieldsOf(draft),
  };
}
