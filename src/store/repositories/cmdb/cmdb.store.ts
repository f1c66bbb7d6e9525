import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { CmdbStore, CmdbWriter } from '../../../core/cmdb/cmdb.port.js';
import type { GraphSnapshot } from '../../../core/graph/graph-sync.js';
import type { Database } from '../../database.js';
import type { Engine } from '../../engine.js';
import { WRITE_LOCKS } from '../../write-transaction.js';
import { WriteQueue } from '../../write-queue.js';
import { sqliteChangeStamp } from './change-stamp.js';
import { cmdbRepositories, type CmdbRepositories } from './cmdb.repositories.js';
import { CmdbTransaction } from './cmdb.transaction.js';
import { ENDED_FOR_STATISTICS, statisticsWithoutEnded } from './ended-statistics.js';
import { readCurrentGraph } from './graph-snapshot.js';
import { analyzeTables, FILTERED_COLUMNS, VERSION_TABLES, type VersionTable } from './growing-tables.js';

/**
 * The CMDB store (the CmdbStore port) on one database of either engine. Reads go to the
 * repositories of each table on the connection pool; `write` runs its work in one transaction
 * holding the CMDB write lock, on a CmdbTransaction. Opened by `openStore` (connect.ts).
 */
export class KyselyCmdbStore implements CmdbStore {
  private readonly repos: CmdbRepositories;
  private readonly closers: (() => Promise<void>)[] = [];
  private readonly writes: WriteQueue;
  /** PostgreSQL: statistics being taken after a write, not waited for by it. */
  private statisticsPending: Promise<void> | undefined;

  constructor(
    readonly kysely: Kysely<Database>,
    readonly engine: Engine,
    /** SQLite only: the driver's handle, for bulk inserts through one prepared statement and reads as arrays. */
    readonly native?: BetterSqlite3.Database,
  ) {
    this.repos = cmdbRepositories({ db: kysely, engine, native });
    this.writes = new WriteQueue(kysely, engine, WRITE_LOCKS.cmdb, native);
  }

  /**
   * Runs `work` in one transaction holding the CMDB's write lock (across processes), so that
   * revision numbers are allocated without gaps or forks; rolls back if `work` throws. Writes
   * issued while another runs are grouped into one transaction, each in its own savepoint
   * (write-queue.ts): each still fails or succeeds alone, and is answered once committed.
   */
  async write<T>(work: (tx: CmdbWriter) => Promise<T>): Promise<T> {
    let large = false;
    let ended: Record<VersionTable, number> = { ci_versions: 0, relation_versions: 0 };
    const result = await this.writes.run(async (conn, memo) => {
      const tx = new CmdbTransaction(conn, this.engine, this.native, memo);
      try {
        const result = await work(tx);
        // Inside the write's own savepoint: a held-back write that fails is this write's failure.
        await tx.flush();
        return result;
      } catch (e) {
        await tx.drain();
        throw e;
      } finally {
        large = tx.wroteLarge;
        ended = tx.endedVersions;
      }
    });
    if (large) await this.refreshStatistics();
    else {
      const manyEnded = VERSION_TABLES.filter((t) => ended[t] >= ENDED_FOR_STATISTICS);
      if (manyEnded.length > 0) this.refreshStatisticsLater(manyEnded);
    }
    return result;
  }

  /**
   * PostgreSQL: the planner's statistics of the version tables, taken again after a large import
   * has committed. Until autovacuum gets to them (a minute or more later, or never where it is
   * off) the planner sees tables with no statistics or those of a far smaller CMDB, and chose
   * plans to match: impact as of a past revision at 100 000 CIs took 420 ms instead of 8 ms
   * (issue 14). ANALYZE samples a bounded number of rows, under a second at a million CIs. It
   * takes the columns queries filter on (FILTERED_COLUMNS): the JSON columns were half of a whole
   * ANALYZE (both tables at 100 000 CIs: 290–337 ms against 782–788 ms) and steer no plan. The
   * import has committed by then: a failure here is not the write's, and autovacuum remains.
   */
  private async refreshStatistics(): Promise<void> {
    if (this.engine !== 'postgres') return;
    try {
      await analyzeTables(this.kysely, VERSION_TABLES, FILTERED_COLUMNS);
    } catch {
      // Statistics are a help to the planner, never a condition of the write.
    }
  }

