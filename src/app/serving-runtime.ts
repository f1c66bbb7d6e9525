import { setFlagsFromString } from 'node:v8';

/**
 * The V8 setting of a process that serves for a long time (`cairn serve`), applied once before it
 * loads the server.
 *
 * Allocation-site pretenuring is turned off. V8 watches each object or array literal in the code:
 * when nearly every object one made since the last collection is still alive at a young-generation
 * collection, it decides, for the rest of the process, to make that literal's objects in the old
 * generation. A request that builds a thousand objects and is interrupted by a collection half-way
 * through (a diff of 1 000 changes) looks exactly like that, although its objects die when it
 * answers. Made in the old generation, they then hold the young objects they point to through
 * every young collection until the next full one, which copies and promotes them: a diff's
 * collections took 6–17 ms instead of 2–4, and a served diff's p99 doubled (issue 14, eighteenth
 * round, docs/benchmarks.md). A server's work is such requests; a long import gains a few per cent
 * from pretenuring, so short commands keep V8's default.
 */
export function tuneRuntimeForServing(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
}
