import type { FastifyInstance } from 'fastify';
import type { FieldError } from '../../core/shared/errors.js';
import { InputError } from '../../core/shared/errors.js';
import { collectTextProblems, collectTextProblemsPaced, holdsTextProblem } from '../../core/shared/well-formed-text.js';

/**
 * Refuses, before any route runs, a request whose path, query or body holds text that cannot be
 * stored as sent: a lone UTF-16 surrogate (JSON's `"\ud800"`), which the database would turn into
 * U+FFFD after it was hashed into the audit chain, or a NUL, which PostgreSQL cannot store at all.
 * One check for every route, so no stored field (a change's title, a webhook's URL…) is missed;
 * the core checks the same again for the CLI, which does not come through here.
 */
export function registerWellFormedText(app: FastifyInstance): void {
  // A callback hook: a request without a body (every GET) is checked with no promise to wait for.
  app.addHook('preValidation', (request, _reply, done) => {
    const errors: FieldError[] = [];
    // The walk that names each bad value's path runs only when the quick check finds one: it
    // builds a path string and a stack entry for every value, 1.5 µs of every GET (issue 14).
    if (holdsTextProblem(request.params)) collectTextProblems(request.params, 'params', errors);
    if (holdsTextProblem(request.query)) collectTextProblems(request.query, 'querystring', errors);
    if (request.body === undefined) {
      done(refusal(errors));
      return;
    }
    // A body may hold 100 000 items: walk it letting other requests in (see core/shared/pace.ts).
    collectTextProblemsPaced(request.body, 'body', errors).then(() => done(refusal(errors)), done);
  });
}

function refusal(errors: FieldError[]): InputError | undefined {
  if (errors.length === 0) return undefined;
  return new InputError(
    'INVALID_TEXT',
    `the request holds text that cannot be stored as sent: ${errors[0]!.path} ${errors[0]!.message}`,
    errors,
  );
}
