import type { Services } from '../../app/services.js';
import type { Principal } from '../../core/auth/permissions.js';
import { calendarFeedPath } from '../../contracts/calendar-feed.contracts.js';
import type { ChangeServices } from '../../core/change/change-services.js';
import {
  CalendarEntries,
  ChangePage,
  ChangeRecord,
  ChangeShow,
  PendingApprovals,
  TransitionResult,
} from '../../contracts/change.contracts.js';
import { CabAgendaView, UnauthorizedRecords } from '../../contracts/change-governance.contracts.js';
import { ReschedulePreviewView, RescheduleResultView } from '../../contracts/reschedule.contracts.js';
import { ChangePreviewView } from '../../contracts/change-form.contracts.js';
import type { CalendarClient, ChangeClient } from '../change.client.js';
import { inContractShape } from './contract-shape.js';
import type { LocalSession } from './session.js';

/** The change workflow in process: the services the routes call, the session's actor acting, the API's views. */
export function localChangeClient(s: ChangeServices, session: LocalSession): ChangeClient {
  const { changes } = s;
  const actor = session.actor;
  return {
    create: async (document) => inContractShape(ChangeRecord, await changes.create(document, actor)),
    preview: async (document, ref) => inContractShape(ChangePreviewView, await changes.preview(document, ref)),
    edit: async (ref, document) => inContractShape(ChangeRecord, await changes.edit(ref, document, actor)),
    act: async (ref, action, input = {}) =>
      inContractShape(TransitionResult, await changes.perform(ref, action, actor, input)),
    replan: async (ref, plan) => inContractShape(ChangeRecord, await changes.replanDocument(ref, actor, plan)),
    reschedule: async (ref, body) => inContractShape(RescheduleResultView, await changes.reschedule(ref, actor, body)),
    previewReschedule: async (ref, window) =>
      inContractShape(ReschedulePreviewView, await changes.previewReschedule(ref, window)),
    attach: async (ref, revision) => inContractShape(ChangeRecord, await changes.attach(ref, revision, actor)),
    async list(q) {
      const page = await changes.listPage({
        states: q.state,
        types: q.type,
        requester: q.requester,
        ci: q.ci,
        from: q.from,
        to: q.to,
        limit: q.limit ?? 100,
        cursor: q.cursor,
      });
      return inContractShape(ChangePage, page);
    },
    // In process the actor acts on the database itself, with every role: what it may do is what the workflow allows it.
    show: async (ref) => inContractShape(ChangeShow, await changes.show(ref, { name: actor, permits: () => true })),
    pending: async () => inContractShape(PendingApprovals, await changes.awaitingApproval(actor)),
    unauthorized: async (options = {}) =>
      inContractShape(UnauthorizedRecords, await changes.unauthorized({ all: options.all })),
  };
}

export function localCalendarClient(
  s: ChangeServices & Pick<Services, 'calendarFeeds'>,
  session: LocalSession,
): CalendarClient {
  // The feed belongs to the person acting; its roles are checked when the feed is read.
  const owner: Principal = { name: session.actor, kind: 'user', roles: [] };
  return {
    entries: async (from, to) => inContractShape(CalendarEntries, await s.changes.calendar(from, to)),
    ics: (from, to) => s.changes.calendarFeed(from, to),
    cabAgenda: async (date) =>
      inContractShape(CabAgendaView, await s.changes.agenda(date, { name: session.actor, permits: () => true })),
    feedStatus: () => s.calendarFeeds.status(owner),
    createFeed: async () => {
      const made = await s.calendarFeeds.create(owner);
      return { ...made, path: calendarFeedPath(made.secret) };
    },
    revokeFeed: () => s.calendarFeeds.revoke(owner),
  };
}
