import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { CmdbWriter } from '../../../core/cmdb/cmdb.port.js';
import type { Database } from '../../database.js';
import type { Engine } from '../../engine.js';
import { SQLITE_CACHE_KIB, SQLITE_LARGE_WRITE_CACHE_KIB } from '../../sqlite-cache.js';
import { appendOutbox } from '../webhook/outbox.repository.js';
import type { GroupMemo } from '../../write-queue.js';
import { GroupedReads } from './grouped-reads.js';
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

  constructor(
    /** The transaction's connection. */
    readonly db: Kysely<Database>,
    engine: Engine,
    /** SQLite: the driver handle of that connection, for bulk inserts. */
    private readonly native?: BetterSqlite3.Database,
    /** Shared by the writes grouped in this transaction (write-queue.ts). */
    memo: GroupMemo = new Map(),
  ) {
    this.repos = cmdbRepositories({ db, engine, native });
    this.grouped = new GroupedReads(this.repos, engine, memo);
  }

  /** SQLite: a smaller page cache while a large import writes; PostgreSQL keeps no cache in this process. */
  largeWrite(on: boolean): void {
    if (on === this.large || !this.native) return;
    this.large = on;
    this.native.pragma(`cache_size = -${on ? SQLITE_LARGE_WRITE_CACHE_KIB : SQLITE_CACHE_KIB}`);
  }

  // Reads, in the transaction: what it wrote so far included.
  readonly head: CmdbWriter['head'] = () => this.grouped.head();
  readonly getRevision: CmdbWriter['getRevision'] = (rev) => this.repos.revisions.getRevision(rev);
  readonly revisionOfChange: CmdbWriter['revisionOfChange'] = (changeId) =>
    this.repos.revisions.revisionOfChange(changeId);
  readonly revisionAtTime: CmdbWriter['revisionAtTime'] = (iso) => this.repos.revisions.revisionAtTime(iso);
  readonly listRevisions: CmdbWriter['listRevisions'] = (query) => this.repos.revisions.listRevisions(query);
  readonly getBaseline: CmdbWriter['getBaseline'] = (name) => this.repos.revisions.getBaseline(name);
  readonly listBaselines: CmdbWriter['listBaselines'] = () => this.repos.revisions.listBaselines();
  readonly getCisByRef: CmdbWriter['getCisByRef'] = (refs, at) => this.repos.cis.getCisByRef(refs, at);
  readonly getCisById: CmdbWriter['getCisById'] = (ids, at) => this.repos.cis.getCisById(ids, at);
  readonly currentCiDigests: CmdbWriter['currentCiDigests'] = (refs) => this.repos.cis.currentCiDigests(refs);
  readonly listCis: CmdbWriter['listCis'] = (query) => this.repos.cis.listCis(query);
  readonly getLatestCisById: CmdbWriter['getLatestCisById'] = (ids) => this.repos.cis.getLatestCisById(ids);
  readonly getLatestCiByRef: CmdbWriter['getLatestCiByRef'] = (ref) => this.repos.cis.getLatestCiByRef(ref);
  readonly countCis: CmdbWriter['countCis'] = (filter) => this.repos.cis.countCis(filter);
  readonly countCisByClass: CmdbWriter['countCisByClass'] = () => this.repos.cis.countCisByClass();
  readonly countCisByFacets: CmdbWriter['countCisByFacets'] = (at) => this.repos.cis.countCisByFacets(at);
  readonly scanCurrentCis: CmdbWriter['scanCurrentCis'] = (pageSize) => this.repos.cis.scanCurrentCis(pageSize);
  readonly getRelationsByKey: CmdbWriter['getRelationsByKey'] = (keys, at) =>
    this.repos.relations.getRelationsByKey(keys, at);
  readonly currentRelationDigests: CmdbWriter['currentRelationDigests'] = (sourceIds) =>
    this.repos.relations.currentRelationDigests(sourceIds);
  readonly getRelationsTouching: CmdbWriter['getRelationsTouching'] = (ciIds, at) =>
    this.repos.relations.getRelationsTouching(ciIds, at);
  readonly getImpactEdges: CmdbWriter['getImpactEdges'] = (roots, maxDepth, follow, at) =>
    this.repos.impactEdges.getImpactEdges(roots, maxDepth, follow, at);
  readonly listRelations: CmdbWriter['listRelations'] = (query) => this.repos.relations.listRelations(query);
  readonly scanCurrentRelations: CmdbWriter['scanCurrentRelations'] = (pageSize) =>
    this.repos.relations.scanCurrentRelations(pageSize);
  readonly modelVersions: CmdbWriter['modelVersions'] = (at) => this.repos.model.modelVersions(at);
  readonly modelRevision: CmdbWriter['modelRevision'] = () => this.grouped.modelRevision();
  readonly versionsChangedBetween: CmdbWriter['versionsChangedBetween'] = (fromRev, toRev) =>
    this.repos.history.versionsChangedBetween(fromRev, toRev);
  readonly versionChainsBetween: CmdbWriter['versionChainsBetween'] = (fromRev, toRev) =>
    this.repos.history.versionChainsBetween(fromRev, toRev);
  readonly revisionsIn: CmdbWriter['revisionsIn'] = (revs) => this.repos.revisions.revisionsIn(revs);
  readonly revisionWrites: CmdbWriter['revisionWrites'] = (rev) => this.repos.history.revisionWrites(rev);
  readonly revisionHashPages: CmdbWriter['revisionHashPages'] = (rev, pageSize) =>
    this.repos.hashPages.revisionHashPages(rev, pageSize);
  readonly versionsOutsideChain: CmdbWriter['versionsOutsideChain'] = (head, limit) =>
    this.repos.history.versionsOutsideChain(head, limit);
  readonly listUnresolvedRefs: CmdbWriter['listUnresolvedRefs'] = (query) =>
    this.repos.unresolved.listUnresolvedRefs(query);
  readonly replaceUnresolvedRefs: CmdbWriter['replaceUnresolvedRefs'] = (source, refs) =>
    this.repos.unresolved.replaceUnresolvedRefs(source, refs);
  readonly unresolvedRefsAwaiting: CmdbWriter['unresolvedRefsAwaiting'] = (missing) =>
    this.repos.unresolved.unresolvedRefsAwaiting(missing);
  readonly markUnresolvedRefsResolved: CmdbWriter['markUnresolvedRefsResolved'] = (ids, rev, at) =>
    this.repos.unresolved.markUnresolvedRefsResolved(ids, rev, at);

  // Writes.
  readonly insertRevision: CmdbWriter['insertRevision'] = (revision) => this.grouped.insertRevision(revision);
  readonly insertBaseline: CmdbWriter['insertBaseline'] = (baseline) => this.repos.revisions.insertBaseline(baseline);
  readonly endCiVersions: CmdbWriter['endCiVersions'] = (ids, rev) => this.repos.cis.endCiVersions(ids, rev);
  readonly insertCiVersions: CmdbWriter['insertCiVersions'] = (rows) => this.repos.cis.insertCiVersions(rows);
  readonly endRelationVersions: CmdbWriter['endRelationVersions'] = (ids, rev) =>
    this.repos.relations.endRelationVersions(ids, rev);
  readonly insertRelationVersions: CmdbWriter['insertRelationVersions'] = (rows) =>
    this.repos.relations.insertRelationVersions(rows);
  readonly endModelVersions: CmdbWriter['endModelVersions'] = (keys, rev) => this.grouped.endModelVersions(keys, rev);
  readonly insertModelVersions: CmdbWriter['insertModelVersions'] = (rows) => this.grouped.insertModelVersions(rows);
  readonly appendEvents: CmdbWriter['appendEvents'] = (entries) => appendOutbox(this.db, entries);
}
