import type { DesiredState } from '../ci/desired-state.js';
import type { ImportBatch, ImportPosition } from './import.types.js';
import type { Screened } from './screen-unchanged.js';

/**
 * Where each pending record came from: its input batch and its index there, turned into a position
 * only for a record with a problem (nothing is built per record that has none), or its position
 * when already known. Two lists side by side, so that a record costs two slots, not an object.
 */
export interface Origins {
  from: (ImportBatch | ImportPosition)[];
  index: number[];
}

/** A write batch being gathered: its records, and where each came from. */
export interface Pending {
  state: DesiredState;
  /** The reference of each CI (refKey), made once. */
  ciRefs: string[];
  /** The input's number of each CI's reference (InputNames.lastCi), for remembering its id without looking it up again. */
  ciNumbers: number[];
  ciAt: Origins;
  relationAt: Origins;
  /**
   * The input's numbers (InputNames.lastEnds) of each relationship's `from` and `to`, two a
   * relationship, for the screen to find their ids without looking the references up again;
   * empty when not kept (the relationships that waited for later CIs).
   */
  relationEnds: number[];
}

/** The records of a batch the screen kept, with their positions in the input. */
export function keepScreened(pending: Pending, screened: Screened): Pending {
  const { state } = pending;
  if (screened.cis.length === state.cis.length && screened.relations.length === state.relations.length) return pending;
  return {
    state: {
      ...state,
      cis: screened.cis.map((i) => state.cis[i]!),
      relations: screened.relations.map((i) => state.relations[i]!),
    },
    ciRefs: screened.cis.map((i) => pending.ciRefs[i]!),
    ciNumbers: screened.cis.map((i) => pending.ciNumbers[i]!),
    ciAt: pick(pending.ciAt, screened.cis),
    relationAt: pick(pending.relationAt, screened.relations),
    relationEnds: [],
  };
}

function pick(origins: Origins, kept: number[]): Origins {
  return { from: kept.map((i) => origins.from[i]!), index: kept.map((i) => origins.index[i]!) };
}

/** The position of the j-th record of `origins`. */
export function positionOf(origins: Origins, j: number, kind: 'ci' | 'relation'): ImportPosition {
  const from = origins.from[j]!;
  return 'cis' in from ? locate(from, kind, origins.index[j]!) : from;
}

/** Where the i-th CI or relationship of a batch is: as its importer says, or named by its reference. */
export function locate(batch: ImportBatch, kind: 'ci' | 'relation', i: number): ImportPosition {
  const located = batch.locate?.(kind, i);
  if (located) return located;
  if (kind === 'ci') {
    const ci = batch.cis[i]!;
    return { file: '(input)', location: `${String(ci.class)}/${String(ci.name)}` };
  }
  const r = batch.relations[i]!;
  return { file: '(input)', location: `${String(r.type)} ${String(r.from)} → ${String(r.to)}` };
}

export function isEmptyState(state: DesiredState): boolean {
  return (
    state.cis.length === 0 && state.relations.length === 0 && !state.classes?.length && !state.relationTypes?.length
  );
}

export function emptyPending(): Pending {
  return {
    state: { cis: [], relations: [] },
    ciRefs: [],
    ciNumbers: [],
    ciAt: { from: [], index: [] },
    relationAt: { from: [], index: [] },
    relationEnds: [],
  };
}
