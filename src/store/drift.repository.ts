import { sql, type Kysely } from 'kysely';
import type { CiVersion } from '../core/ci/ci.types.js';
import type { CiRef } from '../core/ci/desired-state.js';
import type { AuthorityRules, AuthorityVersion } from '../core/drift/authority.js';
import { findingRef, observationRef, type Finding, type FindingQuery, type NewFinding, type Observation, type Resolution, type ReviewFlag, type SuppressionMatch, type SuppressionRule } from '../core/drift/drift.types.js';
import type { DriftStore } from '../core/ports/drift-store.port.js';
import type { Revision } from '../core/revision/revision.types.js';
import { IN_CHUNK } from './cmdb.queries.js';
import type { KyselyCmdbStore } from './connect.js';
import { chunks, readJson, rowToCi, rowToRevision } from './conversion.js';
import { findingRow, rowToAuthority, rowToFinding, rowToObservation, rowToReview, rowToSuppression } from './drift.rows.js';
import type { Database } from './database.js';
import type { Engine } from './engine.js';

/** Finding rows per INSERT: 17 columns × 400 rows stays under both engines' parameter limits. */
const INSERT_CHUNK = 400;
/** Serialises drift writes across PostgreSQL processes (numbers are allocated as max + 1). */
const DRIFT_LOCK_KEY = 72_417_005;

/** Drift detection's tables, on the CMDB's database. */
export class KyselyDriftStore implements DriftStore {
  private readonly db: Kysely<Database>;
  private readonly engine: Engine;

  constructor(store: KyselyCmdbStore) {
    this.db = store.kysely;
    this.engine = store.engine;
  }

