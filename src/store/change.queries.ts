import type { Kysely } from 'kysely';
import { approvalsFromRecords, historyFromRecords } from '../core/change/change-records.js';
import type { Change } from '../core/change/change.types.js';
import type {
  ApprovalRecord,
  ChangeHeader,
  ChangeQuery,
  ChangeReader,
  FailedChangeCounts,
  GroupRecord,
  PolicyVersion,
  TransitionRecord,
  UnauthorizedRecord,
  UserRecord,
} from '../core/ports/change-store.port.js';
import { rowToApproval, rowToChange, rowToPolicy, rowToTransition, rowToUnauthorized, rowToUser } from './change.rows.js';
import type { Database } from './database.js';
import { chunks } from './conversion.js';
import { IN_CHUNK } from './cmdb.queries.js';
import type { Engine } from './engine.js';

const FAILED = ['failed', 'backed_out'];

/** Read queries of change enablement, shared by both engines. */
export class ChangeQueries implements ChangeReader {
  constructor(
    protected readonly db: Kysely<Database>,
    readonly engine: Engine,
  ) {}

  async getChange(id: number): Promise<Change | undefined> {
    const row = await this.db.selectFrom('changes').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    return (await this.withRecords([rowToChange(row)]))[0];
  }

  async listChanges(q: ChangeQuery): Promise<Change[]> {
    let query = this.db.selectFrom('changes').selectAll('changes').orderBy('changes.id', 'asc');
    if (q.states && q.states.length > 0) query = query.where('changes.state', 'in', q.states);
    if (q.types && q.types.length > 0) query = query.where('changes.type', 'in', q.types);
    if (q.requester !== undefined) query = query.where('changes.requester', '=', q.requester);
    if (q.from !== undefined) query = query.where('changes.window_end', '>', q.from);
    if (q.to !== undefined) query = query.where('changes.window_start', '<', q.to);
    if (q.ci !== undefined) {
      const ref = q.ci;
      query = query.where('changes.id', 'in', (sub) => sub.selectFrom('change_cis').select('change_id').where('ref', '=', ref));
    }
    if (q.limit !== undefined) query = query.limit(q.limit);
    return this.withRecords((await query.execute()).map(rowToChange));
  }

  async failedChangeCounts(refs: string[], classes: string[], sinceIso: string): Promise<FailedChangeCounts> {
    if (refs.length === 0 && classes.length === 0) return { sameCis: 0, sameClasses: 0 };
    const rows = await this.db
      .selectFrom('change_cis')
      .innerJoin('changes', 'changes.id', 'change_cis.change_id')
      .select(['change_cis.change_id as id', 'change_cis.ref as ref', 'change_cis.class as cls'])
      .where((eb) => eb.or([eb('changes.state', 'in', FAILED), eb('changes.outcome', 'in', FAILED)]))
      .where('changes.updated_at', '>=', sinceIso)
      .execute();
    const onCis = new Set(rows.filter((r) => refs.includes(r.ref)).map((r) => r.id));
    const onClasses = new Set(rows.filter((r) => classes.includes(r.cls) && !onCis.has(r.id)).map((r) => r.id));
    return { sameCis: onCis.size, sameClasses: onClasses.size };
  }

  async currentPolicy(): Promise<PolicyVersion | undefined> {
    const row = await this.db.selectFrom('policy_versions').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst();
    return row && rowToPolicy(row);
  }

  async listPolicyVersions(): Promise<PolicyVersion[]> {
    return (await this.db.selectFrom('policy_versions').selectAll().orderBy('version', 'asc').execute()).map(rowToPolicy);
  }

  async getUser(name: string): Promise<UserRecord | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
    return row && rowToUser(row);
  }

  async listUsers(): Promise<UserRecord[]> {
    return (await this.db.selectFrom('users').selectAll().orderBy('name').execute()).map(rowToUser);
  }

  async getGroup(name: string): Promise<GroupRecord | undefined> {
    const row = await this.db.selectFrom('user_groups').selectAll().where('name', '=', name).executeTakeFirst();
    if (!row) return undefined;
    const members = await this.db.selectFrom('group_members').select('user_name').where('group_name', '=', name).orderBy('user_name').execute();
    return { name: row.name, description: row.description, members: members.map((m) => m.user_name) };
  }

  async listGroups(): Promise<GroupRecord[]> {
    const groups = await this.db.selectFrom('user_groups').selectAll().orderBy('name').execute();
    const members = await this.db.selectFrom('group_members').selectAll().orderBy('user_name').execute();
    return groups.map((g) => ({
      name: g.name,
      description: g.description,
      members: members.filter((m) => m.group_name === g.name).map((m) => m.user_name),
    }));
  }

  async groupsOf(user: string): Promise<string[]> {
    const rows = await this.db.selectFrom('group_members').select('group_name').where('user_name', '=', user).orderBy('group_name').execute();
    return rows.map((r) => r.group_name);
  }

  async listUnauthorized(query: { open?: boolean }): Promise<UnauthorizedRecord[]> {
    let q = this.db.selectFrom('unauthorized_changes').selectAll().orderBy('id', 'asc');
    if (query.open === true) q = q.where('retrospective_change', 'is', null);
    return (await q.execute()).map(rowToUnauthorized);
  }

  async getUnauthorizedByRevision(revision: number): Promise<UnauthorizedRecord | undefined> {
    const row = await this.db.selectFrom('unauthorized_changes').selectAll().where('revision', '=', revision).executeTakeFirst();
    return row && rowToUnauthorized(row);
  }

  async lastApprovalRecord(): Promise<ApprovalRecord | undefined> {
    const row = await this.db.selectFrom('change_approvals').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
    return row && rowToApproval(row);
  }

  async lastTransitionRecord(): Promise<TransitionRecord | undefined> {
    const row = await this.db.selectFrom('change_transitions').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
    return row && rowToTransition(row);
  }

  async approvalRecords(afterSeq: number, limit: number): Promise<ApprovalRecord[]> {
    const rows = await this.db.selectFrom('change_approvals').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
    return rows.map(rowToApproval);
  }

  async transitionRecords(afterSeq: number, limit: number): Promise<TransitionRecord[]> {
    const rows = await this.db.selectFrom('change_transitions').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
    return rows.map(rowToTransition);
  }

  async changeHeaders(afterId: number, limit: number): Promise<ChangeHeader[]> {
    const rows = await this.db.selectFrom('changes').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
    return rows.map((r) => {
      const c = rowToChange(r);
      return { id: r.id, state: c.state, columnState: r.state, planHash: c.planHash, columnPlanHash: r.plan_hash, plan: c.plan };
    });
  }

  /** Adds approvals and history, rebuilt from their records, to changes read from their rows. */
  private async withRecords(changes: Omit<Change, 'approvals' | 'history'>[]): Promise<Change[]> {
    const ids = changes.map((c) => c.id);
    const approvals: ApprovalRecord[] = [];
    const transitions: TransitionRecord[] = [];
    for (const part of chunks(ids, IN_CHUNK)) {
      if (part.length === 0) continue;
      const a = await this.db.selectFrom('change_approvals').selectAll().where('change_id', 'in', part).orderBy('seq').execute();
      const t = await this.db.selectFrom('change_transitions').selectAll().where('change_id', 'in', part).orderBy('seq').execute();
      approvals.push(...a.map(rowToApproval));
      transitions.push(...t.map(rowToTransition));
    }
    return changes.map((c) => ({
      ...c,
      approvals: approvalsFromRecords(approvals.filter((a) => a.changeId === c.id)),
      history: historyFromRecords(transitions.filter((t) => t.changeId === c.id)),
    }));
  }
}
