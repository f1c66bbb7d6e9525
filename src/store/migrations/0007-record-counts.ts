import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Engine } from '../engine.js';
import { RECORD_COUNTERS } from '../repositories/change/record-counters.js';

/**
 * The counts of the change-record chains (approvals, transitions, policy versions), kept in
 * `counters` beside the records and bumped in the same transaction as each append, so that
 * `audit verify` sees the newest record deleted. Databases written before this migration get
 * their counts from the records they hold.
 */
export function up(_engine: Engine) {
  return async (db: Kysely<unknown>): Promise<void> => {
    const sources = [
      [RECORD_COUNTERS.approvals, sql`(select max(seq) from change_approvals)`],
      [RECORD_COUNTERS.transitions, sql`(select max(seq) from change_transitions)`],
      [RECORD_COUNTERS.policies, sql`(select max(version) from policy_versions)`],
    ] as const;
    for (const [name, max] of sources) {
      await sql`insert into counters (name, value) select ${name}, ${max} where ${max} is not null`.execute(db);
    }
  };
}
