import { checkCi, checkRelation } from '../ci/desired-state-input.js';
import type { DesiredCi, DesiredRelation } from '../ci/desired-state.js';
import type { ObservationScope } from './scope.js';
import { decodeCursor, encodeCursor } from '../shared/cursor.js';
import { describeFieldErrors, InputError, type FieldError } from '../shared/errors.js';
import type { CheckInput } from './drift-check.js';
import { parseNumberedRef, type Finding, type FindingFilter } from './drift.types.js';

/**
 * What the faces hand the drift service, as they receive it: the API's bodies and queries, the
 * CLI's options. Checked here once, so that both faces refuse the same input with the same words.
 */

/** Which findings to resolve: named ones, or every open one (of a source); one or the other. */
export interface FindingSelection {
  ids?: string[];
  allOpen?: boolean;
  /** With `allOpen`: of this source only. */
  source?: string;
}

/** Named finding numbers, or every open finding of an optional source. */
export type ResolvedSelection = { numbers: number[] } | { allOpen: true; source?: string };

export function resolveSelection(selection: FindingSelection): ResolvedSelection {
  const ids = selection.ids ?? [];
  if (selection.allOpen === true && ids.length > 0) {
    throw new InputError('DRIFT_SELECTION', 'name findings or ask for all open ones (--all-open), not both', [
      { path: 'ids', message: 'not with allOpen' },
    ]);
  }
  if (selection.allOpen === true)
    return { allOpen: true, ...(selection.source !== undefined ? { source: selection.source } : {}) };
  if (ids.length === 0)
    throw new InputError('DRIFT_NOTHING_TO_RESOLVE', 'name the findings to resolve (DRF-n …) or use --all-open', [
      { path: 'ids', message: 'required without allOpen' },
    ]);
  return {
    numbers: ids.map((id) => {
      const n = parseNumberedRef(id, 'DRF');
      if (n === undefined) throw new InputError('DRIFT_FINDING_REF_INVALID', `"${id}" is not a finding id (DRF-n)`);
      return n;
    }),
  };
}

/** An observation sent to be checked: items already in Cairn's desired-state form, not yet trusted. */
export interface SubmittedCheck {
  source: string;
  /** `cairn` (default) or the import format the sender read the observation with. */
  format?: string;
  file?: string;
  observedAt?: string;
  hash?: string;
  /** What the observation covers when it is partial or scoped; checked against the model by the check. */
  scope?: ObservationScope;
  observed: { cis: unknown[]; relations?: unknown[] };
}

/** Checks the items' shape (class, name, known fields) and gives the check's input. */
export function checkInputOf(submitted: SubmittedCheck, author: string): CheckInput {
  const errors: FieldError[] = [];
  submitted.observed.cis.forEach((ci, i) => checkCi(ci, `observed.cis[${i}]`, errors));
  const relations = submitted.observed.relations ?? [];
  relations.forEach((r, i) => checkRelation(r, `observed.relations[${i}]`, errors));
  if (errors.length > 0)
    throw new InputError(
      'DRIFT_OBSERVATION_INVALID',
      describeFieldErrors("the observed items are not CIs and relationships in Cairn's form", errors),
      errors,
    );
  const { observed, format, ...rest } = submitted;
  return {
    ...rest,
    format: format ?? 'cairn',
    observed: { cis: observed.cis as DesiredCi[], relations: relations as DesiredRelation[] },
    author,
  };
}

/** A page of `drift list` and GET /drift/findings: filters, at most `limit`, after the cursor. */
export interface FindingListQuery extends FindingFilter {
  limit: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

export interface FindingPage {
  items: Finding[];
  nextCursor: string | null;
  /** How many findings match in all; on the first page only. */
  total?: number;
}

/** Where a page of findings ended: the last finding's number. */
interface FindingCursor {
  after: number;
}
const isFindingCursor = (v: unknown): v is FindingCursor =>
  typeof v === 'object' && v !== null && Number.isSafeInteger((v as FindingCursor).after);

export function afterCursor(cursor: string | undefined): number | undefined {
  return cursor === undefined ? undefined : decodeCursor(cursor, isFindingCursor).after;
}

export function cursorAfter(finding: Finding): string {
  return encodeCursor({ after: parseNumberedRef(finding.id, 'DRF')! } satisfies FindingCursor);
}

/** Checks `OBS-n` (or n) and gives it in its canonical form. */
export function observationFilter(id: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  const n = parseNumberedRef(id, 'OBS');
  if (n === undefined)
    throw new InputError('DRIFT_OBSERVATION_REF_INVALID', `"${id}" is not an observation id (OBS-n)`, [
      { path: 'observation', message: 'must be OBS-n' },
    ]);
  return `OBS-${n}`;
}
