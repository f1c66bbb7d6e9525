import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Command } from 'commander';
import { ProblemError, UnreachableError } from '../client/errors.js';
import { InputError, NotFoundError, UnavailableError } from '../core/shared/errors.js';
import { CliUsageError } from './output.js';
import { run } from './program.js';

// `cairn cab` stands for any command: here its action throws whatever the case says.
const thrown = vi.hoisted((): { error: unknown } => ({ error: undefined }));
vi.mock('./commands/cab.js', () => ({
  registerCab: (program: Command) =>
    program.command('cab').action(() => {
      throw thrown.error;
    }),
}));

afterEach(() => {
  vi.restoreAllMocks();
});

// Exit statuses of docs/cli.md, written out independently of program.ts's EXIT table.
describe('the exit status of a failed command', () => {
  it.each([
    ['bad input', new InputError('INVALID_REF', 'web-01 is not class/name'), 1, 'cairn: web-01 is not class/name'],
    [
      'an unknown name',
      new NotFoundError('CI_NOT_FOUND', 'server/x does not exist'),
      1,
      'cairn: server/x does not exist',
    ],
    ['a usage mistake', new CliUsageError('output format "xml" is not one of table, json'), 1, 'cairn: output format'],
    [
      'a refusal by the server',
      new ProblemError(409, 'TOKEN_EXISTS', 'a token named ci exists'),
      1,
      'cairn: a token named ci exists',
    ],
    [
      'the database unreachable',
      new UnavailableError('DATABASE_UNAVAILABLE', 'cannot reach the database'),
      2,
      'cairn: cannot reach the database',
    ],
    [
      'the server unreachable',
      new UnreachableError('cannot reach the Cairn server'),
      2,
      'cairn: cannot reach the Cairn server',
    ],
    [
      "the server's database unreachable",
      new ProblemError(503, 'DATABASE_UNAVAILABLE', 'the database cannot be reached'),
      2,
      'cairn: the database cannot be reached',
    ],
    [
      'a bug',
      new TypeError("cannot read properties of undefined (reading 'rev')"),
      70,
      'cairn: internal error: cannot read',
    ],
    ['a thrown non-error', 'boom', 70, 'cairn: internal error: boom'],
    [
      'a bug on the server',
      new ProblemError(500, 'INTERNAL', 'an internal error occurred; quote request id r-1'),
      70,
      'cairn: internal error on the server: an internal error occurred; quote request id r-1',
    ],
  ])('is right for %s', async (_case, error, status, sentence) => {
    thrown.error = error;
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await run(['node', 'cairn', 'cab'])).toBe(status);
    expect(String(stderr.mock.calls[0]?.[0])).toContain(sentence);
  });
});
