import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { StrayVersion } from '../../../core/cmdb/cmdb.port.js';
import type {
  ChangedVersions,
  GraphChanges,
  RevisionWrites,
  VersionChains,
} from '../../../core/revision/revision.types.js';
import { rowToCi, rowToModel, rowToRelation } from '../../conversion/cmdb.js';
import type { Database } from '../../database.js';
import type { VersionTable } from './as-of.js';
import { graphChangesBetween } from './graph-changes.js';
import type { BulkTarget } from './insert-versions.js';
import { versionChainsBetween } from './version-chains.js';
import { begunBetween, endedBetween, revFrom, revTo } from './version-ranges.js';

/**
 * Which versions revisions began and ended, over every version table: for diffs between two
 * revisions and for recomputing the hash chain. Each query is an index range scan on `rev_from`
 * or on `rev_to` (partial, past rows only): its cost follows the number of changes, not the size
 * of the CMDB.
 */
export class VersionHistoryRepository {
  constructor(private readonly on: BulkTarget) {}

  private get db(): Kysely<Database> {
    return this.on.db;
  }

  async versionsChangedBetween(fromRev: number, toRev: number): Promise<ChangedVersions> {
    const { cis, relations } = this.versionTables();
    return {
      cisBefore: (await endedBetween(cis, fromRev, toRev).execute()).map(rowToCi),
      cisAfter: (await begunBetween(cis, fromRev, toRev)).map(rowToCi),
      relationsBefore: (await endedBetween(relations, fromRev, toRev).execute()).map(rowToRelation),
      relationsAfter: (await begunBetween(relations, fromRev, toRev)).map(rowToRelation),
    };
  }

  /** What changed as the graph reads it, in pages (graph-changes.ts). */
  graphChangesBetween(fromRev: number, toRev: number, pageSize: number): AsyncIterable<GraphChanges> {
    return graphChangesBetween(this.on, fromRev, toRev, pageSize);
  }

  /** The versions a diff compares (version-chains.ts). */
  versionChainsBetween(fromRev: number, toRev: number): Promise<VersionChains> {
    return versionChainsBetween(this.on, fromRev, toRev);
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
