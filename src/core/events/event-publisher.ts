import type { Diff } from '../revision/diff.js';
import { toRevisionView, type Revision } from '../revision/revision.types.js';
import type { IdGenerator } from '../shared/ids.js';
import { Ticker } from '../jobs/ticker.js';
import { matchesFilter, revisionEventData, EVENT_TYPES, type CairnEvent, type EventType } from './event.types.js';
import type { OutboxRelay, PendingEvent, RelayBatch } from './events.port.js';
import { DELIVERY_JOB, type DeliveryPayload } from './webhook.service.js';
import type { Webhook } from './webhook.types.js';

/** What `revision.created` reads back: the stored revision and its diff from the one before. */
export interface RevisionReads {
  revision(rev: number): Promise<Revision | undefined>;
  diff(fromRev: number, toRev: number): Promise<Diff>;
}

/** Entries relayed per transaction. */
const BATCH = 100;
/** How often a server relays on its timer, besides right after each of its own commits. */
export const RELAY_INTERVAL_MS = 5_000;

/**
 * The relay of the transactional outbox. Every write records its events in its own transaction
 * (`event_outbox`); this turns each pending entry into one delivery job per matching subscription,
 * plus a notification fan-out job for the types people are told of, and removes it, in one transaction. The process that committed nudges it right after the commit
 * (a server or a CLI, which flushes before it closes its database); a server also relays on a
 * timer, so entries left by a process that died after its commit are delivered all the same.
 * An event gets its id here, once: retries and replays of its deliveries keep it.
 */
export class EventPublisher {
  private readonly pendingRuns = new Set<Promise<unknown>>();
  private running: Promise<number> | undefined;
  private again = false;
  private stopped = false;
  private ticker: Ticker | undefined;

  constructor(
    private readonly deps: {
      outbox: OutboxRelay;
      webhooks: { list(): Promise<Webhook[]> };
      reads: RevisionReads;
      ids: IdGenerator;
      /** One more job per event of these types, carrying the event (the notifications' fan-out). */
      fanout?: { kind: string; types: readonly string[] };
      onQueued?: () => void;
      onError?: (e: unknown) => void;
    },
  ) {}

  /** Relays soon (after a commit); calls made while a relay runs make it run once more. */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    const p = this.runUntilIdle()
      .catch((e: unknown) => this.deps.onError?.(e))
      .finally(() => this.pendingRuns.delete(p));
    this.pendingRuns.add(p);
  }

  /** Waits until every nudge so far has been relayed (or failed and reported). */
  async flush(): Promise<void> {
    while (this.pendingRuns.size > 0) await Promise.allSettled([...this.pendingRuns]);
  }

  /** Relays on a timer too (a server), starting now. */
  start(intervalMs: number): void {
    this.stopped = false;
    this.ticker ??= new Ticker(async () => this.nudge(), intervalMs, this.deps.onError);
    this.ticker.start();
    this.nudge();
  }

  /** Stops relaying (entries recorded meanwhile stay pending for the next relay, here or elsewhere). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.ticker?.stop();
    await this.flush();
  }

  /** Relays every pending entry now; returns how many this call relayed. */
  async relay(): Promise<number> {
    let relayed = 0;
    for (;;) {
      const entries = await this.deps.outbox.pending(BATCH);
      if (entries.length === 0) return relayed;
      const hooks = (await this.deps.webhooks.list()).filter((w) => w.active);
      const batch: RelayBatch[] = [];
      for (const entry of entries) {
        // An entry whose event cannot be built stays pending, reported, without holding up the others.
        const b = await this.batchOf(entry, hooks).catch((e: unknown) => this.deps.onError?.(e));
        if (b) batch.push(b);
      }
      const n = await this.deps.outbox.relay(batch);
      relayed += n;
      if (batch.some((b) => b.jobs.length > 0)) this.deps.onQueued?.();
      if (entries.length < BATCH || n === 0) return relayed;
      // A full batch relayed: there may be more.
    }
  }

  private async runUntilIdle(): Promise<number> {
    let total = 0;
    do {
      this.again = false;
      this.running = this.relay();
      try {
        total += await this.running;
      } finally {
        this.running = undefined;
      }
    } while (this.again && !this.stopped);
    return total;
  }

  /** The jobs of one entry; the event (a revision's diff, say) is built only when some subscription or the fan-out takes it. */
  private async batchOf(entry: PendingEvent, hooks: Webhook[]): Promise<RelayBatch> {
    const type = (EVENT_TYPES as readonly string[]).includes(entry.type) ? (entry.type as EventType) : undefined;
    const targets = type ? hooks.filter((w) => matchesFilter(w.events, type)) : [];
    const fanout = type && this.deps.fanout?.types.includes(type) ? this.deps.fanout.kind : undefined;
    if (!type || (targets.length === 0 && !fanout)) return { seq: entry.seq, jobs: [] };
    const event: CairnEvent = {
      id: this.deps.ids.next('evt'),
      type,
      at: entry.at,
      data: type === 'revision.created' ? await this.revisionData(entry) : entry.data,
    };
    return {
      seq: entry.seq,
      jobs: [
        ...targets.map((w) => ({ kind: DELIVERY_JOB, payload: { webhookId: w.id, event } satisfies DeliveryPayload })),
        ...(fanout ? [{ kind: fanout, payload: { event } }] : []),
      ],
    };
  }

  /** `revision.created` carries the stored revision and its diff, read back when relayed (history never changes). */
  private async revisionData(entry: PendingEvent): Promise<unknown> {
    const { rev } = entry.data as { rev: number };
    const stored = await this.deps.reads.revision(rev);
    if (!stored) throw new Error(`the outbox names revision ${rev}, which is not stored`);
    return revisionEventData(toRevisionView(stored), await this.deps.reads.diff(rev - 1, rev));
  }
}
