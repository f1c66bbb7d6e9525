import type { FastifyInstance } from 'fastify';
import { HttpProblem } from '../errors.js';

/**
 * A `limit` in the query must be written as digits. The schema's integer check runs after Ajv has
 * coerced the text to a number, and Ajv coerces `Infinity` (which then passes `maximum`), `1e3` and
 * `0x10`: Infinity reached the database as a page size and failed there with a 500.
 */
export function registerPageLimit(app: FastifyInstance): void {
  // A callback hook: nothing to wait for, so no promise per request.
  app.addHook('preValidation', (request, _reply, done) => {
    const limit = (request.query as Record<string, unknown> | undefined)?.limit;
    if (limit === undefined || (typeof limit === 'string' && /^\d{1,9}$/.test(limit))) {
      done();
      return;
    }
    done(
      new HttpProblem(
        'VALIDATION_FAILED',
        `the request querystring is invalid: querystring.limit must be a whole number written in digits, not ${JSON.stringify(limit)}`,
        [{ path: 'querystring.limit', message: 'must be a whole number written in digits' }],
      ),
    );
  });
}
