import type { FastifyInstance } from 'fastify';
import { canonicalJson, sha256Hex } from '../../core/shared/canonical.js';
import type { IdempotencyStore } from '../../core/auth/idempotency.port.js';
import { HttpProblem } from '../errors.js';
import { addHookForMethods } from './method-hooks.js';

const KEPT_HEADERS = ['content-type', 'etag', 'location'];

/**
 * Idempotency-Key on POST: the first request with a key reserves it in the database, runs, and
 * stores its answer; a repeat with the same body gets the stored answer (marked
 * `idempotent-replayed: true`), with a different body a 422. Keys are per caller. An answer
 * with a 5xx status is not kept, so the client may retry.
 */
export function registerIdempotency(app: FastifyInstance, repo: IdempotencyStore, now: () => Date): void {
  // Only POST routes carry the hooks: every other request would pay for two that do nothing.
  addHookForMethods(app, ['POST'], 'preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || typeof key !== 'string' || !request.principal) return;
    if (key.length === 0 || key.length > 200)
      throw new HttpProblem('INVALID_IDEMPOTENCY_KEY', 'the Idempotency-Key header must hold 1 to 200 characters');
    const path = request.url;
    const bodyHash = sha256Hex(canonicalJson(request.body ?? null));
    const existing = await repo.reserve(
      request.principal.name,
      key,
      { method: request.method, path, bodyHash },
      now().toISOString(),
    );
    if (!existing) {
      request.idempotencyKey = key;
      return;
    }
    if (existing.bodyHash !== bodyHash || existing.path !== path || existing.method !== request.method) {
      throw new HttpProblem(
        'IDEMPOTENCY_KEY_REUSED',
        `Idempotency-Key "${key}" was used for a different request: use a new key for a new request`,
      );
    }
    if (existing.status === null) {
      throw new HttpProblem(
        'IDEMPOTENCY_IN_PROGRESS',
        `the request with Idempotency-Key "${key}" is still being processed: retry in a moment`,
        undefined,
        { 'retry-after': '1' },
      );
    }
    return reply
      .code(existing.status)
      .headers({ ...(existing.headers ?? {}), 'idempotent-replayed': 'true' })
      .serializer((p) => p as string)
      .send(existing.body ?? '');
  });

  addHookForMethods(app, ['POST'], 'onSend', async (request, reply, payload) => {
    const key = request.idempotencyKey;
    if (!key || !request.principal) return payload;
    if (reply.statusCode >= 500 || typeof payload !== 'string') {
      await repo.release(request.principal.name, key);
      return payload;
    }
    const headers: Record<string, string> = {};
    for (const h of KEPT_HEADERS) {
      const v = reply.getHeader(h);
      if (v !== undefined) headers[h] = String(v);
    }
    await repo.complete(request.principal.name, key, reply.statusCode, headers, payload);
    return payload;
  });
}
