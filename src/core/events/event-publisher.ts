import type { ChangeActivity } from '../change/change-listeners.js';
import type { DriftReport } from '../drift/drift.types.js';
import type { Diff } from '../revision/diff.js';
import { toRevisionView, type Revision } from '../revision/revision.types.js';
import { changeEvents, driftEvent, type EventDraft } from './domain-events.js';
import { revisionEventData, type CairnEvent, type EventType } from './event.types.js';

/** What publishing needs of the webhook service: queue one delivery job per matching subscription. */
export interface EventSink {
  event<T>(type: EventType, data: T): CairnEvent<T>;
  publishLazy(type: EventType, build: () => Promise<CairnEvent>): Promise<number>;
}

/**
 * Registers a listener for what a module emits after commit (`cmdb.onCommit`, `changes.onActivity`,
 * `drift.onCheck`): the publisher knows the events, not the services that emit them.
 */
export type Subscribe<E> = (listener: (event: E) => void) => void;

/** What `revision.created` reads back: the stored revision and its diff from the one before. */
export interface RevisionReads {
  revision(rev: number): Promise<Revision | undefined>;
  diff(fromRev: number, toRev: number): Promise<Diff>;
}

/**
 * Publishes the domain's events after commit, from the process that committed (a server or a
 * CLI): each is written to the database job queue, which any server's job runner delivers.
 * Listeners are synchronous, so publications are tracked; `flush()` waits for them (a CLI calls
 * it before closing its database).
 */
export class EventPublisher {
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly deps: { sink: EventSink; onQueued?: () => void; onError?: (e: unknown) => void }) {}

  publish(draft: EventDraft): void {
    this.lazy(draft.type, async () => this.deps.sink.event(draft.type, draft.data));
  }

  lazy(type: EventType, build: () => Promise<CairnEvent>): void {
    const p = this.deps.sink
      .publishLazy(type, build)
      .then((queued) => (queued > 0 ? this.deps.onQueued?.() : undefined))
      .catch((e: unknown) => this.deps.onError?.(e))
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  /** Waits until every event published so far is queued (or failed and reported). */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** `revision.created` on every commit; the diff is computed only when some subscription takes it. */
  watchRevisions(subscribe: Subscribe<Revision>, reads: RevisionReads): void {
    subscribe((revision) => {
      this.lazy('revision.created', async () => {
        const stored = await reads.revision(revision.rev);
        const diff = await reads.diff(revision.rev - 1, revision.rev);
        return this.deps.sink.event('revision.created', revisionEventData(toRevisionView(stored ?? revision), diff));
      });
    });
  }

  /** `change.transitioned` / `change.approved` for every saved change, whatever path saved it. */
  watchChanges(subscribe: Subscribe<ChangeActivity>): void {
    subscribe((a) => changeEvents(a).forEach((d) => this.publish(d)));
  }

  /** `drift.detected` after each check that found something. */
  watchDrift(subscribe: Subscribe<DriftReport>): void {
    subscribe((report) => {
      const draft = driftEvent(report);
      if (draft) this.publish(draft);
    });
  }
}
