import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { StrayVersion } from '../../../core/cmdb/cmdb.port.js';
import type { ChangedVersions, RevisionWrites, VersionChains } from '../../../core/revision/revision.types.js';
import { rowToCi, rowToComparedCi, rowToComparedRelation, rowToModel, rowToRelation } from '../../conversion/cmdb.js';
import { jsonInterner } from '../../conversion/values.js';
import type { Database } from '../../database.js';
import { QueryTemplate } from '../../query-template.js';
import type { VersionTable } from './as-of.js';

const COMPARED_CI_COLUMNS = [
  'id',
  'rev_from',
  'rev_to',
  'class',
  'name',
  'status',
  'attributes',
  'labels',
  'source',
  'hash',
] as const;

const revFrom = sql.ref('rev_from');
const revTo = sql.ref('rev_to');

/**
 * A diff's versions of one table in ONE statement, compiled once (query-template.ts): those live at
 * `lo` that ended in (lo, hi] (`rev_from ≤ lo`), then every version begun in (lo, hi]
 * (`rev_from > lo`). The halves are disjoint and each keeps its own index range scan (`rev_to`,
 * `rev_from`); one statement is one round trip on PostgreSQL, and no query built per diff.
 * Arguments: lo, hi, lo (ended), lo, hi (begun).
 */
const CI_CHAINS = new QueryTemplate(
  5,
  (db, endedAfter: number, endedBy: number, liveAt: number, after: number, by: number) =>
    endedBetween(db.selectFrom('ci_versions').select(COMPARED_CI_COLUMNS), endedAfter, endedBy, liveAt).unionAll(
      anyBegunBetween(db.selectFrom('ci_versions').select(COMPARED_CI_COLUMNS), after, by),
    ),
);
const RELATION_CHAINS = new QueryTemplate(
  5,
  (db, endedAfter: number, endedBy: number, liveAt: number, after: number, by: number) =>
    endedBetween(db.selectFrom('relation_versions').selectAll(), endedAfter, endedBy, liveAt).unionAll(
      anyBegunBetween(db.selectFrom('relation_versions').selectAll(), after, by),
    ),
);

/**
 * Which versions revisions began and ended, over every version table: for diffs between two
 * revisions and for recomputing the hash chain. Each query is an index range scan on `rev_from`
 * or on `rev_to` (partial, past rows only): its cost follows the number of changes, not the size
 * of the CMDB.
 */