  /**
   * After a write that ended many versions of `tables`, without the write waiting: the statistics
   * of those of them that know of no ended version are taken again (ended-statistics.ts). The
   * write's answer is ready, and the statistics only help the reads that come later. One at a
   * time; the store's close waits for it.
   */
  private refreshStatisticsLater(tables: readonly VersionTable[]): void {
    if (this.engine !== 'postgres' || this.statisticsPending) return;
    this.statisticsPending = this.analyzeWithoutEnded(tables).finally(() => (this.statisticsPending = undefined));
  }

  private async analyzeWithoutEnded(tables: readonly VersionTable[]): Promise<void> {
    try {
      const due = await statisticsWithoutEnded(this.kysely, tables);
      if (due.length > 0) await analyzeTables(this.kysely, due);
    } catch {
      // Statistics are a help to the planner, never a condition of the write.
    }
  }

  /**
   * Waits for the work the store does in the background after writes: PostgreSQL's statistics
   * after a large write; on SQLite, the WAL copied back into the database file, as the checkpoint
   * thread does once a second. Until then a read must look past the database file into the WAL's
   * newest frames: a diff taken within a second of 11 000 single changes had a p95 of 20.5–23 ms,
   * against 11.5–13.5 once they were copied back (issue 14). What the bench waits for between its
   * cases, so that none is timed with the last one's background work.
   */
  async settle(): Promise<void> {
    await this.statisticsPending;
    // PASSIVE: copies what no reader still needs, never waits for or blocks a writer.
    if (this.engine === 'sqlite') await sql`pragma wal_checkpoint(PASSIVE)`.execute(this.kysely);
  }

  /** CmdbStore.changeStamp: SQLite's data version and this connection's changes (change-stamp.ts). */
  changeStamp(): number | undefined {
    return this.native ? sqliteChangeStamp(this.native) : undefined;
  }

  /** Runs `stop` when the store closes (background work tied to this store). */
  onClose(stop: () => Promise<void>): void {
    this.closers.push(stop);
  }

  async close(): Promise<void> {
    await this.statisticsPending;
    for (const stop of this.closers.splice(0)) await stop();
    await this.kysely.destroy();
  }

