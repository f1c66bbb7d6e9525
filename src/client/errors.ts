/**
 * Errors a client raises, whatever its transport. A local client raises the core's own errors
 * (InputError, NotFoundError, …); the HTTP client raises these, from the server's problem details.
 */

/** The server refused the request: `message` is the problem's `detail`, the sentence to show a person. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/** The server could not be reached at all (refused, timed out, name not found). */
export class UnreachableError extends Error {}
