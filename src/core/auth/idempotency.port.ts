/** A stored answer to a POST sent with an Idempotency-Key. `status` null: still being worked on. */
export interface IdempotencyRecord {
  method: string;
  path: string;
  bodyHash: string;
  status: number | null;
  headers: Record<string, string> | null;
  body: string | null;
}

/**
 * Idempotency keys, per principal. `reserve` records the key before the request runs, so of two
 * servers receiving the same key at once only one does the work (the other sees the record).
 */
export interface IdempotencyStore {
  /** Records an in-progress key; returns the existing record instead when the key is taken. */
  reserve(
    principal: string,
    key: string,
    record: Pick<IdempotencyRecord, 'method' | 'path' | 'bodyHash'>,
    now: string,
  ): Promise<IdempotencyRecord | undefined>;
  complete(
    principal: string,
    key: string,
    status: number,
    headers: Record<string, string>,
    body: string,
  ): Promise<void>;
  /** Forgets a key whose request failed on the server's side, so that the client may retry it. */
  release(principal: string, key: string): Promise<void>;
}
