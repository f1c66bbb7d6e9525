import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  AuthenticationError,
  CairnError,
  ConflictError,
  InputError,
  InvalidTransitionError,
  NotAllowedError,
  NotFoundError,
  PreconditionFailedError,
  UnavailableError,
  type FieldError,
} from '../core/shared/errors.js';
import type { ErrorCode, ErrorCodeOf } from '../core/shared/error-codes.js';
import type { ProblemDetails } from '../contracts/common.js';
import { invalidDocument } from '../core/shared/document-schema.js';
import { fieldErrorsOf } from '../core/shared/schema-errors.js';

type HttpOnlyCode = ErrorCodeOf<'http'>;

/** The status of each code that only exists over HTTP. */
export const HTTP_ONLY_STATUS: Record<HttpOnlyCode, number> = {
  VALIDATION_FAILED: 400,
  INVALID_IDEMPOTENCY_KEY: 400,
  INVALID_IF_MATCH: 400,
  CSRF_TOKEN_INVALID: 403,
  ROUTE_NOT_FOUND: 404,
  IDEMPOTENCY_IN_PROGRESS: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  TOO_MANY_LOGIN_ATTEMPTS: 429,
  LOCAL_LOGIN_DISABLED: 403,
  SSO_NOT_CONFIGURED: 404,
  SSO_STATE_MISMATCH: 400,
  SSO_TOKEN_INVALID: 401,
  SSO_PROVIDER_ERROR: 502,
  INTERNAL: 500,
};

/** Errors that only exist over HTTP (idempotency, CSRF, rate limits); their code gives their status. */
export class HttpProblem extends CairnError<HttpOnlyCode> {
  readonly status: number;
  constructor(
    code: HttpOnlyCode,
    message: string,
    fields?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(code, message, fields);
    this.status = HTTP_ONLY_STATUS[code];
  }
}

/** A code of an error Fastify raised itself (415, 413, a body that is not JSON), sent as it came. */
type PassedThroughCode = string & { readonly passedThrough: true };

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The one mapping from domain errors to HTTP statuses. */
export function statusOf(e: CairnError): number {
  if (e instanceof HttpProblem) return e.status;
  if (e instanceof InputError) return 400;
  if (e instanceof AuthenticationError) return 401;
  if (e instanceof NotAllowedError) return 403;
  if (e instanceof NotFoundError) return 404;
  if (e instanceof ConflictError || e instanceof InvalidTransitionError) return 409;
  if (e instanceof PreconditionFailedError) return 412;
  if (e instanceof UnavailableError) return 503;
  // A domain error without a mapping is a bug here, not the caller's mistake.
  return 500;
}

/**
 * Problem details for a Cairn code, or for one of Fastify's own request errors passed through
 * (`FST_ERR_…` and the like, which Cairn does not list).
 */
function problem(
  request: FastifyRequest,
  status: number,
  code: ErrorCode | PassedThroughCode,
  detail: string,
  errors?: FieldError[],
): ProblemDetails {
  const body: ProblemDetails = {
    type: `urn:cairn:error:${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    instance: request.url,
    requestId: String(request.id),
  };
  if (errors && errors.length > 0) body.errors = errors;
  return body;
}

function sendProblem(reply: FastifyReply, body: ProblemDetails, headers: Record<string, string> = {}): FastifyReply {
  return reply
    .code(body.status)
    .headers(headers)
    .type('application/problem+json')
    .serializer(JSON.stringify)
    .send(body);
}

/** Fastify's error handler: every error becomes problem details; internal ones are logged, never shown. */
export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof UnavailableError) {
    request.log.error({ err: error }, 'database unavailable');
    return sendProblem(reply, problem(request, 503, error.code, 'the database cannot be reached; try again shortly'));
  }
  if (isCairnError(error)) {
    const status = statusOf(error);
    if (status === 500) return internal(error, request, reply);
    if (status === 401) reply.header('www-authenticate', 'Bearer realm="cairn"');
    return sendProblem(
      reply,
      problem(request, status, error.code, error.message, error.fields),
      error instanceof HttpProblem ? error.headers : {},
    );
  }
  const fe = error as FastifyError;
  if (fe.validation) {
    const document = request.routeOptions.config.document;
    if (document && fe.validationContext === 'body') {
      const invalid = invalidDocument(document, fieldErrorsOf(fe.validation));
      return sendProblem(reply, problem(request, statusOf(invalid), invalid.code, invalid.message, invalid.fields));
    }
    // The same words as the core's document errors: the field's path and what is wrong with it.
    const fields = fieldErrorsOf(fe.validation, fe.validationContext ?? 'body');
    const detail = `the request ${fe.validationContext ?? 'body'} is invalid: ${fields
      .slice(0, 3)
      .map((f) => `${f.path} ${f.message}`)
      .join('; ')}`;
    return sendProblem(
      reply,
      problem(request, HTTP_ONLY_STATUS.VALIDATION_FAILED, 'VALIDATION_FAILED', detail, fields),
    );
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return sendProblem(
      reply,
      problem(request, fe.statusCode, (fe.code ?? 'BAD_REQUEST') as PassedThroughCode, sentence(fe.message)),
    );
  }
  return internal(error, request, reply);
}

/** Narrows like `instanceof`, but to the error's codes rather than to `CairnError<any>`. */
function isCairnError(error: unknown): error is CairnError {
  return error instanceof CairnError;
}

/** A bug, not the caller's mistake: logged in full, answered with the request id to quote. */
function internal(error: Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  request.log.error({ err: error }, 'internal error');
  return sendProblem(
    reply,
    problem(
      request,
      HTTP_ONLY_STATUS.INTERNAL,
      'INTERNAL',
      `an internal error occurred; quote request id ${String(request.id)} when reporting it`,
    ),
  );
}

export function handleNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(
    reply,
    problem(
      request,
      HTTP_ONLY_STATUS.ROUTE_NOT_FOUND,
      'ROUTE_NOT_FOUND',
      `there is no ${request.method} ${request.url.split('?')[0]} in the API (see /api/docs)`,
    ),
  );
}

function sentence(message: string): string {
  const m = message.replace(/^FST_\w+:\s*/, '');
  return m.charAt(0).toLowerCase() + m.slice(1);
}
