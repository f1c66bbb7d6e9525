import type { ChangeStore, ChangeWriter } from '../../../core/change/change.port.js';
import type { CmdbWriter } from '../../../core/cmdb/cmdb.port.js';
import type { KyselyCmdbStore } from '../cmdb/cmdb.store.js';
import { CmdbTransaction } from '../cmdb/cmdb.transaction.js';
import { changeRepositories, type ChangeRepositories } from './change.repositories.js';
import { ChangeTransaction } from './change.transaction.js';

/**
 * The change store (the ChangeStore port) on the CMDB's database. Reads go to the repositories on
 * the connection pool; writes happen only `within` a CMDB write transaction, on its connection.
 */
export class KyselyChangeStore implements ChangeStore {
  private readonly repos: ChangeRepositories;

  constructor(store: KyselyCmdbStore) {
    this.repos = changeRepositories(store.kysely);
  }

  within(tx: CmdbWriter): ChangeWriter {
    if (!(tx instanceof CmdbTransaction))
      throw new Error('the change store needs a transaction of the Kysely CMDB store');
    return new ChangeTransaction(tx.db);
  }

  // Reads, on the pool.
  readonly getChange: ChangeStore['getChange'] = (id) => this.repos.changes.getChange(id);
  readonly listChanges: ChangeStore['listChanges'] = (query) => this.repos.changes.listChanges(query);
  readonly countChanges: ChangeStore['countChanges'] = (query) => this.repos.changes.countChanges(query);
  readonly countChangesByFacets: ChangeStore['countChangesByFacets'] = () => this.repos.changes.countChangesByFacets();
  readonly failedChangeCounts: ChangeStore['failedChangeCounts'] = (refs, classes, sinceIso) =>
    this.repos.changes.failedChangeCounts(refs, classes, sinceIso);
  readonly lastApprovalRecord: ChangeStore['lastApprovalRecord'] = () => this.repos.changes.lastApprovalRecord();
  readonly lastTransitionRecord: ChangeStore['lastTransitionRecord'] = () => this.repos.changes.lastTransitionRecord();
  readonly approvalRecords: ChangeStore['approvalRecords'] = (afterSeq, limit) =>
    this.repos.changes.approvalRecords(afterSeq, limit);
  readonly transitionRecords: ChangeStore['transitionRecords'] = (afterSeq, limit) =>
    this.repos.changes.transitionRecords(afterSeq, limit);
  readonly changeHeaders: ChangeStore['changeHeaders'] = (afterId, limit) =>
    this.repos.changes.changeHeaders(afterId, limit);
  readonly recordCounts: ChangeStore['recordCounts'] = () => this.repos.changes.recordCounts();
  readonly currentPolicy: ChangeStore['currentPolicy'] = () => this.repos.policies.currentPolicy();
  readonly listPolicyVersions: ChangeStore['listPolicyVersions'] = () => this.repos.policies.listPolicyVersions();
  readonly currentEnvironments: ChangeStore['currentEnvironments'] = () =>
    this.repos.environments.currentEnvironments();
  readonly listEnvironmentVersions: ChangeStore['listEnvironmentVersions'] = () =>
    this.repos.environments.listEnvironmentVersions();
  readonly getUser: ChangeStore['getUser'] = (name) => this.repos.userGroups.getUser(name);
  readonly listUsers: ChangeStore['listUsers'] = () => this.repos.userGroups.listUsers();
  readonly getGroup: ChangeStore['getGroup'] = (name) => this.repos.userGroups.getGroup(name);
  readonly listGroups: ChangeStore['listGroups'] = () => this.repos.userGroups.listGroups();
  readonly groupsOf: ChangeStore['groupsOf'] = (user) => this.repos.userGroups.groupsOf(user);
  readonly listUnauthorized: ChangeStore['listUnauthorized'] = (query) =>
    this.repos.unauthorized.listUnauthorized(query);
  readonly getUnauthorizedByRevision: ChangeStore['getUnauthorizedByRevision'] = (revision) =>
    this.repos.unauthorized.getUnauthorizedByRevision(revision);
}
