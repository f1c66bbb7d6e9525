import type { Services } from '../../app/services.js';
import {
  acceptView,
  authorityApplied,
  authorityView,
  findingView,
  observationView,
  remediationView,
  reportView,
  reviewFlagView,
  scheduleView,
  suppressionView,
} from '../../core/drift/drift-views.js';
import type { DriftClient } from '../drift.client.js';
import type { LocalSession } from './session.js';

/** The drift client in-process: the services the drift routes call, the views they return. */
export function localDriftClient(s: Pick<Services, 'drift' | 'driftSchedules'>, session: LocalSession): DriftClient {
  // The author of what this client records; `remediate` opens its change as the actor (`--as`).
  const author = () => session.meta('').author;
  return {
    check: async (observation) => reportView(await s.drift.checkSubmitted(observation, author())),
    async listFindings({ observation, limit, ...query }) {
      const page = await s.drift.findings({ ...query, observationId: observation, limit: limit ?? 100 });
      return { ...page, items: page.items.map(findingView) };
    },
    observation: async (id) => observationView(await s.drift.observation(id)),
    async accept({ message, emergency, ...selection }) {
      return acceptView(await s.drift.accept(selection, author(), { message, emergency }));
    },
    remediate: async (selection) => remediationView(await s.drift.remediate(selection, session.actor)),
    reviewPending: async () => (await s.drift.reviewPending()).map(reviewFlagView),
    markReviewed: (rev, note) => s.drift.markReviewed(rev, author(), note),
    suppress: async (rule) => suppressionView(await s.drift.suppress(rule, author())),
    suppressions: async () => (await s.drift.suppressions()).map(suppressionView),
    unsuppress: (id) => s.drift.unsuppress(id, author()),
    async authority() {
      const current = await s.drift.authorityRules();
      return current ? authorityView(current) : null;
    },
    applyAuthority: async (rules) => authorityApplied(await s.drift.applyAuthority(rules, author())),
    addSchedule: async (schedule) => scheduleView(await s.driftSchedules.add(schedule, author())),
    schedules: async () => (await s.driftSchedules.list()).map(scheduleView),
    removeSchedule: (id) => s.driftSchedules.remove(id),
  };
}
