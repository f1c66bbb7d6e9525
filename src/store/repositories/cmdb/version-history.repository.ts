import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { StrayVersion } from '../../../core/cmdb/cmdb.port.js';
import type { ChangedVersions, RevisionWrites, VersionChains } from '../../../core/revision/revision.types.js';
import { rowToCi, rowToComparedCi, rowToModel, rowToRelation } from '../../conversion/cmdb.js';
import type { Database } from '../../database.js';
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
      cisBefore: (await endedBetween(cis, fromRev, toRev)).map(rowToCi),
      cisAfter: (await begunBetween(cis, fromRev, toRev)).map(rowToCi),
      relationsBefore: (await endedBetween(relations, fromRev, toRev)).map(rowToRelation),
      relationsAfter: (await begunBetween(relations, fromRev, toRev)).map(rowToRelation),
    };
  }

  async versionChainsBetween(fromRev: number, toRev: number): Promise<VersionChains> {
    const { relations } = this.versionTables();
    // A diff compares and shows attributes, never their sources: the largest JSON column after
    // attributes is neither read nor parsed (attributeSources comes back empty).
    const cis = this.db.selectFrom('ci_versions').select(COMPARED_CI_COLUMNS);
    return {
      cisEnded: (await endedBetween(cis, fromRev, toRev)).map(rowToComparedCi),
      cisBegun: (await anyBegunBetween(cis, fromRev, toRev)).map(rowToComparedCi),
      relationsEnded: (await endedBetween(relations, fromRev, toRev)).map(rowToRelation),
      relationsBegun: (await anyBegunBetween(relations, fromRev, toRev)).map(rowToRelation),
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

/** Versions live at `fromRev` and ended in (fromRev, toRev]. */
function endedBetween<T extends VersionTable, R>(
  q: SelectQueryBuilder<Database, T, R>,
  fromRev: number,
  toRev: number,
): Promise<R[]> {
  return q
    .where(revTo, 'is not', null)
    .where(revTo, '>', fromRev)
    .where(revTo, '<=', toRev)
    .where(revFrom, '<=', fromRev)
    .execute();
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
): Promise<R[]> {
  return q.where(revFrom, '>', fromRev).where(revFrom, '<=', toRev).execute();
}
