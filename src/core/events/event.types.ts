import type { Diff } from '../revision/diff.js';
import type { RevisionView } from '../revision/revision.types.js';

/** Every kind of event Cairn publishes; a webhook's filter names these or `prefix.*` / `*`. */
export const EVENT_TYPES = [
  'revision.created',
  'change.transitioned',
  'change.approved',
  'drift.detected',
  'change.window_started',
  'freeze.started',
  'release.created',
  'release.approved',
  'release.rejected',
  'release.promotion_approved',
  'deployment.started',
  'deployment.succeeded',
  'deployment.failed',
  'incident.recorded',
  'incident.resolved',
  'incident.linked',
  'webhook.ping',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The envelope every receiver gets: enough to act without calling back. */
export interface CairnEvent<T = unknown> {
  /** `evt_01J…`: the same across retries and replays, so receivers can deduplicate. */
  id: string;
  type: EventType;
  /** When it happened (UTC ISO-8601). */
  at: string;
  data: T;
}

/** `revision.created`: the revision and its diff (truncated past a size, with the counts kept). */
export interface RevisionEventData {
  revision: RevisionView;
  diff: Diff;
  /** True when the diff lists were cut to keep the payload small; read the full diff via the API. */
  truncated: boolean;
  counts: { added: number; removed: number; modified: number; relations: number };
}

/** `change.transitioned` (one per transition) / `change.approved` (one per approval given). */
export interface ChangeEventData {
  change: {
    id: string;
    number?: string;
    state: string;
    previousState?: string;
    planHash?: string | null;
    title?: string;
  };
  actor: string;
  /** change.transitioned: the step taken (`submit`, `authorize`, …) and the states. */
  transition?: { event: string; from: string; to: string; comment?: string };
  /** The decision recorded in the same step (change.approved; change.transitioned to rejected or authorized). */
  approval?: { approver: string; decision: string; group?: string; comment?: string };
}

/** `drift.detected`: a drift check that found something, with its unauthorized findings. */
export interface DriftEventData {
  observation: { id: string; source: string; observedAt: string; rev: number; items: number };
  source: string;
  summary: {
    modified: number;
    missing: number;
    unexpected: number;
    suppressed: number;
    unauthorized: number;
    matched: number;
  };
  /** The unauthorized, unsuppressed findings (cut at a size; `truncated` says so). */
  findings: {
    id: string;
    ref: string;
    kind: string;
    classification: string;
    attributes?: unknown;
    observedRef?: string;
  }[];
  truncated: boolean;
}

/** True when a subscription's filter (`revision.created`, `change.*`, `*`) takes this type. */
export function matchesFilter(filter: readonly string[], type: EventType): boolean {
  return filter.some((f) => f === '*' || f === type || (f.endsWith('.*') && type.startsWith(f.slice(0, -1))));
}

export function isValidFilter(f: string): boolean {
  if (f === '*') return true;
  if (f.endsWith('.*')) return EVENT_TYPES.some((t) => t.startsWith(f.slice(0, -1)));
  return (EVENT_TYPES as readonly string[]).includes(f);
}

const MAX_DIFF_ENTRIES = 500;

/** Builds the `revision.created` data, cutting each diff list at MAX_DIFF_ENTRIES. */
export function revisionEventData(revision: RevisionView, diff: Diff): RevisionEventData {
  const counts = {
    added: diff.added.length,
    removed: diff.removed.length,
    modified: diff.modified.length,
    relations: diff.relations.added.length + diff.relations.removed.length + diff.relations.modified.length,
  };
  const total = counts.added + counts.removed + counts.modified + counts.relations;
  if (total <= MAX_DIFF_ENTRIES) return { revision, diff, truncated: false, counts };
  const cut = <T>(list: T[]) => list.slice(0, MAX_DIFF_ENTRIES / 4);
  const relations = {
    added: cut(diff.relations.added),
    removed: cut(diff.relations.removed),
    modified: cut(diff.relations.modified),
  };
  return {
    revision,
    diff: { ...diff, added: cut(diff.added), removed: cut(diff.removed), modified: cut(diff.modified), relations },
    truncated: true,
    counts,
  };
}
