import type { Kysely } from 'kysely';
import type { ChangeWriter } from '../../../core/change/change.port.js';
import type { Database } from '../../database.js';
import { changeRepositories, type ChangeRepositories } from './change.repositories.js';

/**
 * Change enablement inside a CMDB write transaction (KyselyChangeStore.within): the ChangeWriter
 * port, each method the repository of its table on the transaction's connection, so that a
 * change's state, its records and the revision it implements commit together.
 */
export class ChangeTransaction implements ChangeWriter {
  private readonly repos: ChangeRepositories;

  constructor(db: Kysely<Database>) {
    this.repos = changeRepositories(db);
  }

  // Reads, in the transaction.
  readonly getChange: ChangeWriter['getChange'] = (id) => this.repos.changes.getChange(id);
  readonly listChanges: ChangeWriter['listChanges'] = (query) => this.repos.changes.listChanges(query);
  readonly countChanges: ChangeWriter['countChanges'] = (query) => this.repos.changes.countChanges(query);
  readonly failedChangeCounts: ChangeWriter['failedChangeCounts'] = (refs, classes, sinceIso) =>
    this.repos.changes.failedChangeCounts(refs, classes, sinceIso);
  readonly lastApprovalRecord: ChangeWriter['lastApprovalRecord'] = () => this.repos.changes.lastApprovalRecord();
  readonly lastTransitionRecord: ChangeWriter['lastTransitionRecord'] = () => this.repos.changes.lastTransitionRecord();
  readonly approvalRecords: ChangeWriter['approvalRecords'] = (afterSeq, limit) =>
    this.repos.changes.approvalRecords(afterSeq, limit);
  readonly transitionRecords: ChangeWriter['transitionRecords'] = (afterSeq, limit) =>
    this.repos.changes.transitionRecords(afterSeq, limit);
  readonly changeHeaders: ChangeWriter['changeHeaders'] = (afterId, limit) =>
    this.repos.changes.changeHeaders(afterId, limit);
  readonly recordCounts: ChangeWriter['recordCounts'] = () => this.repos.changes.recordCounts();
  readonly currentPolicy: ChangeWriter['currentPolicy'] = () => this.repos.policies.currentPolicy();
  readonly listPolicyVersions: ChangeWriter['listPolicyVersions'] = () => this.repos.policies.listPolicyVersions();
  readonly currentEnvironments: ChangeWriter['currentEnvironments'] = () =>
    this.repos.environments.currentEnvironments();
  readonly listEnvironmentVersions: ChangeWriter['listEnvironmentVersions'] = () =>
    this.repos.environments.listEnvironmentVersions();
  readonly getUser: ChangeWriter['getUser'] = (name) => this.repos.userGroups.getUser(name);
  readonly listUsers: ChangeWriter['listUsers'] = () => this.repos.userGroups.listUsers();
  readonly getGroup: ChangeWriter['getGroup'] = (name) => this.repos.userGroups.getGroup(name);
  readonly listGroups: ChangeWriter['listGroups'] = () => this.repos.userGroups.listGroups();
  readonly groupsOf: ChangeWriter['groupsOf'] = (user) => this.repos.userGroups.groupsOf(user);
  readonly listUnauthorized: ChangeWriter['listUnauthorized'] = (query) =>
    this.repos.unauthorized.listUnauthorized(query);
  readonly getUnauthorizedByRevision: ChangeWriter['getUnauthorizedByRevision'] = (revision) =>
    this.repos.unauthorized.getUnauthorizedByRevision(revision);

  // Writes.
  readonly nextChangeNumber: ChangeWriter['nextChangeNumber'] = () => this.repos.changes.nextChangeNumber();
  readonly insertChange: ChangeWriter['insertChange'] = (change) => this.repos.changes.insertChange(change);
  readonly updateChange: ChangeWriter['updateChange'] = (change) => this.repos.changes.updateChange(change);
  readonly appendApprovalRecords: ChangeWriter['appendApprovalRecords'] = (records) =>
    this.repos.changes.appendApprovalRecords(records);
  readonly appendTransitionRecords: ChangeWriter['appendTransitionRecords'] = (records) =>
    this.repos.changes.appendTransitionRecords(records);
  readonly insertPolicyVersion: ChangeWriter['insertPolicyVersion'] = (version) =>
    this.repos.policies.insertPolicyVersion(version);
  readonly insertEnvironmentVersion: ChangeWriter['insertEnvironmentVersion'] = (version) =>
    this.repos.environments.insertEnvironmentVersion(version);
  readonly upsertUser: ChangeWriter['upsertUser'] = (user) => this.repos.userGroups.upsertUser(user);
  readonly insertGroup: ChangeWriter['insertGroup'] = (group) => this.repos.userGroups.insertGroup(group);
  readonly setGroupMembers: ChangeWriter['setGroupMembers'] = (group, members) =>
    this.repos.userGroups.setGroupMembers(group, members);
  readonly addGroupMember: ChangeWriter['addGroupMember'] = (group, user) =>
    this.repos.userGroups.addGroupMember(group, user);
  readonly insertUnauthorized: ChangeWriter['insertUnauthorized'] = (record) =>
    this.repos.unauthorized.insertUnauthorized(record);
  readonly attachUnauthorized: ChangeWriter['attachUnauthorized'] = (id, change, by, at) =>
    this.repos.unauthorized.attachUnauthorized(id, change, by, at);
}
