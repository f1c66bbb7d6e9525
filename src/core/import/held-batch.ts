import type { PendingWrites } from '../revision/pending-writes.js';

/**
 * The writes of one planned import batch, held back until the next batch's screen is read.
 *
 * Where the store's large writes run ahead (PostgreSQL: a batch's versions are sent and the next
 * read waits for them), a batch that began with its screen's read waited for the server to insert
 * the batch before it, so the server inserted while the process stood still (issue 14). Held one
 * batch back, the order per batch is: read the screen of batch N+1, send batch N, plan batch N+1
 * while the server inserts N, hold N+1. The screen may read before N is written because the input
 * names each CI once and every CI that N writes is known by id by then (screen-unchanged.ts says
 * what it keeps for the full plan instead: relationships from a source N writes relationships
 * from); the plan of N+1 reads after N is sent, so it sees N.
 *
 * Not held: a batch that writes the model (the next batch's screen needs the new model), and
 * anything where the store writes at once (SQLite): there holding back would gain nothing.
 */
export class HeldBatch {
  private held: PendingWrites | undefined;
  /** The sources of the relationships the held batch writes (ids), made when first asked. */
  private sources: Set<string> | undefined;

  constructor(
    /** Whether to hold at all: the store's large writes run ahead (CmdbWriter.largeWritesRunAhead). */
    private readonly ahead: boolean,
    /** Writes a batch's versions. */
    private readonly send: (writes: PendingWrites) => Promise<void>,
  ) {}

  /** Holds a planned batch's writes until `release`, or sends them now where holding is of no use. */
  async hold(writes: PendingWrites): Promise<void> {
    await this.release();
    if (!this.ahead || writes.model.length > 0) return this.send(writes);
    this.held = writes;
  }

  /** Sends the held batch, if any. */
  async release(): Promise<void> {
    const writes = this.held;
    if (!writes) return;
    this.held = undefined;
    this.sources = undefined;
    await this.send(writes);
  }

  /** Whether the held batch writes a relationship from this source: its stored relationships are not settled yet. */
  writesFrom(source: string): boolean {
    if (!this.held || this.held.relations.length === 0) return false;
    if (!this.sources) {
      this.sources = new Set();
      for (const w of this.held.relations) this.sources.add((w.after ?? w.before)!.sourceId);
    }
    return this.sources.has(source);
  }
}
