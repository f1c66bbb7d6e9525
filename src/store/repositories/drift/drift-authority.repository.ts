import type { Kysely } from 'kysely';
import type { AuthorityRules, AuthorityVersion } from '../../../core/drift/authority.js';
import { authorityRow, rowToAuthority } from '../../conversion/drift.js';
import type { Database } from '../../database.js';

/** The SQL of `drift_authority_versions`: which source is authoritative for what, versioned. */
export class DriftAuthorityRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async latestAuthority(): Promise<AuthorityVersion | undefined> {
    const row = await this.db
      .selectFrom('drift_authority_versions')
      .selectAll()
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && rowToAuthority(row);
  }

  /** A new version unless the rules are the latest's (same hash); numbered latest + 1, so only under the drift write lock. */
  async saveAuthority(
    rules: AuthorityRules,
    hash: string,
    author: string,
    at: string,
  ): Promise<{ version: AuthorityVersion; created: boolean }> {
    const latest = await this.db
      .selectFrom('drift_authority_versions')
      .selectAll()
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (latest && latest.hash === hash) return { version: rowToAuthority(latest), created: false };
    const version: AuthorityVersion = { version: (latest?.version ?? 0) + 1, rules, hash, createdAt: at, author };
    await this.db.insertInto('drift_authority_versions').values(authorityRow(version)).execute();
    return { version, created: true };
  }
}
