import type { Kysely } from 'kysely';
import type { DriftStore, ScannedCi } from '../../../core/drift/drift.port.js';
import type { Database } from '../../database.js';
import { appendOutbox } from '../webhook/outbox.repository.js';
import { inWriteTransaction, WRITE_LOCKS } from '../../write-transaction.js';
import type { KyselyCmdbStore } from '../cmdb/cmdb.store.js';
import { cmdbRepositories, type CmdbRepositories } from '../cmdb/cmdb.repositories.js';
import { driftRepositories, type DriftRepositories } from './drift.repositories.js';

/**
 * The drift store (the DriftStore port) on the CMDB's database: drift's own tables, and the reads
 * of CI versions and revisions a drift check compares against. Writes that number rows max + 1
 * run in one transaction holding the drift write lock; the others are single statements.
 */
export class KyselyDriftStore implements DriftStore {
  private readonly cmdb: CmdbRepositories;
  private readonly repos: DriftRepositories;

  constructor(private readonly store: KyselyCmdbStore) {
    this.cmdb = cmdbRepositories({ db: store.kysely, engine: store.engine, native: store.native });
    this.repos = driftRepositories(store.kysely, store.engine);
  }

  /** Runs `work` on drift's repositories in one transaction holding the drift write lock. */
  private locked<T>(work: (repos: DriftRepositories, conn: Kysely<Database>) => Promise<T>): Promise<T> {
    return inWriteTransaction(this.store.kysely, this.store.engine, WRITE_LOCKS.drift, (conn) =>
      work(driftRepositories(conn, this.store.engine), conn),
    );
  }

  // What a check compares against: CI versions and revisions.
  /** `fromRows`: from how many CI rows a SQLite file's scan is read on a thread of its own (tests set it). */
  readonly scanCis = (query: Parameters<DriftStore['scanCis']>[0], fromRows?: number): AsyncIterable<ScannedCi[]> =>
    this.cmdb.cis.scanCis(query, fromRows);
  readonly pastVersions: DriftStore['pastVersions'] = (ciIds) => this.cmdb.cis.pastVersions(ciIds);
  readonly pastVersionsByRef: DriftStore['pastVersionsByRef'] = (refs) => this.cmdb.cis.pastVersionsByRef(refs);
  readonly changeRevisionsBetween: DriftStore['changeRevisionsBetween'] = (from, to) =>
    this.cmdb.revisions.changeRevisionsBetween(from, to);

  // Observations and findings.
  readonly saveCheck: DriftStore['saveCheck'] = (observation, findings, eventsOf) =>
    this.locked(async (r, conn) => {
      const saved = await r.findings.saveCheck(observation, findings);
      if (eventsOf) await appendOutbox(conn, eventsOf(saved));
      return saved;
    });
  readonly getObservation: DriftStore['getObservation'] = (id) => this.repos.findings.getObservation(id);
  readonly listFindings: DriftStore['listFindings'] = (query) => this.repos.findings.listFindings(query);
  readonly countFindings: DriftStore['countFindings'] = (query) => this.repos.findings.countFindings(query);
  readonly getFindings: DriftStore['getFindings'] = (ids) => this.repos.findings.getFindings(ids);
  readonly resolveFindings: DriftStore['resolveFindings'] = (ids, resolution) =>
    this.locked((r) => r.findings.resolveFindings(ids, resolution));

  // Suppressions, authority, reviews.
  readonly addSuppression: DriftStore['addSuppression'] = (rule, findingIds = []) =>
    this.locked(async (r) => {
      const added = await r.suppressions.addSuppression(rule);
      await r.findings.markSuppressed(findingIds, added.id);
      return added;
    });
  readonly listSuppressions: DriftStore['listSuppressions'] = (includeRemoved) =>
    this.repos.suppressions.listSuppressions(includeRemoved);
  readonly removeSuppression: DriftStore['removeSuppression'] = (id, by, at) =>
    this.repos.suppressions.removeSuppression(id, by, at);
  readonly latestAuthority: DriftStore['latestAuthority'] = () => this.repos.authority.latestAuthority();
  readonly saveAuthority: DriftStore['saveAuthority'] = (rules, hash, author, at) =>
    this.locked((r) => r.authority.saveAuthority(rules, hash, author, at));
  readonly flagForReview: DriftStore['flagForReview'] = (flag) => this.repos.reviews.flagForReview(flag);
  readonly pendingReviews: DriftStore['pendingReviews'] = () => this.repos.reviews.pendingReviews();
  readonly markReviewed: DriftStore['markReviewed'] = (rev, by, at, note) =>
    this.repos.reviews.markReviewed(rev, by, at, note);
}
