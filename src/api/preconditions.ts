import { AsyncLocalStorage } from 'node:async_hooks';
import type { WriteGuard } from '../core/cmdb/cmdb.service.js';
import { formatRef, type CiRef } from '../core/ci/desired-state.js';
import { PreconditionFailedError } from '../core/shared/errors.js';
import type { Services } from '../app/services.js';

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
    if (head !== exp.head) throw new PreconditionFailedError('HEAD_MOVED', `the CMDB moved on to revision ${head} since revision ${exp.head}: read it again and retry`);
  }
  if (exp.ci) {
    const { ref, rev } = exp.ci;
    const w = writes.cis.find((c) => (c.before ?? c.after)?.class === ref.class && (c.before ?? c.after)?.name === ref.name);
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
export async function checkAfterNoop(exp: Expectation | undefined, s: Pick<Services, 'history' | 'cis'>): Promise<void> {
  if (!exp) return;
  if (exp.head !== undefined) {
    const head = await s.history.headRev();
    if (head !== exp.head) throw new PreconditionFailedError('HEAD_MOVED', `the CMDB moved on to revision ${head} since revision ${exp.head}: read it again and retry`);
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
  return new PreconditionFailedError('CI_MOVED', `${formatRef(ref)} is no longer ${was}: ${now}; read it again and retry`);
}

/** Parses If-Match: `"42"`, `W/"42"`, a list of them, or `*`. Undefined when absent. */
export function parseIfMatch(header: string | undefined): number[] | '*' | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  if (header.trim() === '*') return '*';
  return header.split(',').map((t) => {
    const m = /^\s*(?:W\/)?"(\d+)"\s*$/.exec(t);
    return m ? Number(m[1]) : -1;
  });
}

export function etagOf(rev: number): string {
  return `"${rev}"`;
}
