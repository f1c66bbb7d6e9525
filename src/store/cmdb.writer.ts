import type { CiVersion, RelationVersion } from '../core/ci/ci.types.js';
import type { ModelVersion } from '../core/model/model-version.types.js';
import type { CmdbWriter } from '../core/ports/cmdb-store.port.js';
import type { Baseline, Revision } from '../core/revision/revision.types.js';
import { chunks, ciRow, convertError, relationRow } from './conversion.js';
import { CmdbQueries, IN_CHUNK } from './cmdb.queries.js';

/** Rows per multi-row INSERT: 10 columns × 1 000 rows stays under both engines' parameter limits. */
const INSERT_CHUNK = 1000;

/** Writes of the CMDB; only ever used inside a store's write transaction. */
export class CmdbWrites extends CmdbQueries implements CmdbWriter {
  async endCiVersions(ids: string[], rev: number): Promise<void> {
    for (const part of chunks(ids, IN_CHUNK)) {
      await this.db.updateTable('ci_versions').set({ rev_to: rev }).where('rev_to', 'is', null).where('id', 'in', part).execute();
    }
  }

  async insertCiVersions(rows: CiVersion[]): Promise<void> {
    for (const part of chunks(rows, INSERT_CHUNK)) {
      try {
        await this.db.insertInto('ci_versions').values(part.map(ciRow)).execute();
      } catch (e) {
        convertError(e, 'a current CI with one of these class/name pairs');
      }
    }
  }

  async endRelationVersions(ids: string[], rev: number): Promise<void> {
    for (const part of chunks(ids, IN_CHUNK)) {
      await this.db.updateTable('relation_versions').set({ rev_to: rev }).where('rev_to', 'is', null).where('id', 'in', part).execute();
    }
  }

  async insertRelationVersions(rows: RelationVersion[]): Promise<void> {
    for (const part of chunks(rows, INSERT_CHUNK)) {
      try {
        await this.db.insertInto('relation_versions').values(part.map(relationRow)).execute();
      } catch (e) {
        convertError(e, 'one of these relationships');
      }
    }
  }

  async endModelVersions(keys: { kind: ModelVersion['kind']; name: string }[], rev: number): Promise<void> {
    for (const k of keys) {
      await this.db
        .updateTable('model_versions')
        .set({ rev_to: rev })
        .where('rev_to', 'is', null)
        .where('kind', '=', k.kind)
        .where('name', '=', k.name)
        .execute();
    }
  }

  async insertModelVersions(rows: ModelVersion[]): Promise<void> {
    for (const part of chunks(rows, INSERT_CHUNK)) {
      await this.db
        .insertInto('model_versions')
        .values(
          part.map((v) => ({
            kind: v.kind,
            name: v.name,
            rev_from: v.revFrom,
            rev_to: v.revTo,
            definition: JSON.stringify(v.definition),
            hash: v.hash,
          })),
        )
        .execute();
    }
  }

  async insertRevision(r: Revision): Promise<void> {
    try {
      await this.db
        .insertInto('revisions')
        .values({
          rev: r.rev,
          parent_rev: r.parentRev,
          at: r.at,
          author: r.author,
          message: r.message,
          source: r.source,
          change_id: r.changeId,
          hash: r.hash,
          prev_hash: r.prevHash,
        })
        .execute();
    } catch (e) {
      convertError(e, `revision ${r.rev}`);
    }
  }

  async insertBaseline(b: Baseline): Promise<void> {
    try {
      await this.db
        .insertInto('baselines')
        .values({ name: b.name, rev: b.rev, created_at: b.createdAt, author: b.author, description: b.description })
        .execute();
    } catch (e) {
      convertError(e, `baseline ${b.name}`);
    }
  }
}
