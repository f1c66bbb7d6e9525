import type { Kysely } from 'kysely';
import type { PolicyVersion } from '../../../core/change/change.port.js';
import { policyRow, rowToPolicy } from '../../conversion/change.js';
import type { Database } from '../../database.js';
import { setRecordCount } from './record-counters.js';

/** The SQL of `policy_versions`: every change policy ever applied, chained by hash. */
export class PolicyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async currentPolicy(): Promise<PolicyVersion | undefined> {
    const row = await this.db
      .selectFrom('policy_versions')
      .selectAll()
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && rowToPolicy(row);
  }

  async listPolicyVersions(): Promise<PolicyVersion[]> {
    return (await this.db.selectFrom('policy_versions').selectAll().orderBy('version', 'asc').execute()).map(
      rowToPolicy,
    );
  }

  async insertPolicyVersion(v: PolicyVersion): Promise<void> {
    await this.db.insertInto('policy_versions').values(policyRow(v)).execute();
    await setRecordCount(this.db, 'policies', v.version);
  }
}
