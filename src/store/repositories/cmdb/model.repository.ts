import type { Kysely } from 'kysely';
import type { ModelVersion } from '../../../core/model/model-version.types.js';
import { modelRow, rowToModel } from '../../conversion/cmdb.js';
import type { Database } from '../../database.js';
import { QueryTemplate } from '../../query-template.js';
import { chunks } from '../batching.js';
import { INSERT_CHUNK } from './insert-versions.js';

/** Every write checks whether the model changed since its registry was built: compiled once. */
const MODEL_REVISION = new QueryTemplate(0, (db) =>
  db.selectFrom('model_versions').select((eb) => [eb.fn.max('rev_from').as('a'), eb.fn.max('rev_to').as('b')]),
);

/** The SQL of `model_versions`: the CI classes and relationship types, versioned like CIs. */
export class ModelRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async modelVersions(at?: number): Promise<ModelVersion[]> {
    let q = this.db.selectFrom('model_versions').selectAll();
    // The model (classes and relationship types) is a small table: one OR query, not the two index scans of the CI tables.
    q =
      at === undefined
        ? q.where('rev_to', 'is', null)
        : q.where('rev_from', '<=', at).where((eb) => eb.or([eb('rev_to', 'is', null), eb('rev_to', '>', at)]));
    return (await q.orderBy('kind').orderBy('name').execute()).map(rowToModel);
  }

  async modelRevision(): Promise<number> {
    const [row] = await MODEL_REVISION.execute(this.db);
    return Math.max(Number(row?.a ?? 0), Number(row?.b ?? 0));
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
    for (const part of chunks(rows, INSERT_CHUNK))
      await this.db.insertInto('model_versions').values(part.map(modelRow)).execute();
  }
}
