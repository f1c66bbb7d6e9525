import type { Clock } from '../shared/clock.js';
import type { IdGenerator } from '../shared/ids.js';

/**
 * How many failed sign-ins are allowed within the window, per account (from any address), per
 * account from one address, and per client address (whatever the usernames). The account limit is
 * higher than the account-from-one-address one so that someone failing from one place does not
 * lock the account for its owner elsewhere at once; the address limit stops one client trying
 * many usernames.
 */
export const LOGIN_LIMITS = {
  windowMs: 15 * 60_000,
  perAccountFromAddress: 5,
  perAccount: 10,
  perAddress: 20,
} as const;

export type LoginLimits = typeof LOGIN_LIMITS;

/** One sign-in attempt as stored: counted as failed until its success removes it. */
export interface LoginAttempt {
  id: string;
  username: string;
  address: string;
  at: string;
}

/**
 * Where attempts are counted: the database, so that every server process shares one count and a
 * restart forgets nothing (implemented in store/repositories/auth/login-attempt.repository.ts).
 */
export interface LoginAttemptStore {
  /** Stores the attempt and returns it, with every attempt since `since` by its username or from its address. */
  record(attempt: LoginAttempt, since: string): Promise<LoginAttempt[]>;
  /** Removes one attempt (one refused before its password was checked). */
  remove(id: string): Promise<void>;
  /** Removes the attempts of a username from an address (its owner signed in from there). */
  clear(username: string, address: string): Promise<void>;
  /** Removes attempts older than `before`; returns how many. */
  prune(before: string): Promise<number>;
}

/** Which limit an attempt hit, and how many seconds until it is lifted. */
export interface Throttled {
  limit: 'account' | 'address';
  retryAfterSeconds: number;
}

/**
 * Whether the attempt `self` (already among `recent`) may go on: every attempt of the window
 * counts, this one included, since attempts whose password is being checked by another process
 * right now may yet fail. Null when allowed.
 */
export function throttleVerdict(
  self: LoginAttempt,
  recent: readonly LoginAttempt[],
  now: Date,
  limits: LoginLimits = LOGIN_LIMITS,
): Throttled | null {
  const since = now.getTime() - limits.windowMs;
  const inWindow = recent.filter((a) => Date.parse(a.at) > since);
  const checks: [Throttled['limit'], LoginAttempt[], number][] = [
    [
      'account',
      inWindow.filter((a) => a.username === self.username && a.address === self.address),
      limits.perAccountFromAddress,
    ],
    ['account', inWindow.filter((a) => a.username === self.username), limits.perAccount],
    ['address', inWindow.filter((a) => a.address === self.address), limits.perAddress],
  ];
  let worst: Throttled | null = null;
  for (const [limit, attempts, max] of checks) {
    if (attempts.length <= max) continue;
    // Lifted when enough of the oldest have left the window for this attempt to be within the limit.
    const times = attempts.map((a) => Date.parse(a.at)).sort((x, y) => x - y);
    const leaves = times[attempts.length - max - 1]! + limits.windowMs;
    const retryAfterSeconds = Math.max(1, Math.ceil((leaves - now.getTime()) / 1000));
    if (!worst || retryAfterSeconds > worst.retryAfterSeconds) worst = { limit, retryAfterSeconds };
  }
  return worst;
}

/**
 * Sign-in throttling kept in the database. An attempt is stored BEFORE its password is checked,
 * then counted with the others: concurrent attempts on several servers each see the ones stored
 * before them, so no more than the limit get through however they interleave. A refused attempt
 * is removed at once (it checked no password, so it does not prolong the wait); a failed one stays
 * for the window; a success removes the username's attempts from that address.
 */
export class LoginThrottle {
  private readonly limits: LoginLimits;

  constructor(
    private readonly deps: { store: LoginAttemptStore; clock: Clock; ids: IdGenerator; limits?: LoginLimits },
  ) {
    this.limits = deps.limits ?? LOGIN_LIMITS;
  }

  /**
   * Runs `login` unless a limit is reached; returns its result, or `{ throttled }` without
   * calling it. A `login` that throws counts as a failed attempt.
   */
  async attempt<T>(
    username: string,
    address: string,
    login: () => Promise<T>,
  ): Promise<{ ok: true; value: T } | { ok: false; throttled: Throttled }> {
    const now = this.deps.clock.now();
    const since = new Date(now.getTime() - this.limits.windowMs).toISOString();
    await this.deps.store.prune(since);
    const self: LoginAttempt = {
      id: this.deps.ids.next('lgn'),
      username: username.toLowerCase(),
      address,
      at: now.toISOString(),
    };
    const throttled = throttleVerdict(self, await this.deps.store.record(self, since), now, this.limits);
    if (throttled) {
      await this.deps.store.remove(self.id);
      return { ok: false, throttled };
    }
    const value = await login();
    await this.deps.store.clear(self.username, address);
    return { ok: true, value };
  }
}
