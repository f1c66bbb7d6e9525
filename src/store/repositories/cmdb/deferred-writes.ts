import type { Kysely } from 'kysely';
import type { CiVersion, RelationVersion } from '../../../core/ci/ci.types.js';
import type { VersionKey } from '../../../core/cmdb/cmdb.port.js';
import type { Revision } from '../../../core/revision/revision.types.js';
import type { OutboxEntry } from '../../../core/shared/outbox.js';
import { convertError } from '../../conversion/errors.js';
import type { Database } from '../../database.js';
import { nameStatement } from '../../query-template.js';
import { statementOf, type Held } from './deferred-statement.js';

/** Most version rows held back for one statement; a larger write (an import) runs as before. */
const MAX_DEFERRED_ROWS = 500;

/**
 * The kinds of write held back, in the order the statement runs them: ends before the inserts of
 * their table (the current-row unique indexes must see the old version ended first), the revision
 * and its events last. A write that comes in a different order flushes what is held first.
 */
const KINDS = ['endRelations', 'endCis', 'insertCis', 'insertRelations', 'revision', 'events'] as const;
type Kind = (typeof KINDS)[number];

/** What a held-back write does when it runs on its own: the repository's own statement. */
type Direct = () => Promise<void>;

/** What a unique violation on each table means, as the repositories say it. */
const CONFLICT_OF: Record<string, (held: Held) => string> = {
  ci_versions: () => 'a current CI with one of these class/name pairs',
  relation_versions: () => 'one of these relationships',
  revisions: (held) => `revision ${held.revision?.rev}`,
};

/**
 * PostgreSQL: the writes of one CMDB revision — versions ended and inserted, the revision row and
 * its outbox event — held back and sent as ONE statement of data-modifying CTEs when the
 * transaction next reads or the write ends, instead of one round trip each. A single-CI change
 * made four writes in sequence; under the write lock with `synchronous_commit = on` each round
 * trip is time every queued writer waits (issue 14 §4). Nothing is held across a read, so every
 * read of the transaction still sees every write before it; a write's failure surfaces from the
 * flush inside that write's own savepoint, as the failing statement's error did before. A write
 * too large to hold (an import's batch) is sent at once but not waited for, until the next flush.
 */
export class DeferredWrites {
  private held: Held = {};
  private last = -1;
  private rows = 0;
  /** The write held, when only one is: it runs as its repository runs it. */
  private only: Direct | undefined;
  private calls = 0;
  /** Writes too large to hold, sent without waiting for them (`send`), chained in the order they came. */
  private sent: Promise<void> | undefined;
  /** The first of those that failed: every later flush throws it. */
  private failure: { error: unknown } | undefined;

  constructor(private readonly db: Kysely<Database>) {}

  get empty(): boolean {
    return this.last < 0 && this.sent === undefined && this.failure === undefined;
  }

  endCis(versions: readonly VersionKey[], rev: number, direct: Direct): Promise<void> {
    return this.hold('endCis', versions.length, direct, (h) => this.mergeEnd(h, 'endCis', versions, rev));
  }

  endRelations(versions: readonly VersionKey[], rev: number, direct: Direct): Promise<void> {
    return this.hold('endRelations', versions.length, direct, (h) => this.mergeEnd(h, 'endRelations', versions, rev));
  }

  insertCis(rows: CiVersion[], direct: Direct): Promise<void> {
    return this.hold('insertCis', rows.length, direct, (h) => ((h.insertCis ??= []).push(...rows), true));
  }

  insertRelations(rows: RelationVersion[], direct: Direct): Promise<void> {
    return this.hold('insertRelations', rows.length, direct, (h) => ((h.insertRelations ??= []).push(...rows), true));
  }

  revision(revision: Revision, direct: Direct): Promise<void> {
    return this.hold('revision', 0, direct, (h) => (h.revision ? false : ((h.revision = revision), true)));
  }

