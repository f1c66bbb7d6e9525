import type { Kysely } from 'kysely';
import { rowToIdempotency } from '../../conversion/auth.js';
import type { Database } from '../../database.js';
import type { IdempotencyRecord, IdempotencyStore } from '../../../core/auth/idempotency.port.js';

/**
 * Idempotency keys, per principal. `reserve` inserts the key before the request runs, so of two
 * servers receiving the same key at once only one does the work (the other sees the row).
 */
export class IdempotencyRepository implements IdempotencyStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts an in-progress row; returns the existing record instead when the key is taken. */
  async reserve(
    principal: string,
    key: string,
    record: Pick<IdempotencyRecord, 'method' | 'path' | 'bodyHash'>,
    now: string,
  ): Promise<IdempotencyRecord | undefined> {
    const inserted = await this.db
      .insertInto('idempotency_keys')
      .values({
        principal,
        key,
        method: record.method,
        path: record.path,
        body_hash: record.bodyHash,
        status: null,
        headers: null,
        body: null,
        created_at: now,
      })
      .onConflict((oc) => oc.columns(['principal', 'key']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) return undefined;
    const r = await this.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('principal', '=', principal)
      .where('key', '=', key)
      .executeTakeFirst();
    if (!r) return undefined;
    return rowToIdempotency(r);
  }

  async complete(
    principal: string,
    key: string,
    status: number,
    headers: Record<string, string>,
    body: string,
  ): Promise<void> {
    await this.db
      .updateTable('idempotency_keys')
      .set({ status, headers: JSON.stringify(headers), body })
      .where('principal', '=', principal)
      .where('key', '=', key)
      .execute();
  }

  /** Forgets a key whose request failed on the server's side, so that the client may retry it. */
  async release(principal: string, key: string): Promise<void> {
    await this.db
      .deleteFrom('idempotency_keys')
      .where('principal', '=', principal)
      .where('key', '=', key)
      .where('status', 'is', null)
      .execute();
  }

  async purgeBefore(iso: string): Promise<void> {
    await this.db.deleteFrom('idempotency_keys').where('created_at', '<', iso).execute();
  }
}
