import { createHash, type Hash } from 'node:crypto';

/**
 * Items hashed together, per piece of JSON text handed to the hash. A piece stays well under V8's
 * large-object size (128 KiB) so that it dies young: a piece of a thousand items (about 200 KiB)
 * was a large object each, freed only by a full collection, every one on freshly mapped memory —
 * at a million items 200 MB of page faults and system time a check.
 */
const HASHED_AT_ONCE = 100;

/**
 * The hash of an observation's items as they were given: the SHA-256 (base64url) of
 * `JSON.stringify(items)`, without the list's whole text (over 200 MiB at a million items), as
 * the JSON of a list is its items' texts between brackets, separated by commas.
 *
 * Not their canonical JSON, as a version's content hash is: the observation's hash tells a repeated
 * observation from a new one, as the CLI's hash of the files read does, and nothing is verified
 * against it. Writing every item's keys in sorted order took a copy of each item and of its
 * attributes, three times the engine's own writer: at a million items about 2 of a check's
 * 3 seconds of hashing (issue 14).
 */
export function listHash(items: readonly unknown[]): string {
  return new ListHasher(items).digest();
}

/**
 * listHash taken a few pieces at a time, so that a drift check can hash its observation while it
 * waits for the store: on PostgreSQL the server reads the next page of CIs meanwhile, on SQLite a
 * thread of its own. The items must not change until digest.
 */
export class ListHasher {
  private readonly hash: Hash = createHash('sha256').update('[');
  private hashed = 0;
  private result: string | undefined;

  constructor(private readonly items: readonly unknown[]) {}

  /** Hashes the next `count` items or more (whole pieces), or what is left when fewer. */
  advance(count: number): void {
    const until = Math.min(this.items.length, this.hashed + count);
    while (this.hashed < until) this.piece();
  }

  /** The hash of the whole list (hashing what is left); the same on every call. */
  digest(): string {
    if (this.result === undefined) {
      while (this.hashed < this.items.length) this.piece();
      this.result = this.hash.update(']').digest('base64url');
    }
    return this.result;
  }

  private piece(): void {
    const at = this.hashed;
    const part = JSON.stringify(this.items.slice(at, at + HASHED_AT_ONCE));
    if (at > 0) this.hash.update(',');
    // The piece's own brackets are left out: the list has one pair, around all its items.
    this.hash.update(part.slice(1, -1));
    this.hashed = Math.min(this.items.length, at + HASHED_AT_ONCE);
  }
}