  // Reads, on the pool: each one statement (or a few), none in a transaction.
  readonly head: CmdbStore['head'] = () => this.repos.revisions.head();
  /** The graph's catch-up (GraphSource.headAndModelRevision): the head and the model's revision in one statement. */
  readonly headAndModelRevision = () => this.repos.revisions.headAndModelRevision();
  readonly getRevision: CmdbStore['getRevision'] = (rev) => this.repos.revisions.getRevision(rev);
  readonly revisionOfChange: CmdbStore['revisionOfChange'] = (changeId) =>
    this.repos.revisions.revisionOfChange(changeId);
  readonly revisionAtTime: CmdbStore['revisionAtTime'] = (iso) => this.repos.revisions.revisionAtTime(iso);
  readonly listRevisions: CmdbStore['listRevisions'] = (query) => this.repos.revisions.listRevisions(query);
  readonly getBaseline: CmdbStore['getBaseline'] = (name) => this.repos.revisions.getBaseline(name);
  readonly listBaselines: CmdbStore['listBaselines'] = () => this.repos.revisions.listBaselines();
  readonly getCisByRef: CmdbStore['getCisByRef'] = (refs, at) => this.repos.cis.getCisByRef(refs, at);
  readonly getCisById: CmdbStore['getCisById'] = (ids, at) => this.repos.cis.getCisById(ids, at);
  readonly getCiRefsById: CmdbStore['getCiRefsById'] = (ids, at) => this.repos.cis.getCiRefsById(ids, at);
  readonly currentCiDigests: CmdbStore['currentCiDigests'] = (refs) => this.repos.cis.currentCiDigests(refs);
  readonly currentCiHashes: CmdbStore['currentCiHashes'] = (refs) => this.repos.cis.currentCiHashes(refs);
  readonly listCis: CmdbStore['listCis'] = (query) => this.repos.cis.listCis(query);
  readonly getLatestCisById: CmdbStore['getLatestCisById'] = (ids) => this.repos.cis.getLatestCisById(ids);
  readonly getLatestCiByRef: CmdbStore['getLatestCiByRef'] = (ref) => this.repos.cis.getLatestCiByRef(ref);
  readonly countCis: CmdbStore['countCis'] = (filter) => this.repos.cis.countCis(filter);
  readonly countCisByClass: CmdbStore['countCisByClass'] = () => this.repos.cis.countCisByClass();
  readonly countCisByFacets: CmdbStore['countCisByFacets'] = (at) => this.repos.cis.countCisByFacets(at);
  readonly scanCurrentCis: CmdbStore['scanCurrentCis'] = (pageSize) => this.repos.cis.scanCurrentCis(pageSize);
  readonly getRelationsByKey: CmdbStore['getRelationsByKey'] = (keys, at) =>
    this.repos.relations.getRelationsByKey(keys, at);
  readonly currentRelationsBySource: CmdbStore['currentRelationsBySource'] = (sourceIds, withHashes) =>
    this.repos.relations.currentRelationsBySource(sourceIds, withHashes);
  readonly getRelationsTouching: CmdbStore['getRelationsTouching'] = (ciIds, at) =>
    this.repos.relations.getRelationsTouching(ciIds, at);
  readonly getImpactEdges: CmdbStore['getImpactEdges'] = (roots, maxDepth, follow, at) =>
    this.repos.impactEdges.getImpactEdges(roots, maxDepth, follow, at);
  readonly listRelations: CmdbStore['listRelations'] = (query) => this.repos.relations.listRelations(query);
  readonly scanCurrentRelations: CmdbStore['scanCurrentRelations'] = (pageSize) =>
    this.repos.relations.scanCurrentRelations(pageSize);
  /** The graph's load (GraphSource.scanCurrentNameTexts): the current CIs' names as a text per page. */
  readonly scanCurrentNameTexts = (pageSize: number): AsyncIterable<string> =>
    this.repos.cis.scanCurrentNameTexts(pageSize);
  /** The graph's load (GraphSource.scanCurrentEdgeTexts): the current relationships as a text per page. */
  readonly scanCurrentEdgeTexts = (pageSize: number): AsyncIterable<string> =>
    this.repos.relations.scanCurrentEdgeTexts(pageSize);
  /** The graph's load (GraphSource.readCurrentGraph): SQLite files only, on a thread of its own. */
  readonly readCurrentGraph = (pageSize: number, fromRows?: number): Promise<GraphSnapshot | undefined> =>
    readCurrentGraph({ db: this.kysely, engine: this.engine, native: this.native }, pageSize, fromRows);
  readonly modelVersions: CmdbStore['modelVersions'] = (at) => this.repos.model.modelVersions(at);
  readonly modelRevision: CmdbStore['modelRevision'] = () => this.repos.model.modelRevision();
  readonly versionsChangedBetween: CmdbStore['versionsChangedBetween'] = (fromRev, toRev) =>
    this.repos.history.versionsChangedBetween(fromRev, toRev);
  readonly graphChangesBetween: CmdbStore['graphChangesBetween'] = (fromRev, toRev, pageSize) =>
    this.repos.history.graphChangesBetween(fromRev, toRev, pageSize);
  readonly versionChainsBetween: CmdbStore['versionChainsBetween'] = (fromRev, toRev) =>
    this.repos.history.versionChainsBetween(fromRev, toRev);
  readonly revisionsIn: CmdbStore['revisionsIn'] = (revs) => this.repos.revisions.revisionsIn(revs);
  readonly revisionWrites: CmdbStore['revisionWrites'] = (rev) => this.repos.history.revisionWrites(rev);
  readonly versionsOutsideChain: CmdbStore['versionsOutsideChain'] = (head, limit) =>
    this.repos.history.versionsOutsideChain(head, limit);
  readonly listUnresolvedRefs: CmdbStore['listUnresolvedRefs'] = (query) =>
    this.repos.unresolved.listUnresolvedRefs(query);
}
