import { createHash, type Hash } from 'node:crypto';
import { canonicalJsonList } from '../shared/canonical-list.js';

/** Items hashed together, per piece of canonical text handed to the hash. */
const HASHED_AT_ONCE = 1000;

/**
 * `contentHash(items)`, the same value, without the list's whole canonical text: at 1M items that
 * text was over 100 MiB, made and hashed in one piece. The canonical JSON of a list is its items'
 * canonical texts between brackets, separated by commas, so it is hashed piece by piece.
 */
export function listHash(items: readonly unknown[]): string {
  return new ListHasher(items).digest();
}

/**
 * listHash taken a few pieces at a time, so that a drift check can hash its observation while it
 * waits for the store: on PostgreSQL the server reads the next page of CIs meanwhile, on the other
 * core (at a million items the hash is seconds of work). The items must not change until digest.
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
    const part = canonicalJsonList(this.items.slice(at, at + HASHED_AT_ONCE));
    this.hash.update(at === 0 ? part : `,${part}`);
    this.hashed = Math.min(this.items.length, at + HASHED_AT_ONCE);
  }
}
