import type { FastifyInstance } from 'fastify';
import { InputError } from '../../core/shared/errors.js';
import { MAX_INPUT_DEPTH } from '../../core/shared/limits.js';

/**
 * How deep the lists and objects of a JSON text nest, read from the text before it is parsed:
 * one pass over the characters, skipping strings, and stopping at the first level past `max`.
 */
export function jsonTextDepthOver(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash: the next character is escaped, whatever it is
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/**
 * Refuses a JSON body nested more than MAX_INPUT_DEPTH levels before it is parsed. Everything
 * after parsing (hooks, schema checks, hashing, the database's JSON functions) may walk the body,
 * some of it recursively: 10 000 levels gave a 500, and 1 000 levels in an attribute, once stored,
 * made every `?attr=` query on SQLite fail. The core bounds attribute values more tightly still.
 */
export function registerBodyDepth(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'ignore');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (jsonTextDepthOver(text, MAX_INPUT_DEPTH)) {
      done(
        new InputError(
          'INPUT_TOO_DEEP',
          `the request body nests lists and objects more than ${MAX_INPUT_DEPTH} levels deep`,
          [{ path: 'body', message: `nests more than ${MAX_INPUT_DEPTH} levels deep (the limit)` }],
        ),
        undefined,
      );
      return;
    }
    void parseJson(request, text, done);
  });
}
