import type { ErrorCode, ErrorCodeOf } from './error-codes.js';

/**
 * Domain errors. They know nothing of HTTP or terminals: the API maps each to a status in one
 * place and the CLI prints the message and exits 1. Each kind takes only its own codes
 * (error-codes.ts), and every code is listed in docs/errors.md.
 */
export class CairnError<C extends ErrorCode = ErrorCode> extends Error {
  constructor(
    readonly code: C,
    message: string,
    /** Field-level details, e.g. the attribute that failed its schema. */
    readonly fields?: FieldError[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export interface FieldError {
  /** Where in the input, e.g. `cis[3].attributes.cpu`. */
  path: string;
  message: string;
}

/** The input was malformed or broke a rule of the model. */
export class InputError extends CairnError<ErrorCodeOf<'input'>> {}
/** A referenced thing does not exist. */
export class NotFoundError extends CairnError<ErrorCodeOf<'notFound'>> {}
/** The write conflicts with the current state (a name taken, a concurrent edit). */
export class ConflictError extends CairnError<ErrorCodeOf<'conflict'>> {}
/** The item moved on since the version the caller based its write on. */
export class PreconditionFailedError extends CairnError<ErrorCodeOf<'precondition'>> {}
/** A workflow transition that is not allowed from the current state. */
export class InvalidTransitionError extends CairnError<ErrorCodeOf<'transition'>> {}
/** The actor may not do this (role, segregation of duties, change control). */
export class NotAllowedError extends CairnError<ErrorCodeOf<'notAllowed'>> {}
/** The caller could not be identified. */
export class AuthenticationError extends CairnError<ErrorCodeOf<'authentication'>> {}
/** The database (or another service Cairn needs) cannot be reached: nothing was read or written. */
export class UnavailableError extends CairnError<ErrorCodeOf<'unavailable'>> {}

/** Joins field errors into the one sentence a terminal or `detail` shows. */
export function describeFieldErrors(summary: string, fields: FieldError[]): string {
  if (fields.length === 0) return summary;
  const shown = fields.slice(0, 5).map((f) => `${f.path} ${f.message}`);
  const more = fields.length > 5 ? ` (and ${fields.length - 5} more)` : '';
  return `${summary}: ${shown.join('; ')}${more}`;
}
