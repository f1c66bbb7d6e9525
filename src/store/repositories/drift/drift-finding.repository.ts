import type { Insertable, Kysely, SelectQueryBuilder } from 'kysely';
import {
  findingRef,
  observationRef,
  type Finding,
  type FindingFilter,
  type FindingQuery,
  type NewFinding,
  type Observation,
  type Resolution,
} from '../../../core/drift/drift.types.js';
import { findingRow, observationRow, rowToFinding, rowToObservation } from '../../conversion/drift.js';
import { copyRowObjects } from '../../copy-rows.js';
import type { Database } from '../../database.js';
import type { Engine } from '../../engine.js';
import { chunks, IN_CHUNK } from '../batching.js';
import type { DriftFindingsTable } from './drift.table.js';
import { nextNumber } from './next-number.js';

/** Finding rows per INSERT on SQLite: 19 columns × 400 rows stays under its parameter limit. */
const INSERT_CHUNK = 400;

/** Finding rows per COPY on PostgreSQL. */
const COPY_CHUNK = 5000;

/** The SQL of drift checks: `drift_observations` and the `drift_findings` each one raised. */
export class DriftFindingRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: Engine,
  ) {}

  /**
   * Saves an observation and its findings, numbered max + 1 (so only under the drift write lock);
   * the source's findings still open are resolved as superseded by it.
   */
  async saveCheck(
    observation: Omit<Observation, 'id'>,
    findings: NewFinding[],
  ): Promise<{ observation: Observation; findings: Finding[] }> {
    const obsNumber = await nextNumber(this.db, 'drift_observations');
    const saved: Observation = { id: observationRef(obsNumber), ...observation };
    await this.db.insertInto('drift_observations').values(observationRow(saved, obsNumber)).execute();
    await this.db
      .updateTable('drift_findings')
      .set({
        state: 'resolved',
        resolution_kind: 'superseded',
        resolved_by: saved.author,
        resolved_at: saved.checkedAt,
        resolution_ref: saved.id,
      })
      .where('state', '=', 'open')
      .where('source', '=', saved.source)
      .execute();
    const first = await nextNumber(this.db, 'drift_findings');
    const stored: Finding[] = findings.map((f, i) => ({
      ...f,
      id: findingRef(first + i),
      observationId: saved.id,
      state: 'open',
    }));
    await this.insertFindings(stored.map((f, i) => findingRow(f, first + i, obsNumber)));
    return { observation: saved, findings: stored };
  }

  /**
   * A check's findings (10 000 at a million observed items, where 1 % differ): on PostgreSQL by
   * COPY (copy-rows.ts), with which saving a check of 10 000 findings took 350–470 ms against
   * 600–720 ms by INSERTs of 400 rows (issue 14); on SQLite by multi-row INSERTs.
   */
  private async insertFindings(rows: Insertable<DriftFindingsTable>[]): Promise<void> {
    if (rows.length === 0) return;
    if (this.engine === 'postgres') {
      const columns = Object.keys(rows[0]!);
      for (const part of chunks(rows as Record<string, unknown>[], COPY_CHUNK))
        await this.db.executeQuery(copyRowObjects('drift_findings', columns, part));
      return;
    }
    for (const part of chunks(rows, INSERT_CHUNK)) await this.db.insertInto('drift_findings').values(part).execute();
  }

  async getObservation(id: number): Promise<Observation | undefined> {
    const row = await this.db.selectFrom('drift_observations').selectAll().where('id', '=', id).executeTakeFirst();
    return row && rowToObservation(row);
  }

  async listFindings(query: FindingQuery): Promise<Finding[]> {
    let q = whereFinding(this.db.selectFrom('drift_findings').selectAll(), query);
    if (query.after !== undefined) q = q.where('id', '>', query.after);
    const rows = await q.orderBy('id').limit(Math.min(query.limit, 2_000_000_000)).execute();
    return rows.map(rowToFinding);
  }

  async countFindings(query: FindingFilter): Promise<number> {
    const row = await whereFinding(
      this.db.selectFrom('drift_findings').select((eb) => eb.fn.countAll().as('n')),
      query,
    ).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async getFindings(ids: number[]): Promise<Finding[]> {
    const out: Finding[] = [];
    for (const part of chunks([...new Set(ids)], IN_CHUNK))
      out.push(
        ...(await this.db.selectFrom('drift_findings').selectAll().where('id', 'in', part).orderBy('id').execute()).map(
          rowToFinding,
        ),
      );
    return out;
  }

  /** Resolves those of these findings still open; returns how many it resolved. */
  async resolveFindings(ids: number[], r: Resolution): Promise<number> {
    let n = 0;
    for (const part of chunks([...new Set(ids)], IN_CHUNK)) {
      const result = await this.db
        .updateTable('drift_findings')
        .set({
          state: 'resolved',
          resolution_kind: r.kind,
          resolved_by: r.by,
          resolved_at: r.at,
          resolution_ref: r.ref ?? null,
          resolution_note: r.note ?? null,
        })
        .where('state', '=', 'open')
        .where('id', 'in', part)
        .executeTakeFirst();
      n += Number(result.numUpdatedRows);
    }
    return n;
  }
  /** Marks these findings suppressed by `rule` where they are still open and not suppressed; returns how many. */
  async markSuppressed(ids: number[], rule: string): Promise<number> {
    let n = 0;
    for (const part of chunks([...new Set(ids)], IN_CHUNK)) {
      const result = await this.db
        .updateTable('drift_findings')
        .set({ suppressed_by: rule })
        .where('state', '=', 'open')
        .where('suppressed_by', 'is', null)
        .where('id', 'in', part)
        .executeTakeFirst();
      n += Number(result.numUpdatedRows);
    }
    return n;
  }
}

/** The filters of a findings query, on any select from drift_findings. */
function whereFinding<Q extends SelectQueryBuilder<Database, 'drift_findings', object>>(q: Q, f: FindingFilter): Q {
  let out = q;
  if (f.source !== undefined) out = out.where('source', '=', f.source) as Q;
  if (f.state !== undefined) out = out.where('state', '=', f.state) as Q;
  if (f.class !== undefined) out = out.where('class', '=', f.class) as Q;
  if (f.kind !== undefined) out = out.where('kind', '=', f.kind) as Q;
  if (f.observationId !== undefined)
    out = out.where('observation_id', '=', Number(f.observationId.replace(/^OBS-/i, ''))) as Q;
  return out;
}
