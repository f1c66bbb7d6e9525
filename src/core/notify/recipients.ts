import type { Change } from '../change/change.types.js';
import { requiredFor } from '../change/approval-decisions.js';
import type { ChangeEventData, DriftEventData } from '../events/event.types.js';
import { evaluateApprovals } from '../policy/approvals.js';
import type { Policy } from '../policy/policy.types.js';
import type { NotificationDraft, NotificationKind } from './notification.types.js';

/** What deciding who is told reads: changes, the policy, groups and people. */
export interface People {
  change(ref: string): Promise<Change | undefined>;
  policy(): Promise<Policy>;
  groupMembers(group: string): Promise<string[]>;
  /** Everyone Cairn knows: people of the change workflow and accounts. */
  everyone(): Promise<string[]>;
  /** Accounts holding any of these roles. */
  withRoles(roles: readonly string[]): Promise<string[]>;
  groupsOf(user: string): Promise<string[]>;
  /** The person's email address, if Cairn has one (`cairn user add NAME --email …`). */
  email(user: string): Promise<string | null>;
}

/** An event as the relay hands it over: its id, type and data. */
export interface NotifiableEvent {
  id: string;
  type: string;
  at: string;
  data: unknown;
}

/** `change.window_started` (raised by the notification ticker when a scheduled change's window opens). */
export interface WindowStartedData {
  change: string;
  title: string;
  start: string;
  end: string;
}

/** `freeze.started` (raised by the notification ticker when a freeze window's occurrence begins). */
export interface FreezeStartedData {
  name: string;
  start: string;
  end: string;
  description?: string;
}

/** The event types notifications are made from. */
export const NOTIFIED_EVENT_TYPES = [
  'change.transitioned',
  'drift.detected',
  'change.window_started',
  'freeze.started',
] as const;

/**
 * Who is told of an event, and what. Decided when the event is fanned out (after its write
 * committed), from the change as it stands then: an approval request goes to the members of each
 * required group still short of its quorum who have not decided and did not request or implement
 * the change; nobody is told of their own action.
 */
export async function recipientsOf(event: NotifiableEvent, people: People): Promise<NotificationDraft[]> {
  switch (event.type) {
    case 'change.transitioned':
      return changeRecipients(event.data as ChangeEventData, people);
    case 'drift.detected':
      return driftRecipients(event.data as DriftEventData, people);
    case 'change.window_started': {
      const d = event.data as WindowStartedData;
      const change = await people.change(d.change);
      const who = change?.assignee ?? change?.requester;
      if (!change || !who) return [];
      return [
        draft(
          who,
          'change.window_started',
          `${d.change} may start now: ${d.title}`,
          windowText(d),
          changeLink(d.change),
        ),
      ];
    }
    case 'freeze.started': {
      const d = event.data as FreezeStartedData;
      const text = `Freeze "${d.name}" runs from ${d.start} to ${d.end}: no change may be implemented in its scope.${d.description ? ` ${d.description}` : ''}`;
      return (await people.everyone()).map((u) =>
        draft(u, 'freeze.started', `Freeze "${d.name}" has started`, text, '/calendar'),
      );
    }
    default:
      return [];
  }
}

async function changeRecipients(d: ChangeEventData, people: People): Promise<NotificationDraft[]> {
  const t = d.transition;
  if (!t) return [];
  const change = await people.change(d.change.id);
  if (!change) return [];
  const ref = change.ref;
  const link = changeLink(ref);
  const why = t.comment ? ` — “${t.comment}”` : '';
  const to = (users: Iterable<string>, kind: NotificationKind, title: string, body: string) =>
    unique(users)
      .filter((u) => u !== d.actor)
      .map((u) => draft(u, kind, title, body, link));

  if (t.to === 'submitted') {
    const evaluation = evaluateApprovals(requiredFor(change, await people.policy()), change.approvals, change);
    const decided = new Set(evaluation.groups.flatMap((g) => [...g.approvedBy, ...g.rejectedBy]));
    const out: NotificationDraft[] = [];
    for (const g of evaluation.groups.filter((x) => !x.satisfied)) {
      const members = (await people.groupMembers(g.group)).filter(
        (u) => !decided.has(u) && u !== change.requester && u !== change.assignee,
      );
      const body = `${change.requester} asks for the approval of ${g.group} (${g.missing} more needed): ${change.title}. Risk: ${change.risk?.level ?? 'not assessed'}.`;
      out.push(...to(members, 'approval.requested', `${ref} waits for your approval (${g.group})`, body));
    }
    // One notification per person, even when they sit in two groups that must approve.
    return out.filter((n, i) => out.findIndex((m) => m.user === n.user) === i);
  }
  if (t.to === 'authorized')
    return to([change.requester], 'change.approved', `${ref} was approved`, `${change.title} is authorized${why}.`);
  if (t.to === 'rejected')
    return to(
      [change.requester],
      'change.rejected',
      `${ref} was rejected`,
      `${d.actor} rejected ${change.title}${why}.`,
    );
  if (t.event === 'revise' && d.actor !== change.requester)
    return to(
      [change.requester],
      'change.needs_information',
      `${ref} needs more from you`,
      `${d.actor} sent ${change.title} back to draft${why}. Revise it and submit it again.`,
    );
  if (t.to === 'failed' || t.to === 'backed_out') {
    const approvers = change.approvals.filter((a) => a.decision === 'approve' && !a.voided).map((a) => a.by);
    const what = t.to === 'failed' ? 'failed' : 'was backed out';
    return to(
      [change.requester, ...(change.assignee ? [change.assignee] : []), ...approvers],
      'change.failed',
      `${ref} ${what}`,
      `${change.title} ${what} (${d.actor})${why}.`,
    );
  }
  return [];
}

async function driftRecipients(d: DriftEventData, people: People): Promise<NotificationDraft[]> {
  if (d.summary.unauthorized === 0) return [];
  const refs = d.findings.slice(0, 5).map((f) => f.ref);
  const more = d.summary.unauthorized > refs.length ? ` and ${d.summary.unauthorized - refs.length} more` : '';
  const body = `The drift check of ${d.source} found ${d.summary.unauthorized} unauthorized change(s): ${refs.join(', ')}${more}.`;
  const users = await people.withRoles(['configuration_manager', 'change_manager', 'admin']);
  return unique(users).map((u) =>
    draft(u, 'drift.unauthorized', `Unauthorized drift found by ${d.source}`, body, '/drift'),
  );
}

function windowText(d: WindowStartedData): string {
  return `The window of ${d.change} (${d.title}) runs from ${d.start} to ${d.end}.`;
}

function changeLink(ref: string): string {
  return `/changes/${ref}`;
}

function draft(user: string, kind: NotificationKind, title: string, body: string, link: string): NotificationDraft {
  return { user, kind, title, body, link };
}

function unique(users: Iterable<string>): string[] {
  return [...new Set(users)];
}
