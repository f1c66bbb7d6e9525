import { InputError, type FieldError } from './errors.js';
import { runPaced, runThrough, SLICE, type Steps } from './pace.js';

/**
 * A UTF-16 surrogate without its partner. JSON can carry one (`"\ud800"`), but UTF-8 cannot: the
 * database stores U+FFFD instead, so what was hashed into the audit chain is not what was stored.
 * Without the `u` flag the pattern works on code units, which is what finds them.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a string cannot be stored as sent, or undefined when it can. */
export function textProblem(text: string): string | undefined {
  if (LONE_SURROGATE.test(text)) return 'is not well-formed Unicode: it holds a lone UTF-16 surrogate';
  // PostgreSQL's text and jsonb cannot hold NUL (a 500 there); SQLite would, so both refuse it.
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  return undefined;
}

/**
 * Pushes a field error for every string (and every mapping key) in a parsed value that cannot be
 * stored as sent, with its path (`cis[0].name`); at most `max` of them, so a huge bad input gives
 * a short answer. The walk is iterative: a deeply nested value cannot overflow the stack.
 */
export function collectTextProblems(value: unknown, path: string, errors: FieldError[], max = 20): void {
  runThrough(textProblemWalk(value, path, errors, max));
}

/**
 * collectTextProblems for a server: the same walk, letting the event loop run every
 * WALK_STEP values, so the check of a large request body does not hold other requests.
 */
export async function collectTextProblemsPaced(
  value: unknown,
  path: string,
  errors: FieldError[],
  max = 20,
): Promise<void> {
  await runPaced(textProblemWalk(value, path, errors, max));
}

/** Nesting past which holdsTextProblem answers "maybe" (true) and leaves the value to the iterative walk. */
const QUICK_DEPTH = 64;

/**
 * Whether collectTextProblems would find anything, without building a path for every value: an
 * import checks every record it reads, nearly all of them fine. Recursive, so bounded: past
 * QUICK_DEPTH it says true and the iterative walk decides.
 */
export function holdsTextProblem(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return textProblem(value) !== undefined;
  if (typeof value !== 'object' || value === null || value instanceof Date || ArrayBuffer.isView(value)) return false;
  if (depth >= QUICK_DEPTH) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (holdsTextProblem(value[i], depth + 1)) return true;
    return false;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (textProblem(key) !== undefined || holdsTextProblem((value as Record<string, unknown>)[key], depth + 1))
      return true;
  }
  return false;
}

/**
 * holdsTextProblem for a whole document, pausing every SLICE items of a list at its top or
 * one level down (`cis`, `relations`; `delete`'s lists are checked at once). Nearly every document is fine, and the walk that
 * names each problem's path built a path and a tuple for every value first: a tenth of what an
 * apply of 1 000 CIs allocated (issue 14).
 */
export function* holdsTextProblemPaced(value: unknown, depth = 0): Steps<boolean> {
  if (Array.isArray(value)) {
    // Each item checked by the plain recursion: a generator per item cost more than the walk saved.
    for (let i = 0; i < value.length; i++) {
      if (i > 0 && i % SLICE === 0) yield;
      if (holdsTextProblem(value[i], depth + 1)) return true;
    }
    return false;
  }
  if (depth >= 1 || typeof value !== 'object' || value === null || value instanceof Date || ArrayBuffer.isView(value))
    return holdsTextProblem(value, depth);
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (textProblem(key) !== undefined) return true;
    if (yield* holdsTextProblemPaced((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}

/** Values walked between two pauses of collectTextProblemsPaced. */
const WALK_STEP = 50_000;

/** The walk of collectTextProblems; it pauses every WALK_STEP values (see Steps in pace.ts). */
export function* textProblemWalk(value: unknown, path: string, errors: FieldError[], max = 20): Steps<void> {
  const stack: [unknown, string][] = [[value, path]];
  let found = 0;
  let walked = 0;
  while (stack.length > 0 && found < max) {
    if (++walked % WALK_STEP === 0) yield;
    const [v, p] = stack.pop()!;
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) {
        errors.push({ path: p, message: problem });
        found++;
      }
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${p}[${i}]`]);
    } else if (typeof v === 'object' && v !== null && !(v instanceof Date) && !ArrayBuffer.isView(v)) {
      const entries = Object.entries(v as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, child] = entries[i]!;
        const childPath = p === '' ? k : `${p}.${k}`;
        if (textProblem(k)) {
          const message = k.includes('\u0000')
            ? 'has a key with a NUL character'
            : 'has a key that is not well-formed Unicode (a lone UTF-16 surrogate)';
          errors.push({ path: p === '' ? '(document)' : p, message });
          found++;
        } else stack.push([child, childPath]);
      }
    }
  }
}

/** Throws INVALID_TEXT naming each field whose text cannot be stored as sent. */
export function requireWellFormedText(value: unknown, path: string, what: string): void {
  const errors: FieldError[] = [];
  collectTextProblems(value, path, errors);
  if (errors.length > 0)
    throw new InputError('INVALID_TEXT', `${what} holds text that cannot be stored as sent`, errors);
}