  /** One transaction holding the drift write lock: BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL. */
  private async write<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.db.connection().execute(async (conn) => {
      if (this.engine === 'sqlite') await sql`begin immediate`.execute(conn);
      else {
        await sql`begin`.execute(conn);
        await sql`select pg_advisory_xact_lock(${DRIFT_LOCK_KEY})`.execute(conn);
      }
      try {
        const result = await work(conn);
        await sql`commit`.execute(conn);
        return result;
      } catch (e) {
        await sql`rollback`.execute(conn);
        throw e;
      }
    });
  }

  private async nextId(db: Kysely<Database>, table: 'drift_observations' | 'drift_findings' | 'drift_suppressions'): Promise<number> {
    const row = await db.selectFrom(table).select((eb) => eb.fn.max('id').as('n')).executeTakeFirst();
    return Number(row?.n ?? 0) + 1;
  }

  async *scanCis(query: { classes: string[]; sources: string[]; at?: number; pageSize: number }): AsyncIterable<CiVersion[]> {
    const parts = query.at === undefined ? ['current' as const] : (['current', 'past'] as const);
    for (const part of parts) {
      let after: CiRef | undefined;
      for (;;) {
        let q = this.db
          .selectFrom('ci_versions')
          .select(['id', 'class', 'name', 'status', 'attributes', 'labels', 'source', 'hash', 'rev_from', 'rev_to'])
          .where((eb) => eb.or([eb('class', 'in', query.classes.length > 0 ? query.classes : ['']), eb('source', 'in', query.sources.length > 0 ? query.sources : [''])]));
        // Current rows and past rows each use their own partial index on (class, name); a row
        // live at `at` is a current row begun by then or a past row spanning it.
        if (part === 'current') q = q.where('rev_to', 'is', null);
        else q = q.where('rev_to', 'is not', null).where('rev_to', '>', query.at!);
        if (query.at !== undefined) q = q.where('rev_from', '<=', query.at);
        if (after) q = q.where(sql<boolean>`(class, name) > (${after.class}, ${after.name})`);
        const rows = await q.orderBy('class').orderBy('name').limit(query.pageSize).execute();
        if (rows.length > 0) {
          yield rows.map((r) => ({
            id: r.id,
            class: r.class,
            name: r.name,
            status: r.status,
            attributes: readJson<Record<string, unknown>>(r.attributes),
            labels: readJson<Record<string, string>>(r.labels),
            source: r.source,
            hash: r.hash,
            revFrom: r.rev_from,
            revTo: r.rev_to,
            // Not needed to compare, and the largest JSON column after attributes.
            attributeSources: {},
          }));
        }
        if (rows.length < query.pageSize) break;
        const last = rows[rows.length - 1]!;
        after = { class: last.class, name: last.name };
      }
    }
  }

  async pastVersions(ciIds: string[]): Promise<CiVersion[]> {
    const out: CiVersion[] = [];
    for (const part of chunks([...new Set(ciIds)], IN_CHUNK)) {
      const rows = await this.db.selectFrom('ci_versions').selectAll().where('rev_to', 'is not', null).where('id', 'in', part).execute();
      out.push(...rows.map(rowToCi));
    }
    return out;
  }

  async pastVersionsByRef(refs: CiRef[]): Promise<CiVersion[]> {
    const byClass = new Map<string, string[]>();
    for (const r of refs) byClass.set(r.class, [...(byClass.get(r.class) ?? []), r.name]);
    const out: CiVersion[] = [];
    for (const [cls, names] of byClass) {
      for (const part of chunks([...new Set(names)], IN_CHUNK)) {
        const rows = await this.db.selectFrom('ci_versions').selectAll().where('rev_to', 'is not', null).where('class', '=', cls).where('name', 'in', part).execute();
        out.push(...rows.map(rowToCi));
      }
    }
    return out;
  }

  async changeRevisionsBetween(from: string, to: string): Promise<Revision[]> {
    const rows = await this.db.selectFrom('revisions').selectAll().where('change_id', 'is not', null).where('at', '>=', from).where('at', '<=', to).orderBy('rev').execute();
    return rows.map(rowToRevision);
  }

  async saveCheck(observation: Omit<Observation, 'id'>, findings: NewFinding[]): Promise<{ observation: Observation; findings: Finding[] }> {
    return this.write(async (db) => {
      const obsNumber = await this.nextId(db, 'drift_observations');
      const saved: Observation = { id: observationRef(obsNumber), ...observation };
      await db
        .insertInto('drift_observations')
        .values({
          id: obsNumber,
          source: saved.source,
          observed_at: saved.observedAt,
          checked_at: saved.checkedAt,
          author: saved.author,
          format: saved.format,
          file: saved.file,
          hash: saved.hash,
          items: saved.items,
          by_class: JSON.stringify(saved.byClass),
          rev: saved.rev,
        })
        .execute();
      await db
        .updateTable('drift_findings')
        .set({ state: 'resolved', resolution_kind: 'superseded', resolved_by: saved.author, resolved_at: saved.checkedAt, resolution_ref: saved.id })
        .where('state', '=', 'open')
        .where('source', '=', saved.source)
        .execute();
      const first = await this.nextId(db, 'drift_findings');
      const stored: Finding[] = findings.map((f, i) => ({ ...f, id: findingRef(first + i), observationId: saved.id, state: 'open' }));
      for (let start = 0; start < stored.length; start += INSERT_CHUNK) {
        const part = stored.slice(start, start + INSERT_CHUNK);
        await db.insertInto('drift_findings').values(part.map((f, i) => findingRow(f, first + start + i, obsNumber))).execute();
      }
      return { observation: saved, findings: stored };
    });
  }

  async getObservation(id: number): Promise<Observation | undefined> {
    const row = await this.db.selectFrom('drift_observations').selectAll().where('id', '=', id).executeTakeFirst();
    return row && rowToObservation(row);
  }

  async listFindings(query: FindingQuery): Promise<Finding[]> {
    let q = this.db.selectFrom('drift_findings').selectAll();
    if (query.source !== undefined) q = q.where('source', '=', query.source);
    if (query.state !== undefined) q = q.where('state', '=', query.state);
    if (query.class !== undefined) q = q.where('class', '=', query.class);
    if (query.kind !== undefined) q = q.where('kind', '=', query.kind);
    if (query.observationId !== undefined) q = q.where('observation_id', '=', Number(query.observationId.replace(/^OBS-/i, '')));
    const rows = await q.orderBy('id').limit(Math.min(query.limit, 2_000_000_000)).execute();
    return rows.map(rowToFinding);
  }

  async getFindings(ids: number[]): Promise<Finding[]> {
    const out: Finding[] = [];
    for (const part of chunks([...new Set(ids)], IN_CHUNK)) out.push(...(await this.db.selectFrom('drift_findings').selectAll().where('id', 'in', part).orderBy('id').execute()).map(rowToFinding));
    return out;
  }

  async resolveFindings(ids: number[], r: Resolution): Promise<number> {
    return this.write(async (db) => {
      let n = 0;
      for (const part of chunks([...new Set(ids)], IN_CHUNK)) {
        const result = await db
          .updateTable('drift_findings')
          .set({ state: 'resolved', resolution_kind: r.kind, resolved_by: r.by, resolved_at: r.at, resolution_ref: r.ref ?? null, resolution_note: r.note ?? null })
          .where('state', '=', 'open')
          .where('id', 'in', part)
          .executeTakeFirst();
        n += Number(result.numUpdatedRows);
      }
      return n;
    });
  }

  async addSuppression(rule: { match: SuppressionMatch; owner: string; reason: string; expiresAt: string; createdAt: string; createdBy: string }): Promise<SuppressionRule> {
    return this.write(async (db) => {
      const id = await this.nextId(db, 'drift_suppressions');
      const row = { id, match: JSON.stringify(rule.match), owner: rule.owner, reason: rule.reason, expires_at: rule.expiresAt, created_at: rule.createdAt, created_by: rule.createdBy, removed_at: null, removed_by: null };
      await db.insertInto('drift_suppressions').values(row).execute();
      return rowToSuppression({ ...row, match: rule.match });
    });
  }

  async listSuppressions(includeRemoved = false): Promise<SuppressionRule[]> {
    let q = this.db.selectFrom('drift_suppressions').selectAll().orderBy('id');
    if (!includeRemoved) q = q.where('removed_at', 'is', null);
    return (await q.execute()).map(rowToSuppression);
  }

  async removeSuppression(id: number, by: string, at: string): Promise<boolean> {
    const r = await this.db.updateTable('drift_suppressions').set({ removed_at: at, removed_by: by }).where('id', '=', id).where('removed_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async latestAuthority(): Promise<AuthorityVersion | undefined> {
    const row = await this.db.selectFrom('drift_authority_versions').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst();
    return row && rowToAuthority(row);
  }

  async saveAuthority(rules: AuthorityRules, hash: string, author: string, at: string): Promise<{ version: AuthorityVersion; created: boolean }> {
    return this.write(async (db) => {
      const latest = await db.selectFrom('drift_authority_versions').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst();
      if (latest && latest.hash === hash) return { version: rowToAuthority(latest), created: false };
      const version: AuthorityVersion = { version: (latest?.version ?? 0) + 1, rules, hash, createdAt: at, author };
      await db.insertInto('drift_authority_versions').values({ version: version.version, rules: JSON.stringify(rules), hash, created_at: at, author }).execute();
      return { version, created: true };
    });
  }

  async flagForReview(f: ReviewFlag): Promise<void> {
    await this.db
      .insertInto('drift_reviews')
      .values({ rev: f.rev, source: f.source, observation_ids: JSON.stringify(f.observationIds), finding_ids: JSON.stringify(f.findingIds), flagged_at: f.flaggedAt, flagged_by: f.flaggedBy, reviewed_at: null, reviewed_by: null, note: null })
      .execute();
  }

  async pendingReviews(): Promise<ReviewFlag[]> {
    const flagged = (await this.db.selectFrom('drift_reviews').selectAll().where('reviewed_at', 'is', null).execute()).map(rowToReview);
    return [...flagged, ...(await this.unflaggedDriftRevisions())].sort((a, b) => a.rev - b.rev);
  }

  /** Revisions written as accepted drift whose flag never got written. */
  private async unflaggedDriftRevisions(): Promise<ReviewFlag[]> {
    const rows = await this.db
      .selectFrom('revisions')
      .selectAll()
      .where('source', 'like', 'drift:%')
      .where('rev', 'not in', (eb) => eb.selectFrom('drift_reviews').select('rev'))
      .execute();
    return rows.map(rowToRevision).map((r) => ({ rev: r.rev, source: r.source.slice('drift:'.length), observationIds: [], findingIds: [], flaggedAt: r.at, flaggedBy: r.author }));
  }

  async markReviewed(rev: number, by: string, at: string, note?: string): Promise<boolean> {
    const r = await this.db.updateTable('drift_reviews').set({ reviewed_at: at, reviewed_by: by, note: note ?? null }).where('rev', '=', rev).where('reviewed_at', 'is', null).executeTakeFirst();
    if (Number(r.numUpdatedRows) > 0) return true;
    const orphan = (await this.unflaggedDriftRevisions()).find((f) => f.rev === rev);
    if (!orphan) return false;
    await this.flagForReview(orphan);
    return this.markReviewed(rev, by, at, note);
  }
}
