import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode, type ErrorKind } from '../core/shared/error-codes.js';
import {
  AuthenticationError,
  ConflictError,
  InputError,
  InvalidTransitionError,
  NotAllowedError,
  NotFoundError,
  PreconditionFailedError,
  UnavailableError,
  type CairnError,
} from '../core/shared/errors.js';
import { HTTP_ONLY_STATUS, statusOf } from './errors.js';

// Holds docs/errors.md to the codes Cairn can return, both ways, as Fastify's
// test/internals/errors.test.js holds its docs to lib/errors.js.

/** The words docs/errors.md uses for each kind. */
const KIND_IN_DOCS: Record<ErrorKind, string> = {
  input: 'input',
  authentication: 'authentication',
  notAllowed: 'not allowed',
  notFound: 'not found',
  conflict: 'conflict',
  transition: 'transition',
  precondition: 'precondition',
  unavailable: 'unavailable',
  http: 'http',
};

/** The error each kind of code is thrown with; its status comes from the API's one mapping. */
const ERROR_OF_KIND: Record<Exclude<ErrorKind, 'http'>, (code: never) => CairnError> = {
  input: (code) => new InputError(code, 'x'),
  authentication: (code) => new AuthenticationError(code, 'x'),
  notAllowed: (code) => new NotAllowedError(code, 'x'),
  notFound: (code) => new NotFoundError(code, 'x'),
  conflict: (code) => new ConflictError(code, 'x'),
  transition: (code) => new InvalidTransitionError(code, 'x'),
  precondition: (code) => new PreconditionFailedError(code, 'x'),
  unavailable: (code) => new UnavailableError(code, 'x'),
};

interface DocumentedCode {
  code: string;
  kind: string;
  status: number;
}

/** Every `| \`CODE\` [/ \`CODE\`] | kind | status | when |` row of the page's tables. */
function documentedCodes(): DocumentedCode[] {
  const page = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  const rows: DocumentedCode[] = [];
  for (const line of page.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (!cells[1]?.startsWith('`')) continue;
    for (const [, code] of cells[1].matchAll(/`(\w+)`/g))
      rows.push({ code: code!, kind: cells[2]!, status: Number(cells[3]) });
  }
  return rows;
}

const codes = (Object.entries(ERROR_CODES) as [ErrorKind, readonly ErrorCode[]][]).flatMap(([kind, list]) =>
  list.map((code) => ({ code, kind })),
);
const documented = documentedCodes();

function statusOfCode(code: ErrorCode, kind: ErrorKind): number {
  if (kind === 'http') return HTTP_ONLY_STATUS[code as keyof typeof HTTP_ONLY_STATUS];
  return statusOf(ERROR_OF_KIND[kind](code as never));
}

describe('docs/errors.md and the error codes', () => {
  it('reads the tables of the page', () => {
    expect(documented.length).toBeGreaterThan(50);
  });

  it('has each code in one kind only', () => {
    const seen = codes.map((c) => c.code);
    expect(seen.filter((c, i) => seen.indexOf(c) !== i)).toEqual([]);
  });

  it('documents each code once', () => {
    const seen = documented.map((d) => d.code);
    expect(seen.filter((c, i) => seen.indexOf(c) !== i)).toEqual([]);
  });

  it.each(codes)('documents $code ($kind) with its kind and status', ({ code, kind }) => {
    const row = documented.find((d) => d.code === code);
    expect(row, `${code} is missing from docs/errors.md`).toBeDefined();
    expect(row).toEqual({ code, kind: KIND_IN_DOCS[kind], status: statusOfCode(code, kind) });
  });

  it.each(documented)('documents $code, which Cairn can return', ({ code }) => {
    expect(codes.map((c) => c.code)).toContain(code);
  });
});

describe('statuses of the kinds', () => {
  // Written out independently of src/api/errors.ts.
  it.each([
    ['input', 400],
    ['authentication', 401],
    ['notAllowed', 403],
    ['notFound', 404],
    ['conflict', 409],
    ['transition', 409],
    ['precondition', 412],
    ['unavailable', 503],
  ] as const)('maps %s to %i', (kind, status) => {
    expect(statusOf(ERROR_OF_KIND[kind](ERROR_CODES[kind][0] as never))).toBe(status);
  });
});
