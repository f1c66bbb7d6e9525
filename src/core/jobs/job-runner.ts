import type { Job, JobQueue } from './jobs.port.js';

export type JobHandler = (job: Job) => Promise<unknown>;

/**
 * Polls the database job queue and runs due jobs, a few at a time. Every server process runs one;
 * the queue's claim makes sure a job goes to one of them. `stop()` waits for jobs in flight.
 */
export class JobRunner {
  private timer: NodeJS.Timeout | undefined;
  private running = new Set<Promise<unknown>>();
  private stopped = false;
  private polling = false;

  constructor(
    private readonly deps: {
      queue: JobQueue;
      handlers: Record<string, JobHandler>;
      worker: string;
      intervalMs?: number;
      concurrency?: number;
      leaseMs?: number;
      onError?: (e: unknown, job?: Job) => void;
    },
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Polls once now (tests, or right after publishing to cut latency). */
  async poll(): Promise<number> {
    if (this.polling || this.stopped) return 0;
    this.polling = true;
    try {
      const free = (this.deps.concurrency ?? 4) - this.running.size;
      if (free <= 0) return 0;
      const jobs = await this.deps.queue.claim(this.deps.worker, free, this.deps.leaseMs ?? 60_000);
      for (const job of jobs) this.run(job);
      return jobs.length;
    } catch (e) {
      this.deps.onError?.(e);
      return 0;
    } finally {
      this.polling = false;
    }
  }

  /** Waits until no job is running (tests). */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.drain();
  }

  private run(job: Job): void {
    const handler = this.deps.handlers[job.kind];
    const p = (handler ? handler(job) : this.deps.queue.fail(job.id, `no handler for job kind ${job.kind}`))
      .catch((e: unknown) => this.deps.onError?.(e, job))
      .finally(() => this.running.delete(p));
    this.running.add(p);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.poll().then((n) => this.schedule(n > 0 ? 0 : (this.deps.intervalMs ?? 1000)));
    }, ms);
    this.timer.unref();
  }
}