export class VersionHistoryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async versionsChangedBetween(fromRev: number, toRev: number): Promise<ChangedVersions> {
    const { cis, relations } = this.versionTables();
    return {
      cisBefore: (await endedBetween(cis, fromRev, toRev).execute()).map(rowToCi),
      cisAfter: (await begunBetween(cis, fromRev, toRev)).map(rowToCi),
      relationsBefore: (await endedBetween(relations, fromRev, toRev).execute()).map(rowToRelation),
      relationsAfter: (await begunBetween(relations, fromRev, toRev)).map(rowToRelation),
    };
  }

  async versionChainsBetween(fromRev: number, toRev: number): Promise<VersionChains> {
    // A diff compares and shows attributes, never their sources: the largest JSON column after
    // attributes is neither read nor parsed (attributeSources comes back empty).
    const cis = await CI_CHAINS.execute(this.db, fromRev, toRev, fromRev, fromRev, toRev);
    const relations = await RELATION_CHAINS.execute(this.db, fromRev, toRev, fromRev, fromRev, toRev);
    const ended = (r: { rev_from: number }) => r.rev_from <= fromRev;
    const begun = (r: { rev_from: number }) => r.rev_from > fromRev;
    // Equal JSON texts parse once, to one object: the diff then finds an unchanged field (most
    // labels, the attributes of a status change) identical without comparing it key by key.
    const json = jsonInterner();
    const ci = (r: (typeof cis)[number]) => rowToComparedCi(r, json);
    const relation = (r: (typeof relations)[number]) => rowToComparedRelation(r, json);
    return {
      cisEnded: cis.filter(ended).map(ci),
      cisBegun: cis.filter(begun).map(ci),
      relationsEnded: relations.filter(ended).map(relation),
      relationsBegun: relations.filter(begun).map(relation),
    };
  }

  async revisionWrites(rev: number): Promise<RevisionWrites> {
    const { cis, relations, model } = this.versionTables();
    const begun = <T extends VersionTable, R>(q: SelectQueryBuilder<Database, T, R>) =>
      q.where(revFrom, '=', rev).execute();
    const ended = <T extends VersionTable, R>(q: SelectQueryBuilder<Database, T, R>) =>
      q.where(revTo, '=', rev).execute();
    return {
      createdCis: (await begun(cis)).map(rowToCi),
      endedCis: (await ended(cis)).map(rowToCi),
      createdRelations: (await begun(relations)).map(rowToRelation),
      endedRelations: (await ended(relations)).map(rowToRelation),
      createdModel: (await begun(model)).map(rowToModel),
      endedModel: (await ended(model)).map(rowToModel),
    };
  }

  async versionsOutsideChain(head: number, limit: number): Promise<StrayVersion[]> {
    // A scan of each version table: verify reads every row through revisionWrites anyway.
    const outside = <T extends VersionTable, R>(q: SelectQueryBuilder<Database, T, R>) =>
      q
        .where((eb) =>
          eb.or([
            eb(revFrom, '<', 1),
            eb(revFrom, '>', head),
            eb.and([eb(revTo, 'is not', null), eb.or([eb(revTo, '<=', revFrom), eb(revTo, '>', head)])]),
          ]),
        )
        .limit(limit)
        .execute();
    const cis = await outside(this.db.selectFrom('ci_versions').select(['id', 'class', 'name', 'rev_from', 'rev_to']));
    const relations = await outside(
      this.db.selectFrom('relation_versions').select(['id', 'type', 'rev_from', 'rev_to']),
    );
    const model = await outside(this.db.selectFrom('model_versions').select(['kind', 'name', 'rev_from', 'rev_to']));
    const stray = (table: StrayVersion['table'], key: string, r: { rev_from: number; rev_to: number | null }) => ({
      table,
      key,
      revFrom: Number(r.rev_from),
      revTo: r.rev_to === null ? null : Number(r.rev_to),
    });
    return [
      ...cis.map((r) => stray('ci', `${r.id} (${r.class}/${r.name})`, r)),
      ...relations.map((r) => stray('relation', `${r.id} (${r.type})`, r)),
      ...model.map((r) => stray('model', `${r.kind} ${r.name}`, r)),
    ].slice(0, limit);
  }

  private versionTables() {
    return {
      cis: this.db.selectFrom('ci_versions').selectAll(),
      relations: this.db.selectFrom('relation_versions').selectAll(),
      model: this.db.selectFrom('model_versions').selectAll(),
    };
  }
}

/** Versions live at `liveAt` (the same as `after` but for a template's own placeholder) and ended in (after, by]. */
function endedBetween<T extends VersionTable, R>(
  q: SelectQueryBuilder<Database, T, R>,
  after: number,
  by: number,
  liveAt = after,
): SelectQueryBuilder<Database, T, R> {
  return q.where(revTo, 'is not', null).where(revTo, '>', after).where(revTo, '<=', by).where(revFrom, '<=', liveAt);
}

/** Versions begun in (fromRev, toRev] and still live at `toRev`. */
function begunBetween<T extends VersionTable, R>(
  q: SelectQueryBuilder<Database, T, R>,
  fromRev: number,
  toRev: number,
): Promise<R[]> {
  return q
    .where(revFrom, '>', fromRev)
    .where(revFrom, '<=', toRev)
    .where((eb) => eb.or([eb(revTo, 'is', null), eb(revTo, '>', toRev)]))
    .execute();
}

/** Every version begun in (fromRev, toRev], whether still live at `toRev` or ended again before it. */
function anyBegunBetween<T extends VersionTable, R>(
  q: SelectQueryBuilder<Database, T, R>,
  fromRev: number,
  toRev: number,
): SelectQueryBuilder<Database, T, R> {
  return q.where(revFrom, '>', fromRev).where(revFrom, '<=', toRev);
}
