import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { CmdbWriter } from '../../../core/cmdb/cmdb.port.js';
import type { Database } from '../../database.js';
import type { Engine } from '../../engine.js';
import { SQLITE_CACHE_KIB, SQLITE_LARGE_WRITE_CACHE_KIB } from '../../sqlite-cache.js';
import { appendOutbox } from '../webhook/outbox.repository.js';
import type { GroupMemo } from '../../write-queue.js';
import { DeferredWrites } from './deferred-writes.js';
import { GroupedReads } from './grouped-reads.js';
import { GrowingTables, type VersionTable } from './growing-tables.js';
import { cmdbRepositories, type CmdbRepositories } from './cmdb.repositories.js';

/**
 * The CMDB inside one write transaction (KyselyCmdbStore.write): the CmdbWriter port, each method
 * the repository of its table on the transaction's connection. Other stores whose writes belong
 * in the same transaction (changes) run their SQL on `db`.
 */
export class CmdbTransaction implements CmdbWriter {
  private readonly repos: CmdbRepositories;
  private readonly grouped: GroupedReads;
  private large = false;
  /** PostgreSQL: the writes of a revision held back for one statement; undefined on SQLite. */
  private readonly deferred: DeferredWrites | undefined;
  /** PostgreSQL: the planner's statistics of tables this transaction grows a lot. */
  private readonly statistics: GrowingTables | undefined;

