import type { Kysely } from 'kysely';
import type { EnvironmentVersion } from '../../../core/change/change.port.js';
import type { EnvironmentVersionRow } from './change.table.js';
import { readJson, readTime } from '../../conversion/values.js';
import type { Database } from '../../database.js';
import { setRecordCount } from './record-counters.js';

/** The SQL of `environment_versions`: every environments.yaml ever applied, chained by hash. */
export class EnvironmentRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async currentEnvironments(): Promise<EnvironmentVersion | undefined> {
    const row = await this.db
      .selectFrom('environment_versions')
      .selectAll()
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && rowToVersion(row);
  }

  async listEnvironmentVersions(): Promise<EnvironmentVersion[]> {
    const rows = await this.db.selectFrom('environment_versions').selectAll().orderBy('version', 'asc').execute();
    return rows.map(rowToVersion);
  }

  async insertEnvironmentVersion(v: EnvironmentVersion): Promise<void> {
    await this.db
      .insertInto('environment_versions')
      .values({
        version: v.version,
        environments: JSON.stringify(v.environments),
        applied_at: v.appliedAt,
        applied_by: v.appliedBy,
        hash: v.hash,
        prev_hash: v.prevHash,
      })
      .execute();
    await setRecordCount(this.db, 'environments', v.version);
  }
}

function rowToVersion(r: EnvironmentVersionRow): EnvironmentVersion {
  return {
    version: r.version,
    environments: readJson(r.environments),
    appliedAt: readTime(r.applied_at),
    appliedBy: r.applied_by,
    hash: r.hash,
    prevHash: r.prev_hash,
  };
}
