import type { Kysely } from 'kysely';
import type { Change } from '../core/change/change.types.js';
import { formatRef, parseRef } from '../core/ci/desired-state.js';
import type { CmdbWriter } from '../core/ports/cmdb-store.port.js';
import type {
  ApprovalRecord,
  ChangeStore,
  ChangeWriter,
  PolicyVersion,
  TransitionRecord,
  UnauthorizedRecord,
  UserRecord,
} from '../core/ports/change-store.port.js';
import { NotFoundError } from '../core/shared/errors.js';
import { ChangeQueries } from './change.queries.js';
import { approvalRow, changeRow, rowToUnauthorized, transitionRow } from './change.rows.js';
import type { Database } from './database.js';
import { CmdbQueries } from './cmdb.queries.js';
import type { KyselyCmdbStore } from './connect.js';
import { convertError } from './conversion.js';

/** Writes of change enablement; only ever used inside a CMDB write transaction. */
export class ChangeWrites extends ChangeQueries implements ChangeWriter {
  async nextChangeNumber(): Promise<number> {
    // The counter row is read and bumped under the CMDB write lock, so numbers never repeat.
    const row = await this.db.selectFrom('counters').select('value').where('name', '=', 'change').executeTakeFirst();
    const next = (row?.value ?? 0) + 1;
    if (row) await this.db.updateTable('counters').set({ value: next }).where('name', '=', 'change').execute();
    else await this.db.insertInto('counters').values({ name: 'change', value: next }).execute();
    return next;
  }

  async insertChange(change: Change): Promise<void> {
    try {
      await this.db.insertInto('changes').values(changeRow(change)).execute();
    } catch (e) {
      convertError(e, change.ref);
    }
    await this.saveTouched(change);
  }

  async updateChange(change: Change): Promise<void> {
    const { id: _id, ...row } = changeRow(change);
    await this.db.updateTable('changes').set(row).where('id', '=', change.id).execute();
    await this.db.deleteFrom('change_cis').where('change_id', '=', change.id).execute();
    await this.saveTouched(change);
  }

  async appendApprovalRecords(records: ApprovalRecord[]): Promise<void> {
    if (records.length > 0) await this.db.insertInto('change_approvals').values(records.map(approvalRow)).execute();
  }

  async appendTransitionRecords(records: TransitionRecord[]): Promise<void> {
    if (records.length > 0) await this.db.insertInto('change_transitions').values(records.map(transitionRow)).execute();
  }

  async insertPolicyVersion(v: PolicyVersion): Promise<void> {
    await this.db
      .insertInto('policy_versions')
      .values({ version: v.version, policy: JSON.stringify(v.policy), applied_at: v.appliedAt, applied_by: v.appliedBy, hash: v.hash, prev_hash: v.prevHash })
      .execute();
  }

  async upsertUser(u: UserRecord): Promise<void> {
    const row = { name: u.name, email: u.email, display_name: u.displayName, created_at: u.createdAt };
    const exists = await this.getUser(u.name);
    if (exists) await this.db.updateTable('users').set({ email: u.email, display_name: u.displayName }).where('name', '=', u.name).execute();
    else await this.db.insertInto('users').values(row).execute();
  }

  async insertGroup(group: { name: string; description: string | null }): Promise<void> {
    try {
      await this.db.insertInto('user_groups').values(group).execute();
    } catch (e) {
      convertError(e, `group ${group.name}`);
    }
  }

  async setGroupMembers(group: string, members: string[]): Promise<void> {
    if (!(await this.getGroup(group))) await this.insertGroup({ name: group, description: null });
    await this.db.deleteFrom('group_members').where('group_name', '=', group).execute();
    const unique = [...new Set(members)];
    if (unique.length > 0) await this.db.insertInto('group_members').values(unique.map((user_name) => ({ group_name: group, user_name }))).execute();
  }

  async addGroupMember(group: string, user: string): Promise<void> {
    const current = await this.getGroup(group);
    if (!current) throw new NotFoundError('GROUP_NOT_FOUND', `group ${group} does not exist: create it with \`cairn group add ${group}\``);
    if (!current.members.includes(user)) await this.db.insertInto('group_members').values({ group_name: group, user_name: user }).execute();
  }

  async insertUnauthorized(record: Omit<UnauthorizedRecord, 'id'>): Promise<UnauthorizedRecord> {
    const last = await this.db.selectFrom('unauthorized_changes').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
    const id = (last?.id ?? 0) + 1;
    await this.db
      .insertInto('unauthorized_changes')
      .values({
        id,
        revision: record.revision,
        author: record.author,
        reason: record.reason,
        at: record.at,
        cis: JSON.stringify(record.cis),
        retrospective_change: record.retrospectiveChange,
        attached_by: record.attachedBy,
        attached_at: record.attachedAt,
      })
      .execute();
    const row = await this.db.selectFrom('unauthorized_changes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return rowToUnauthorized(row);
  }

  async attachUnauthorized(id: number, change: string, by: string, at: string): Promise<void> {
    await this.db.updateTable('unauthorized_changes').set({ retrospective_change: change, attached_by: by, attached_at: at }).where('id', '=', id).execute();
  }

  /** The CIs a change's plan touches, indexed for `list --ci` and the failed-change history. */
  private async saveTouched(change: Change): Promise<void> {
    const refs = new Map<string, string>();
    for (const ci of change.plan.cis) refs.set(formatRef(ci), ci.class);
    for (const text of change.plan.delete?.cis ?? []) {
      const ref = parseRef(text);
      if (ref) refs.set(text, ref.class);
    }
    const rows = [...refs].map(([ref, cls]) => ({ change_id: change.id, ref, class: cls }));
    if (rows.length > 0) await this.db.insertInto('change_cis').values(rows).execute();
  }
}

/**
 * The connection of a CMDB transaction. CmdbWrites keeps it protected; the store layer, which made
 * it, reaches it by element access (TypeScript's escape hatch) to run change SQL in the same
 * transaction.
 */
function connectionOf(q: CmdbQueries): Kysely<Database> {
  return q['db'];
}

/** The change store on the same database (and, for writes, the same transaction) as the CMDB. */
export class KyselyChangeStore extends ChangeQueries implements ChangeStore {
  constructor(store: KyselyCmdbStore) {
    super(store.kysely, store.engine);
  }

  within(tx: CmdbWriter): ChangeWriter {
    if (!(tx instanceof CmdbQueries)) throw new Error('the change store needs a transaction of the Kysely CMDB store');
    return new ChangeWrites(connectionOf(tx), this.engine);
  }
}
