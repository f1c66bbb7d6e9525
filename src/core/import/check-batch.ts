import { checkCi, checkRelation } from '../ci/desired-state-input.js';
import type { FieldError } from '../shared/errors.js';
import type { ImportPosition } from './import.types.js';
import { positionOf, type Origins, type Pending } from './pending-batch.js';
import type { Screened } from './screen-unchanged.js';
import { unchangedCiIsSound, unchangedRelationIsSound } from './check-unchanged.js';

/**
 * The checks of a write batch's records, apart from the run that gathers them (import-run.ts):
 * a record is checked only once the screen has said whether it may write something, and every
 * problem goes to `reject` with the record's position in the input, so the user sees them all.
 */

/** Notes a record's problems at its position in the input (ImportRun.reject). */
export type Reject = (position: ImportPosition, errors: FieldError[]) => void;

type Check = (record: unknown, path: string, errors: FieldError[]) => void;

/**
 * Checks the records of a screened batch: those kept in full (checkCi, checkRelation), dropping
 * the bad ones from `screened`; those found unchanged for what their hash does not cover.
 * Notes the classes and types of the good ones.
 */
export function checkScreened(
  pending: Pending,
  screened: Screened,
  reject: Reject,
  classesNamed: Set<string>,
  typesNamed: Set<string>,
): void {
  const { cis, relations } = pending.state;
  const checkedCis = checkKept(cis, screened.cis, pending.ciAt, 'ci', checkCi, reject);
  const checkedRelations = checkKept(
    relations,
    screened.relations,
    pending.relationAt,
    'relation',
    checkRelation,
    reject,
  );
  forUnkept(cis.length, screened.cis, (i) => {
    const ci = cis[i]!;
    if (!unchangedCiIsSound(ci))
      checkAgain(ci, positionOf(pending.ciAt, i, 'ci'), checkCi, screened.unchanged, 'cis', reject);
    else classesNamed.add(ci.class);
  });
  forUnkept(relations.length, screened.relations, (i) => {
    const r = relations[i]!;
    if (!unchangedRelationIsSound(r))
      checkAgain(
        r,
        positionOf(pending.relationAt, i, 'relation'),
        checkRelation,
        screened.unchanged,
        'relations',
        reject,
      );
    else typesNamed.add(r.type);
  });
  for (const i of checkedCis) classesNamed.add(cis[i]!.class);
  for (const i of checkedRelations) typesNamed.add(relations[i]!.type);
  screened.cis = checkedCis;
  screened.relations = checkedRelations;
}

/**
 * Rejects what the plan of a batch refused (computeWrites), at each record's position in the input
 * when its path names one, and returns the indexes (in the batch planned) of the records refused.
 */
export function rejectRefused(
  refused: FieldError[],
  ciAt: Origins,
  relationAt: Origins,
  reject: Reject,
): { cis: Set<number>; relations: Set<number> } {
  const rejected = { cis: new Set<number>(), relations: new Set<number>() };
  for (const e of refused) {
    const m = /^(cis|relations)\[(\d+)\]\.?(.*)$/.exec(e.path);
    if (m) rejected[m[1] as 'cis' | 'relations'].add(Number(m[2]));
    const kind = m?.[1] === 'cis' ? 'ci' : 'relation';
    const list = kind === 'ci' ? ciAt : relationAt;
    const where = m && Number(m[2]) < list.from.length ? positionOf(list, Number(m[2]), kind) : undefined;
    reject(where ?? { file: '(input)', location: e.path }, [{ path: m?.[3] ?? '', message: e.message }]);
  }
  return rejected;
}

/** The kept records that pass the full check; the others are rejected. */
function checkKept<T>(
  records: T[],
  kept: number[],
  origins: Origins,
  kind: 'ci' | 'relation',
  check: Check,
  reject: Reject,
): number[] {
  return kept.filter((i) => {
    const errors: FieldError[] = [];
    check(records[i], '', errors);
    if (errors.length > 0) reject(positionOf(origins, i, kind), errors);
    return errors.length === 0;
  });
}

/** An unchanged record the light check doubts: the full check names what is wrong, and it is no longer counted unchanged. */
function checkAgain(
  record: unknown,
  position: ImportPosition,
  check: Check,
  unchanged: Screened['unchanged'],
  kind: 'cis' | 'relations',
  reject: Reject,
): void {
  const errors: FieldError[] = [];
  check(record, '', errors);
  if (errors.length === 0) return;
  reject(position, errors);
  unchanged[kind]--;
}

/** Calls `each` with every index below `length` that is not in `kept` (ascending). */
function forUnkept(length: number, kept: number[], each: (i: number) => void): void {
  let k = 0;
  for (let i = 0; i < length; i++) {
    if (k < kept.length && kept[k] === i) k++;
    else each(i);
  }
}
