/**
 * When a failed webhook delivery is tried again: 30 s after the first failure, doubling each
 * time (30 s, 1 min, 2 min, … about 17 h), with ±10 % jitter so that many failed deliveries to one
 * receiver do not come back at the same instant; no retry is scheduled later than a day after
 * the first attempt, after which the delivery is marked failed (and can be replayed by hand).
 */
export const RETRY_BASE_MS = 30_000;
export const RETRY_WINDOW_MS = 24 * 3_600_000;

/** The time of the next attempt after `attempt` attempts (1 = the first failed), or null to give up. */
export function nextAttemptAt(
  firstAttemptAt: Date,
  attempt: number,
  now: Date,
  random: () => number = Math.random,
): Date | null {
  const delay = RETRY_BASE_MS * 2 ** (attempt - 1);
  const jitter = delay * 0.1 * (random() * 2 - 1);
  const next = new Date(now.getTime() + delay + jitter);
  if (next.getTime() - firstAttemptAt.getTime() > RETRY_WINDOW_MS) return null;
  return next;
}

/** A 2xx answer is success; 410 Gone means the receiver asks to stop (no retry); the rest are retried. */
export function classifyResponse(status: number | undefined): 'ok' | 'retry' | 'gone' {
  if (status === undefined) return 'retry';
  if (status >= 200 && status < 300) return 'ok';
  if (status === 410) return 'gone';
  return 'retry';
}
