import { AsyncLocalStorage } from 'node:async_hooks';
import type { WriteGuard } from '../core/cmdb/cmdb.service.js';
import { formatRef, type CiRef } from '../core/ci/desired-state.js';
import { PreconditionFailedError } from '../core/shared/errors.js';
import type { Services } from '../app/services.js';
import { HttpProblem } from './errors.js';

/**
 * What a write request expects to find (from If-Match / If-None-Match), checked by a write guard
 * inside the CMDB's write transaction, under its lock: two servers racing on one item cannot
 * both pass. The request's expectation travels to the guard through AsyncLocalStorage, so the
 * core services stay unaware of HTTP.
 */
export interface Expectation {
  /** The head revision the whole-CMDB write is based on. */
  head?: number;
  /** One CI and the revision of its current version, or 'absent' (If-None-Match: *). */
  ci?: { ref: CiRef; rev: number | 'absent' };
}

const current = new AsyncLocalStorage<Expectation>();

export function withExpectation<T>(expectation: Expectation | undefined, work: () => Promise<T>): Promise<T> {
  return expectation ? current.run(expectation, work) : work();
}

export const preconditionGuard: WriteGuard = async ({ tx, writes }) => {
  const exp = current.getStore();
  if (!exp) return;
  if (exp.head !== undefined) {
    const head = (await tx.head())?.rev ?? 0;
    if (head !== exp.head)
      throw new PreconditionFailedError(
        'HEAD_MOVED',
        `the CMDB moved on to revision ${head} since revision ${exp.head}: read it again and retry`,
      );
  }
  if (exp.ci) {
    const { ref, rev } = exp.ci;
    const w = writes.cis.find(
      (c) => (c.before ?? c.after)?.class === ref.class && (c.before ?? c.after)?.name === ref.name,
    );
    if (!w) return;
    const actual = w.before ? w.before.revFrom : 'absent';
    if (actual !== rev) throw movedOn(ref, rev, actual);
  }
};

/**
 * A write that changed nothing never reaches the guard, yet the request's If-Match still has to
 * hold: two clients sending the same edit from the same stale ETag must not both succeed. Checked
 * after the (empty) transaction; versions only move forward, so a mismatch seen now was also
 * there then (at worst a concurrent writer makes this a 412 the client retries).
 */
export async function checkAfterNoop(
  exp: Expectation | undefined,
  s: Pick<Services, 'history' | 'cis'>,
): Promise<void> {
  if (!exp) return;
  if (exp.head !== undefined) {
    const head = await s.history.headRev();
    if (head !== exp.head)
      throw new PreconditionFailedError(
        'HEAD_MOVED',
        `the CMDB moved on to revision ${head} since revision ${exp.head}: read it again and retry`,
      );
  }
  if (exp.ci && exp.ci.rev !== 'absent') {
    const ci = await s.cis.find(exp.ci.ref);
    const actual = ci ? ci.revFrom : 'absent';
    if (actual !== exp.ci.rev) throw movedOn(exp.ci.ref, exp.ci.rev, actual);
  }
}

export function movedOn(ref: CiRef, expected: number | 'absent', actual: number | 'absent'): PreconditionFailedError {
  const was = expected === 'absent' ? 'absent' : `at revision ${expected}`;
  const now = actual === 'absent' ? 'it does not exist' : `it is at revision ${actual}`;
  return new PreconditionFailedError(
    'CI_MOVED',
    `${formatRef(ref)} is no longer ${was}: ${now}; read it again and retry`,
  );
}

/** One entity-tag of RFC 9110 §8.8.3: optional `W/`, then a quoted string of etagc characters. */
const ENTITY_TAG = /^(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"$/;

/**
 * Parses If-Match (RFC 9110 §13.1.1): `*`, or a comma-separated list of entity-tags. Returns the
 * revisions named by strong tags; a weak tag (`W/"42"`) never matches for a write (strong
 * comparison), so it is dropped, and a list of only weak tags matches nothing (412). A header
 * that is present but empty or not entity-tags is refused (400), never taken as absent: a client
 * that meant to guard its write must not have it pass silently. Undefined when absent.
 */
export function parseIfMatch(header: string | undefined): number[] | '*' | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (value === '*') return '*';
  const tags = value.split(',').map((t) => t.trim());
  // RFC 9110 §5.6.1: empty list elements are allowed and ignored, but at least one tag is needed.
  const nonEmpty = tags.filter((t) => t !== '');
  const bad = nonEmpty.find((t) => !ENTITY_TAG.test(t));
  if (nonEmpty.length === 0 || bad !== undefined) {
    const why = nonEmpty.length === 0 ? 'is empty' : `holds ${JSON.stringify(bad)}, which is not an entity-tag`;
    throw new HttpProblem('INVALID_IF_MATCH', `the If-Match header ${why}: send "*" or the ETag you read, like "42"`, [
      { path: 'headers.if-match', message: 'must be * or a list of entity-tags like "42"' },
    ]);
  }
  const revisions: number[] = [];
  for (const tag of nonEmpty) {
    const [, weak, opaque] = ENTITY_TAG.exec(tag)!;
    // A strong tag that is not a revision number is well-formed but matches nothing.
    if (!weak && /^\d{1,15}$/.test(opaque!)) revisions.push(Number(opaque));
  }
  return revisions;
}

export function etagOf(rev: number): string {
  return `"${rev}"`;
}
