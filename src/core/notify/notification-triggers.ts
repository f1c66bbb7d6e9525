import type { ChangeReader } from '../change/change.port.js';
import { policyOf } from '../change/change-transaction.js';
import { expandOccurrences } from '../schedule/windows.js';
import type { Clock } from '../shared/clock.js';
import type { NotificationStore } from './notify.port.js';
import { DIGEST_JOB, type DigestPayload } from './notification-sender.js';
import type { FreezeStartedData, WindowStartedData } from './recipients.js';

/** How far back a tick looks for windows that started: a server down for less than this misses none. */
const LOOKBACK_MS = 24 * 3_600_000;

/**
 * The notifications raised by time rather than by a write: a scheduled change's window opening,
 * a freeze starting, a day's digest falling due. Each is recorded under a key (the change and its
 * window's start, the freeze and the occurrence's start, the person and the day) in the same
 * transaction as its event or job, so every server may tick and each is raised once.
 */
export class NotificationTriggers {
  constructor(
    private readonly deps: {
      store: NotificationStore;
      changes: ChangeReader;
      clock: Clock;
      /** The UTC hour at which daily digests are sent. */
      digestHour: number;
    },
  ) {}

  /** Raises what is due now; returns how many new triggers it recorded. */
  async tick(): Promise<number> {
    const now = this.deps.clock.now();
    return (await this.windows(now)) + (await this.freezes(now)) + (await this.digests(now));
  }

  private async windows(now: Date): Promise<number> {
    const from = new Date(now.getTime() - LOOKBACK_MS).toISOString();
    const changes = await this.deps.changes.listChanges({
      states: ['scheduled'],
      from,
      to: new Date(now.getTime() + 1).toISOString(),
    });
    let raised = 0;
    for (const c of changes) {
      const w = c.window;
      if (!w || Date.parse(w.start) > now.getTime() || Date.parse(w.end) <= now.getTime()) continue;
      const data: WindowStartedData = { change: c.ref, title: c.title, start: w.start, end: w.end };
      const event = { type: 'change.window_started', at: w.start, data };
      if (await this.deps.store.trigger(`window:${c.ref}:${w.start}`, now.toISOString(), { events: [event] })) raised++;
    }
    return raised;
  }

  private async freezes(now: Date): Promise<number> {
    const policy = await policyOf(this.deps.changes);
    const range = { start: now.getTime() - LOOKBACK_MS, end: now.getTime() + 1 };
    let raised = 0;
    for (const f of policy.freeze) {
      for (const o of expandOccurrences(f, range)) {
        if (o.start > now.getTime() || o.end <= now.getTime()) continue;
        const start = new Date(o.start).toISOString();
        const data: FreezeStartedData = {
          name: f.name,
          start,
          end: new Date(o.end).toISOString(),
          ...(f.description ? { description: f.description } : {}),
        };
        const event = { type: 'freeze.started', at: start, data };
        if (await this.deps.store.trigger(`freeze:${f.name}:${start}`, now.toISOString(), { events: [event] }))
          raised++;
      }
    }
    return raised;
  }

  private async digests(now: Date): Promise<number> {
    if (now.getUTCHours() < this.deps.digestHour) return 0;
    const day = now.toISOString().slice(0, 10);
    const before = `${day}T${String(this.deps.digestHour).padStart(2, '0')}:00:00.000Z`;
    let raised = 0;
    for (const user of await this.deps.store.usersWithDigest(before)) {
      const key = `digest:${user}:${day}`;
      const job = { kind: DIGEST_JOB, payload: { user, key, before } satisfies DigestPayload };
      if (await this.deps.store.trigger(key, now.toISOString(), { jobs: [job] })) raised++;
    }
    return raised;
  }
}
