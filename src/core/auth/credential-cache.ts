/**
 * A short-lived memory of credentials this process has already looked up (API tokens, sessions),
 * keyed by the secret's hash, so that an authenticated request costs no database round trip.
 * Entries expire after `ttlMs`; whoever changes a credential in this process deletes what it
 * touched, so only a change made by another process can go unseen, and for at most `ttlMs`.
 */
export class CredentialCache<T> {
  private readonly entries = new Map<string, { value: T; until: number }>();

  constructor(
    private readonly ttlMs: number,
    /** Past this many entries the cache starts afresh: a flood of distinct secrets cannot grow it without bound. */
    private readonly maxEntries = 10_000,
  ) {}

  /** The value remembered for `key`, unless it is older than the time to live. */
  get(key: string, nowMs: number): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until > nowMs) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, value: T, nowMs: number): void {
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { value, until: nowMs + this.ttlMs });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Forgets every entry whose value matches, e.g. every session of one user. */
  deleteWhere(matches: (value: T) => boolean): void {
    for (const [key, entry] of this.entries) if (matches(entry.value)) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
