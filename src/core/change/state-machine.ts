import { InvalidTransitionError, NotAllowedError } from '../shared/errors.js';
import type { Change, ChangeEvent, HistoryEntry } from './change.types.js';
import type { ChangeState, ChangeType } from '../lifecycle/change-lifecycle.js';
import { assertWithinTemplate, type StandardTemplate } from '../policy/templates.js';

interface Edge {
  to: ChangeState;
  /** Types for which the edge exists; all when absent. */
  only?: readonly ChangeType[];
}

const ALL_BUT_EMERGENCY: readonly ChangeType[] = ['standard', 'normal'];
const EMERGENCY: readonly ChangeType[] = ['emergency'];

/**
 * The lifecycle as data. Cancel is possible in every state before implementing; emergency
 * changes may start implementing before they are authorized or scheduled, and must be reviewed
 * before they close (other changes may close straight after a successful implementation).
 */
const EDGES: Record<ChangeState, Partial<Record<ChangeEvent, Edge>>> = {
  draft: { submit: { to: 'submitted' }, cancel: { to: 'cancelled' } },
  submitted: {
    authorize: { to: 'authorized' },
    reject: { to: 'rejected' },
    implement: { to: 'implementing', only: EMERGENCY },
    revise: { to: 'draft' },
    cancel: { to: 'cancelled' },
  },
  authorized: {
    schedule: { to: 'scheduled' },
    // Moved to a window whose risk needs approvals it lacks: back to the approvers.
    reschedule: { to: 'submitted' },
    implement: { to: 'implementing', only: EMERGENCY },
    reject: { to: 'rejected' },
    revise: { to: 'draft' },
    cancel: { to: 'cancelled' },
  },
  rejected: { revise: { to: 'draft' }, cancel: { to: 'cancelled' } },
  scheduled: {
    schedule: { to: 'scheduled' },
    reschedule: { to: 'submitted' },
    implement: { to: 'implementing' },
    reject: { to: 'rejected' },
    revise: { to: 'draft' },
    cancel: { to: 'cancelled' },
  },
  implementing: { complete: { to: 'implemented' }, fail: { to: 'failed' } },
  implemented: {
    // Verification after the CMDB was updated can still fail: fail, then back out.
    fail: { to: 'failed' },
    backout: { to: 'backed_out' },
    review: { to: 'reviewed' },
    close: { to: 'closed', only: ALL_BUT_EMERGENCY },
  },
  failed: { backout: { to: 'backed_out' }, review: { to: 'reviewed' } },
  backed_out: { review: { to: 'reviewed' } },
  reviewed: { close: { to: 'closed' } },
  closed: {},
  cancelled: {},
};

/** What a transition produces: the new state and the history entries to append. */
export interface TransitionResult {
  state: ChangeState;
  /** One entry, or two when a standard change is submitted and authorized by its template. */
  entries: HistoryEntry[];
  /** Set when an emergency change starts implementing before it was authorized. */
  implementedBeforeAuthorization?: boolean;
}

/** Extra facts some transitions need. */
export interface TransitionContext {
  /** The standard change's template, required to submit a standard change. */
  template?: StandardTemplate;
}

/** The events allowed from `state` for a change of `type`, with where each leads. */
export function allowedEvents(state: ChangeState, type: ChangeType): { event: ChangeEvent; to: ChangeState }[] {
  return Object.entries(EDGES[state])
    .filter(([, edge]) => edge.only === undefined || edge.only.includes(type))
    .map(([event, edge]) => ({ event: event as ChangeEvent, to: edge.to }));
}

/**
 * Moves a change through its lifecycle. Returns the new state and the history to append, or
 * throws InvalidTransitionError whose sentence names the current state and the allowed next
 * steps. Approval quorum, conflicts and change control are the service's checks; the template
 * check of a standard change is made here because it decides the target state.
 */
export function transition(
  change: Pick<Change, 'ref' | 'type' | 'state' | 'plan' | 'template'>,
  event: ChangeEvent,
  actor: string,
  at: string,
  comment?: string,
  context: TransitionContext = {},
): TransitionResult {
  const edge = EDGES[change.state][event];
  if (!edge || (edge.only !== undefined && !edge.only.includes(change.type))) {
    throw new InvalidTransitionError('CHANGE_INVALID_TRANSITION', refusal(change, event));
  }
  const entry = (from: ChangeState, to: ChangeState, e: ChangeEvent, text?: string): HistoryEntry =>
    text === undefined || text === ''
      ? { from, to, event: e, by: actor, at }
      : { from, to, event: e, by: actor, at, comment: text };
  const first = entry(change.state, edge.to, event, comment);
  if (event === 'submit' && change.type === 'standard') {
    const template = context.template;
    if (!template || template.name !== change.template) {
      throw new NotAllowedError(
        'CHANGE_TEMPLATE_NOT_FOUND',
        `${change.ref} is a standard change from template "${change.template ?? '(none)'}", which is not in the catalog: ` +
          'pick a template from `cairn policy show`, or raise it as a normal change.',
      );
    }
    assertWithinTemplate(change.ref, change.plan, template);
    const preApproved = entry(
      'submitted',
      'authorized',
      'authorize',
      `pre-approved by standard template ${template.name}`,
    );
    return { state: 'authorized', entries: [first, preApproved] };
  }
  const result: TransitionResult = { state: edge.to, entries: [first] };
  if (event === 'implement' && change.state === 'submitted') result.implementedBeforeAuthorization = true;
  return result;
}

function refusal(change: Pick<Change, 'ref' | 'type' | 'state'>, event: ChangeEvent): string {
  const allowed = allowedEvents(change.state, change.type);
  const head = `Cannot ${event} ${change.ref}: it is ${change.state.replace('_', ' ')}`;
  if (allowed.length === 0) return `${head}, and nothing more can happen to it.`;
  const next = allowed.map((a) => `${a.event} (→ ${a.to})`).join(', ');
  let why = '';
  if (event === 'close' && change.type === 'emergency' && change.state === 'implemented') {
    why = ' An emergency change needs a retrospective review before it can be closed.';
  } else if (event === 'implement' && (change.state === 'submitted' || change.state === 'authorized')) {
    why = ` A ${change.type} change must be authorized and scheduled before it is implemented.`;
  }
  return `${head}; from ${change.state} the allowed next steps are ${next}.${why}`;
}
