import type { CiVersion } from '../ci/ci.types.js';
import type { DesiredState } from '../ci/desired-state.js';
import type { PendingWrites } from '../revision/pending-writes.js';
import type { InputNames } from './input-names.js';

/**
 * Keeps, for later batches, the id of every CI a batch's plan holds current (`current`: written or
 * read, by `class/name`), and notes the CIs it creates.
 *
 * A batch of CI records alone (an import's usual batch: no relationship, no deletion) holds no
 * other CI than its records, so each is remembered by the number its repeat check gave it
 * (`numbers`, beside `refs`), and its id is numbered once for both: looking its reference up
 * again and its id twice cost about a twentieth of an import's CI phase (issue 14). The plan
 * writes in the records' order, so a record's write, if any, is the next one whose version it
 * finds current. Anything else (a batch with relationships, whose ends the plan may have read
 * too, or a plan not in that order) takes the general way, which gives the same result.
 */
export function rememberPlanned(
  named: InputNames,
  batch: DesiredState,
  refs: readonly string[],
  numbers: readonly number[],
  current: ReadonlyMap<string, CiVersion>,
  writes: PendingWrites['cis'],
): void {
  const simple = batch.relations.length === 0 && !batch.delete?.cis?.length && !batch.delete?.relations?.length;
  let found = 0;
  let next = 0;
  if (simple)
    for (let k = 0; k < refs.length; k++) {
      const v = current.get(refs[k]!);
      if (v === undefined) continue;
      found++;
      const w = writes[next];
      const mine = w !== undefined && w.after === v;
      if (mine) next++;
      named.rememberIdOfNumber(numbers[k]!, v.id, mine && w.before === undefined);
    }
  if (simple && found === current.size && next === writes.length) return;
  // The general way: every current CI by its reference, every created one by its id (again, for
  // those the loop above saw: the same values, set twice).
  for (const [ref, v] of current) named.rememberId(ref, v.id);
  for (const w of writes) if (w.after && !w.before) named.addCreated(w.after.id);
}
