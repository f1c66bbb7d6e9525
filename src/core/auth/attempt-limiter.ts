import type { Clock } from '../shared/clock.js';

/**
 * Counts failed login attempts per key (username and client address) in a sliding window and
 * refuses more once the limit is reached. Held in memory: per process, reset on restart, which
 * is enough to make guessing slow; several processes each keep their own count.
 */
export class AttemptLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly options: { max: number; windowMs: number; clock: Clock }) {}

  /** Seconds to wait before trying again, or 0 when an attempt is allowed now. */
  retryAfter(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.options.max) return 0;
    const oldest = recent[0]!;
    return Math.max(1, Math.ceil((oldest + this.options.windowMs - this.options.clock.now().getTime()) / 1000));
  }

  fail(key: string): void {
    const recent = this.recent(key);
    recent.push(this.options.clock.now().getTime());
    this.failures.set(key, recent);
    if (this.failures.size > 10_000) this.prune();
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.options.clock.now().getTime() - this.options.windowMs;
    return (this.failures.get(key) ?? []).filter((t) => t > since);
  }

  private prune(): void {
    for (const key of [...this.failures.keys()]) if (this.recent(key).length === 0) this.failures.delete(key);
  }
}
