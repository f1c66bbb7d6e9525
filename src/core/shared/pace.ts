/**
 * Keeping the event loop free during long computations. A server answers every request on one
 * thread: a plan of 100 000 CIs computed in one go kept `/healthz` waiting 13.7 s. Compute loops
 * over a request's items work a slice at a time and let the loop run between slices; a small
 * input (one slice) runs straight through, at no cost.
 */

/** Items a compute loop handles between two turns of the event loop. */
export const SLICE = 1000;

/** Lets the event loop run pending I/O and timers (other requests) before going on. */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Runs `work` over `items` a slice at a time, yielding to the event loop between slices, and
 * returns the results in order. `offset` is the index of the slice's first item in `items`.
 */
export async function bySlices<T, R>(
  items: readonly T[],
  work: (slice: T[], offset: number) => R[],
  size = SLICE,
): Promise<R[]> {
  if (items.length <= size) return work([...items], 0);
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    if (i > 0) await yieldToLoop();
    for (const r of work(items.slice(i, i + size), i)) out.push(r);
  }
  return out;
}

/**
 * Work written once as a generator that pauses (`yield`) where a server may let other requests
 * in, run two ways: straight through (the CLI, small inputs) or yielding to the event loop at
 * each pause (a server's large request).
 */
export type Steps<R> = Generator<void, R>;

/** Runs steps straight through, ignoring their pauses. */
export function runThrough<R>(steps: Steps<R>): R {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Runs steps, yielding to the event loop at each pause. */
export async function runPaced<R>(steps: Steps<R>): Promise<R> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await yieldToLoop();
  }
}
