import { RE2JS } from 're2js';
import safeRegex from 'safe-regex2';
import type { Options } from 'ajv';
import type { FieldError } from '../shared/errors.js';

type RegExpEngine = NonNullable<NonNullable<Options['code']>['regExp']>;

/**
 * Regular expressions in class schemas (`pattern`, `patternProperties`) are evaluated on every
 * write of a CI, with values sent by anyone who may write: a backtracking engine lets one stored
 * pattern such as `^(a+)+$` hang the server (ReDoS). So patterns are checked when a class is
 * applied, and always evaluated by RE2 (re2js), whose time is linear in the input.
 */

/** Longest value a stored pattern that RE2 cannot run is tried on with the native engine. */
export const MAX_FALLBACK_MATCH_LENGTH = 1000;

/**
 * Ajv's regular-expression engine for attribute schemas: RE2, linear in the input. A pattern
 * stored before RE2 was required may use syntax RE2 lacks (lookaround, backreferences); it runs on
 * the native engine only when safe-regex2 finds it linear, and only on values up to
 * MAX_FALLBACK_MATCH_LENGTH characters (a longer value does not match), so no stored pattern can
 * hang a read or a write.
 */
export const linearRegExp: RegExpEngine = Object.assign(
  (pattern: string, u: string): { test(s: string): boolean } => {
    try {
      const re = RE2JS.compile(pattern);
      return { test: (s: string) => re.test(s) };
    } catch {
      const native = new RegExp(pattern, u);
      if (!safeRegex(pattern)) return { test: () => false };
      return { test: (s: string) => s.length <= MAX_FALLBACK_MATCH_LENGTH && native.test(s) };
    }
  },
  { code: 'linearRegExp' },
);

/**
 * The problems of the patterns in a class's attribute schema, each naming its place: a pattern
 * that can take super-linear time (nested or overlapping repetition, as safe-regex2 judges), or one
 * RE2 cannot run.
 */
export function patternProblems(schema: unknown, path: string): FieldError[] {
  const errors: FieldError[] = [];
  // An explicit stack: a deeply nested schema must not overflow the call stack.
  const stack: { node: unknown; at: string }[] = [{ node: schema, at: path }];
  while (stack.length > 0) {
    const { node, at } = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      const here = Array.isArray(node) ? `${at}[${key}]` : `${at}.${key}`;
      if (key === 'pattern' && typeof value === 'string') {
        const problem = patternProblem(value);
        if (problem) errors.push({ path: here, message: problem });
      }
      if (key === 'patternProperties' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
        for (const p of Object.keys(value)) {
          const problem = patternProblem(p);
          if (problem) errors.push({ path: `${here}.${p}`, message: problem });
        }
      }
      stack.push({ node: value, at: here });
    }
  }
  return errors;
}

function patternProblem(pattern: string): string | undefined {
  try {
    RE2JS.compile(pattern);
  } catch (e) {
    return `"${pattern}" is not supported: patterns run on a linear-time engine (RE2) without lookaround or backreferences (${(e as Error).message})`;
  }
  if (!safeRegex(pattern))
    return `"${pattern}" can take super-linear time (nested or overlapping repetition such as (a+)+): write it without a repeated group that repeats`;
  return undefined;
}