  /** Events are the last write of a revision (persist-revision.ts): they send what is held. */
  async events(entries: readonly OutboxEntry[], direct: Direct): Promise<void> {
    await this.hold('events', 0, direct, (h) => ((h.events ??= []).push(...entries), true));
    await this.flush();
  }

  /**
   * Waits for the writes sent without waiting, then sends what is held: alone by the
   * repository's own statement, or together as one. A sent write's failure is thrown here, so
   * it is the failure of the write (and savepoint) that made it, before anything reads after it.
   */
  async flush(): Promise<void> {
    await this.settle();
    if (this.last < 0) return;
    const { held, only, calls } = this;
    this.held = {};
    this.last = -1;
    this.rows = 0;
    this.only = undefined;
    this.calls = 0;
    if (calls === 1) return only!();
    const query = statementOf(held);
    nameStatement(query.sql);
    try {
      await this.db.executeQuery(query);
    } catch (e) {
      const table = (e as { table?: string }).table;
      const what = table === undefined ? undefined : CONFLICT_OF[table];
      if (what) convertError(e, what(held));
      throw e;
    }
  }

  /**
   * Holds a write of `kind` (`merge` adds it to what is held, or says it cannot): when it comes
   * out of order, cannot be merged, or would make the statement too large, what is held is sent
   * first; a write too large to hold is sent at once, not waited for (`send`).
   */
  private async hold(kind: Kind, rows: number, direct: Direct, merge: (h: Held) => boolean): Promise<void> {
    const index = KINDS.indexOf(kind);
    if (this.last >= 0 && (index < this.last || this.rows + rows > MAX_DEFERRED_ROWS)) await this.flush();
    if (rows > MAX_DEFERRED_ROWS) return this.send(direct);
    if (!merge(this.held)) {
      await this.flush();
      merge(this.held);
    }
    this.last = index;
    this.rows += rows;
    this.only = direct;
    this.calls++;
  }

  /**
   * Sends `work` (a statement that writes no row the transaction reads back, such as an
   * ANALYZE) after every write held or sent before it, without waiting for it: as a write too
   * large to hold is sent. What is held is flushed first, which waits for the writes sent before.
   */
  async sendAfterHeld(work: Direct): Promise<void> {
    if (this.last >= 0) await this.flush();
    this.send(work);
  }

  /**
   * Runs a write too large to hold without waiting for the server: an import's batch of 5 000
   * versions is inserted while the process builds the next batch, where it sat idle about half
   * the run (issue 14). One connection runs its statements in the order they are sent, and each
   * sent write starts once the one before it has finished; a read waits for them (flush) anyway.
   * A failure is kept, never left unhandled, and once one has failed the rest are not sent.
   */
  private send(direct: Direct): void {
    const run = () => (this.failure ? undefined : direct());
    this.sent = (this.sent ? this.sent.then(run) : Promise.resolve().then(run)).catch((error: unknown) => {
      this.failure ??= { error };
    });
  }

  /**
   * Waits for the writes sent without waiting, whatever their outcome: a write that fails must
   * let them finish before its transaction (or savepoint) is rolled back, since they are queued
   * behind no ROLLBACK and would otherwise run after it, outside the transaction.
   */
  async drain(): Promise<void> {
    await this.sent;
  }

  /** Waits for the writes sent without waiting; throws the first failure among them. */
  private async settle(): Promise<void> {
    const sent = this.sent;
    if (sent) {
      await sent;
      if (this.sent === sent) this.sent = undefined;
    }
    if (this.failure) throw this.failure.error;
  }

  private mergeEnd(h: Held, kind: 'endCis' | 'endRelations', versions: readonly VersionKey[], rev: number): boolean {
    const ended = (h[kind] ??= { ids: [], revFroms: [], rev });
    if (ended.rev !== rev) return false;
    for (const v of versions) {
      ended.ids.push(v.id);
      ended.revFroms.push(v.revFrom);
    }
    return true;
  }
}
