import type { Kysely } from 'kysely';
import type { LoginAttempt, LoginAttemptStore } from '../../../core/auth/login-throttle.js';
import { readTime } from '../../conversion/values.js';
import type { Database } from '../../database.js';

/**
 * The SQL of sign-in throttling: one row per attempt within the window. Each statement stands
 * alone (no transaction): an attempt is inserted, committed, and only then are the window's
 * attempts read, so of two concurrent attempts the later-committed one always sees the other.
 */
export class LoginAttemptRepository implements LoginAttemptStore {
  constructor(private readonly db: Kysely<Database>) {}

  async record(attempt: LoginAttempt, since: string): Promise<LoginAttempt[]> {
    await this.db.insertInto('login_attempts').values(attempt).execute();
    const rows = await this.db
      .selectFrom('login_attempts')
      .selectAll()
      .where('at', '>', since)
      .where((eb) => eb.or([eb('username', '=', attempt.username), eb('address', '=', attempt.address)]))
      .execute();
    return rows.map((r) => ({ id: r.id, username: r.username, address: r.address, at: readTime(r.at) }));
  }

  async remove(id: string): Promise<void> {
    await this.db.deleteFrom('login_attempts').where('id', '=', id).execute();
  }

  async clear(username: string, address: string): Promise<void> {
    await this.db
      .deleteFrom('login_attempts')
      .where('username', '=', username)
      .where('address', '=', address)
      .execute();
  }

  async prune(before: string): Promise<number> {
    const r = await this.db.deleteFrom('login_attempts').where('at', '<=', before).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