  /** `fn`, once what is held back has been sent: what it reads or writes comes after it. */
  private readonly ready =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await this.flush();
      return fn(...args);
    };

  /** The same, for reads that come a page at a time. */
  private readonly readyPages = <A extends unknown[], R>(fn: (...args: A) => AsyncIterable<R>) => {
    const flush = () => this.flush();
    return async function* (...args: A): AsyncIterable<R> {
      await flush();
      yield* fn(...args);
    };
  };

  constructor(
    /** The transaction's connection. */
    readonly db: Kysely<Database>,
    engine: Engine,
    /** SQLite: the driver handle of that connection, for bulk inserts. */
    private readonly native?: BetterSqlite3.Database,
    /** Shared by the writes grouped in this transaction (write-queue.ts). */
    memo: GroupMemo = new Map(),
  ) {
    this.repos = cmdbRepositories({ db, engine, native, writing: true });
    this.grouped = new GroupedReads(this.repos, engine, memo);
    this.deferred = engine === 'postgres' ? new DeferredWrites(db) : undefined;
    this.statistics = engine === 'postgres' ? new GrowingTables(db) : undefined;
  }

  /** Whether this transaction wrote a large import: the store refreshes the planner's statistics once it commits. */
  wroteLarge = false;
  /** How many versions of each table this write ended: the store looks at their statistics after many. */
  readonly endedVersions: Record<VersionTable, number> = { ci_versions: 0, relation_versions: 0 };

  /** PostgreSQL: a large write is sent without waiting for it (DeferredWrites.send). */
  get largeWritesRunAhead(): boolean {
    return this.deferred !== undefined;
  }

  /** SQLite: a smaller page cache while a large import writes; PostgreSQL keeps no cache in this process. */
  largeWrite(on: boolean): void {
    if (on) this.wroteLarge = true;
    if (on === this.large || !this.native) return;
    this.large = on;
    this.native.pragma(`cache_size = -${on ? SQLITE_LARGE_WRITE_CACHE_KIB : SQLITE_CACHE_KIB}`);
  }

  // Reads, in the transaction: what it wrote so far included.
  readonly head: CmdbWriter['head'] = this.ready(() => this.grouped.head());
  readonly getRevision: CmdbWriter['getRevision'] = this.ready((rev) => this.repos.revisions.getRevision(rev));
  readonly revisionOfChange: CmdbWriter['revisionOfChange'] = this.ready((changeId) =>
    this.repos.revisions.revisionOfChange(changeId),
  );
  readonly revisionAtTime: CmdbWriter['revisionAtTime'] = this.ready((iso) => this.repos.revisions.revisionAtTime(iso));
  readonly listRevisions: CmdbWriter['listRevisions'] = this.ready((query) =>
    this.repos.revisions.listRevisions(query),
  );
  readonly getBaseline: CmdbWriter['getBaseline'] = this.ready((name) => this.repos.revisions.getBaseline(name));
  readonly listBaselines: CmdbWriter['listBaselines'] = this.ready(() => this.repos.revisions.listBaselines());
  readonly getCisByRef: CmdbWriter['getCisByRef'] = this.ready((refs, at) => this.repos.cis.getCisByRef(refs, at));
  readonly getCisById: CmdbWriter['getCisById'] = this.ready((ids, at) => this.repos.cis.getCisById(ids, at));
  readonly getCiRefsById: CmdbWriter['getCiRefsById'] = this.ready((ids, at) => this.repos.cis.getCiRefsById(ids, at));
  readonly currentCiDigests: CmdbWriter['currentCiDigests'] = this.ready((refs) =>
    this.repos.cis.currentCiDigests(refs),
  );
  readonly currentCiHashes: CmdbWriter['currentCiHashes'] = this.ready((refs) => this.repos.cis.currentCiHashes(refs));
  readonly listCis: CmdbWriter['listCis'] = this.ready((query) => this.repos.cis.listCis(query));
  readonly getLatestCisById: CmdbWriter['getLatestCisById'] = this.ready((ids) => this.repos.cis.getLatestCisById(ids));
  readonly getLatestCiByRef: CmdbWriter['getLatestCiByRef'] = this.ready((ref) => this.repos.cis.getLatestCiByRef(ref));
  readonly countCis: CmdbWriter['countCis'] = this.ready((filter) => this.repos.cis.countCis(filter));
  readonly countCisByClass: CmdbWriter['countCisByClass'] = this.ready(() => this.repos.cis.countCisByClass());
  readonly countCisByFacets: CmdbWriter['countCisByFacets'] = this.ready((at) => this.repos.cis.countCisByFacets(at));
  readonly scanCurrentCis: CmdbWriter['scanCurrentCis'] = this.readyPages((pageSize) =>
    this.repos.cis.scanCurrentCis(pageSize),
  );
  readonly getRelationsByKey: CmdbWriter['getRelationsByKey'] = this.ready((keys, at) =>
    this.repos.relations.getRelationsByKey(keys, at),
  );
  readonly currentRelationsBySource: CmdbWriter['currentRelationsBySource'] = this.ready((sourceIds, withHashes) =>
    this.repos.relations.currentRelationsBySource(sourceIds, withHashes),
  );
  readonly getRelationsTouching: CmdbWriter['getRelationsTouching'] = this.ready((ciIds, at) =>
    this.repos.relations.getRelationsTouching(ciIds, at),
  );
  readonly getImpactEdges: CmdbWriter['getImpactEdges'] = this.ready((roots, maxDepth, follow, at) =>
    this.repos.impactEdges.getImpactEdges(roots, maxDepth, follow, at),
  );
  readonly listRelations: CmdbWriter['listRelations'] = this.ready((query) =>
    this.repos.relations.listRelations(query),
  );
  readonly scanCurrentRelations: CmdbWriter['scanCurrentRelations'] = this.readyPages((pageSize) =>
    this.repos.relations.scanCurrentRelations(pageSize),
  );
  readonly modelVersions: CmdbWriter['modelVersions'] = this.ready((at) => this.repos.model.modelVersions(at));
  /**
   * Answered from the group's memo without sending what is held or waiting for what was sent:
   * only model writes move it, and those are never held back (they send the rest first). Every
   * batch of an import asks for it, and waiting there would wait for the batch sent before.
   */
  readonly modelRevision: CmdbWriter['modelRevision'] = () =>
    this.grouped.knownModelRevision() ?? this.readyModelRevision();
  private readonly readyModelRevision = this.ready(() => this.grouped.modelRevision());
  readonly versionsChangedBetween: CmdbWriter['versionsChangedBetween'] = this.ready((fromRev, toRev) =>
    this.repos.history.versionsChangedBetween(fromRev, toRev),
  );
  readonly versionChainsBetween: CmdbWriter['versionChainsBetween'] = this.ready((fromRev, toRev) =>
    this.repos.history.versionChainsBetween(fromRev, toRev),
  );
  readonly revisionsIn: CmdbWriter['revisionsIn'] = this.ready((revs) => this.repos.revisions.revisionsIn(revs));
  readonly revisionWrites: CmdbWriter['revisionWrites'] = this.ready((rev) => this.repos.history.revisionWrites(rev));
  readonly revisionHashPages: CmdbWriter['revisionHashPages'] = this.readyPages((rev, pageSize) =>
    this.repos.hashPages.revisionHashPages(rev, pageSize),
  );
  readonly versionsOutsideChain: CmdbWriter['versionsOutsideChain'] = this.ready((head, limit) =>
    this.repos.history.versionsOutsideChain(head, limit),
  );
  readonly listUnresolvedRefs: CmdbWriter['listUnresolvedRefs'] = this.ready((query) =>
    this.repos.unresolved.listUnresolvedRefs(query),
  );
  readonly replaceUnresolvedRefs: CmdbWriter['replaceUnresolvedRefs'] = this.ready((source, refs) =>
    this.repos.unresolved.replaceUnresolvedRefs(source, refs),
  );
  readonly unresolvedRefsAwaiting: CmdbWriter['unresolvedRefsAwaiting'] = this.ready((missing) =>
    this.repos.unresolved.unresolvedRefsAwaiting(missing),
  );
  readonly markUnresolvedRefsResolved: CmdbWriter['markUnresolvedRefsResolved'] = this.ready((ids, rev, at) =>
    this.repos.unresolved.markUnresolvedRefsResolved(ids, rev, at),
  );

  // Writes. On PostgreSQL those of a revision are held back and sent as one statement
  // (deferred-writes.ts); every other call sends what is held first.
  readonly insertRevision: CmdbWriter['insertRevision'] = (revision) =>
    this.grouped.insertRevision(revision, (r) =>
      this.deferred
        ? this.deferred.revision(r, () => this.repos.revisions.insertRevision(r))
        : this.repos.revisions.insertRevision(r),
    );
  readonly insertBaseline: CmdbWriter['insertBaseline'] = this.ready((baseline) =>
    this.repos.revisions.insertBaseline(baseline),
  );
  readonly endCiVersions: CmdbWriter['endCiVersions'] = (versions, rev) => {
    this.endedVersions.ci_versions += versions.length;
    return this.deferred
      ? this.deferred.endCis(versions, rev, () => this.repos.cis.endCiVersions(versions, rev))
      : this.repos.cis.endCiVersions(versions, rev);
  };
  readonly insertCiVersions: CmdbWriter['insertCiVersions'] = async (rows) => {
    await (this.deferred
      ? this.deferred.insertCis(rows, () => this.repos.cis.insertCiVersions(rows))
      : this.repos.cis.insertCiVersions(rows));
    if (this.statistics)
      await this.grew(
        'ci_versions',
        rows.map((r) => r.class),
      );
  };
  readonly endRelationVersions: CmdbWriter['endRelationVersions'] = (versions, rev) => {
    this.endedVersions.relation_versions += versions.length;
    return this.deferred
      ? this.deferred.endRelations(versions, rev, () => this.repos.relations.endRelationVersions(versions, rev))
      : this.repos.relations.endRelationVersions(versions, rev);
  };
  readonly insertRelationVersions: CmdbWriter['insertRelationVersions'] = async (rows) => {
    await (this.deferred
      ? this.deferred.insertRelations(rows, () => this.repos.relations.insertRelationVersions(rows))
      : this.repos.relations.insertRelationVersions(rows));
    if (this.statistics)
      await this.grew(
        'relation_versions',
        rows.map((r) => r.type),
      );
  };
  readonly endModelVersions: CmdbWriter['endModelVersions'] = this.ready((keys, rev) =>
    this.grouped.endModelVersions(keys, rev),
  );
  readonly insertModelVersions: CmdbWriter['insertModelVersions'] = this.ready((rows) =>
    this.grouped.insertModelVersions(rows),
  );
  readonly appendEvents: CmdbWriter['appendEvents'] = (entries) =>
    this.deferred
      ? this.deferred.events(entries, () => appendOutbox(this.db, entries))
      : appendOutbox(this.db, entries, this.native);

  /**
   * PostgreSQL: the table's statistics taken again once this transaction has grown it enough
   * (growing-tables.ts), sent after the insert that grew it without waiting for either: the next
   * read waits for both, as it would for the insert alone, and is planned with the new statistics.
   * Awaited here, each ANALYZE stopped the process for its insert and its own time (70 ms at
   * 100 000 CIs), while it could plan the next batch (issue 14).
   */
  private async grew(table: 'ci_versions' | 'relation_versions', kinds: string[]): Promise<void> {
    const statistics = this.statistics;
    if (!statistics?.grew(table, kinds)) return;
    if (this.deferred) return this.deferred.sendAfterHeld(() => statistics.analyze(table));
    await statistics.analyze(table);
  }

  /**
   * Sends the writes held back, if any: before any other call on this transaction, after a
   * revision's events, and when the write's work returns (KyselyCmdbStore.write).
   */
  async flush(): Promise<void> {
    if (this.deferred && !this.deferred.empty) await this.deferred.flush();
  }

  /** Waits for the writes sent and not yet finished, whatever their outcome: before a failed write is rolled back. */
  async drain(): Promise<void> {
    await this.deferred?.drain();
  }
}
