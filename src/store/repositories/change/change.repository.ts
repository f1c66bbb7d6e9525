import { sql, type Kysely } from 'kysely';
import { approvalsFromRecords, historyFromRecords } from '../../../core/change/record-chain.js';
import type { Change } from '../../../core/change/change.types.js';
import { formatRef, parseRef } from '../../../core/ci/desired-state.js';
import type {
  ApprovalRecord,
  ChangeFacetCount,
  ChangeHeader,
  ChangeQuery,
  FailedChangeCounts,
  RecordCounts,
  TransitionRecord,
} from '../../../core/change/change.port.js';
import {
  approvalRow,
  changeRow,
  rowToApproval,
  rowToChange,
  rowToTransition,
  transitionRow,
} from '../../conversion/change.js';
import { convertError } from '../../conversion/errors.js';
import type { Database } from '../../database.js';
import { chunks, IN_CHUNK } from '../batching.js';
import { readRecordCounts, setRecordCount } from './record-counters.js';

const FAILED = ['failed', 'backed_out'];

/**
 * The SQL of changes: `changes`, the CIs each touches (`change_cis`), and their chained approval
 * and transition records, from which a change's approvals and history are rebuilt.
 */
export class ChangeRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async getChange(id: number): Promise<Change | undefined> {
    const row = await this.db.selectFrom('changes').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    return (await this.withRecords([rowToChange(row)]))[0];
  }

  async listChanges(q: ChangeQuery): Promise<Change[]> {
    let query = this.filtered(q).selectAll('changes').orderBy('changes.id', 'asc');
    if (q.afterId !== undefined) query = query.where('changes.id', '>', q.afterId);
    if (q.limit !== undefined) query = query.limit(q.limit);
    return this.withRecords((await query.execute()).map(rowToChange));
  }

  async countChanges(q: ChangeQuery): Promise<number> {
    const row = await this.filtered(q)
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * How many changes each state, type and risk level holds: one grouped count (status accounting).
   * `->` / `->>` read the risk inside the record's JSON on both engines (SQLite ≥ 3.38 and jsonb).
   */
  async countChangesByFacets(): Promise<ChangeFacetCount[]> {
    const risk = sql<string | null>`(data -> 'risk' ->> 'level')`;
    const rows = await this.db
      .selectFrom('changes')
      .select((eb) => ['state', 'type', risk.as('risk'), eb.fn.countAll<number | string | bigint>().as('n')])
      .groupBy(['state', 'type', risk])
      .execute();
    return rows.map((r) => ({ state: r.state, type: r.type, risk: r.risk ?? null, count: Number(r.n) }));
  }

  /** The changes table with the query's filters: what a listing and its count share. */
  private filtered(q: ChangeQuery) {
    let query = this.db.selectFrom('changes');
    if (q.states && q.states.length > 0) query = query.where('changes.state', 'in', q.states);
    if (q.types && q.types.length > 0) query = query.where('changes.type', 'in', q.types);
    if (q.requester !== undefined) query = query.where('changes.requester', '=', q.requester);
    if (q.from !== undefined) query = query.where('changes.window_end', '>', q.from);
    if (q.to !== undefined) query = query.where('changes.window_start', '<', q.to);
    if (q.ci !== undefined) {
      const ref = q.ci;
      query = query.where('changes.id', 'in', (sub) =>
        sub.selectFrom('change_cis').select('change_id').where('ref', '=', ref),
      );
    }
    return query;
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

  async lastApprovalRecord(): Promise<ApprovalRecord | undefined> {
    const row = await this.db
      .selectFrom('change_approvals')
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && rowToApproval(row);
  }

  async lastTransitionRecord(): Promise<TransitionRecord | undefined> {
    const row = await this.db
      .selectFrom('change_transitions')
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && rowToTransition(row);
  }

  async approvalRecords(afterSeq: number, limit: number): Promise<ApprovalRecord[]> {
    const rows = await this.db
      .selectFrom('change_approvals')
      .selectAll()
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map(rowToApproval);
  }

  async transitionRecords(afterSeq: number, limit: number): Promise<TransitionRecord[]> {
    const rows = await this.db
      .selectFrom('change_transitions')
      .selectAll()
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map(rowToTransition);
  }

  async changeHeaders(afterId: number, limit: number): Promise<ChangeHeader[]> {
    const rows = await this.db
      .selectFrom('changes')
      .selectAll()
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => {
      const c = rowToChange(r);
      return {
        id: r.id,
        state: c.state,
        columnState: r.state,
        planHash: c.planHash,
        columnPlanHash: r.plan_hash,
        plan: c.plan,
        implementedRevision: r.implemented_revision,
      };
    });
  }

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
    if (records.length === 0) return;
    await this.db.insertInto('change_approvals').values(records.map(approvalRow)).execute();
    await setRecordCount(this.db, 'approvals', records[records.length - 1]!.seq);
  }

  async appendTransitionRecords(records: TransitionRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.db.insertInto('change_transitions').values(records.map(transitionRow)).execute();
    await setRecordCount(this.db, 'transitions', records[records.length - 1]!.seq);
  }

  /** How many records each chain has had appended, for `audit verify`. */
  recordCounts(): Promise<RecordCounts> {
    return readRecordCounts(this.db);
  }

  /** Adds approvals and history, rebuilt from their records, to changes read from their rows. */
  private async withRecords(changes: Omit<Change, 'approvals' | 'history'>[]): Promise<Change[]> {
    const ids = changes.map((c) => c.id);
    const approvals: ApprovalRecord[] = [];
    const transitions: TransitionRecord[] = [];
    for (const part of chunks(ids, IN_CHUNK)) {
      if (part.length === 0) continue;
      const a = await this.db
        .selectFrom('change_approvals')
        .selectAll()
        .where('change_id', 'in', part)
        .orderBy('seq')
        .execute();
      const t = await this.db
        .selectFrom('change_transitions')
        .selectAll()
        .where('change_id', 'in', part)
        .orderBy('seq')
        .execute();
      approvals.push(...a.map(rowToApproval));
      transitions.push(...t.map(rowToTransition));
    }
    return changes.map((c) => ({
      ...c,
      approvals: approvalsFromRecords(approvals.filter((a) => a.changeId === c.id)),
      history: historyFromRecords(transitions.filter((t) => t.changeId === c.id)),
    }));
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
