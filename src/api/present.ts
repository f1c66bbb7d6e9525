import type { ApplyOutcome } from '../core/ci/cmdb.service.js';
import { formatRef } from '../core/ci/desired-state.js';
import type { PendingWrites } from '../core/revision/persist-revision.js';
import { InputError } from '../core/shared/errors.js';

/** What a write did, the same shape `cairn apply -o json` prints. */
export function outcomeJson(o: ApplyOutcome) {
  return { revision: o.revision?.rev ?? null, hash: o.revision?.hash ?? null, ...countWrites(o.writes) };
}

export function countWrites(w: PendingWrites) {
  const count = (list: { before?: unknown; after?: unknown }[]) => ({
    added: list.filter((x) => x.after && !x.before).length,
    modified: list.filter((x) => x.after && x.before).length,
    removed: list.filter((x) => !x.after && x.before).length,
  });
  return { cis: count(w.cis), relations: count(w.relations), classes: w.model.length };
}

/** What apply would write, as `cairn plan -o json` prints it (without the impact). */
export function planJson(o: ApplyOutcome) {
  const ref = (id: string) => o.refs.get(id) ?? id;
  const action = (w: { before?: unknown; after?: unknown }) => (w.after && w.before ? 'modify' : w.after ? 'add' : 'remove');
  return {
    revision: null,
    hash: null,
    classes: o.writes.model.length,
    cis: o.writes.cis.map((w) => ({
      ref: formatRef((w.after ?? w.before)!),
      action: action(w),
      before: w.before ? { status: w.before.status, attributes: w.before.attributes, labels: w.before.labels } : null,
      after: w.after ? { status: w.after.status, attributes: w.after.attributes, labels: w.after.labels } : null,
    })),
    relations: o.writes.relations.map((w) => {
      const r = (w.after ?? w.before)!;
      return { ref: `${ref(r.sourceId)} ${r.type} ${ref(r.targetId)}`, action: action(w) };
    }),
  };
}

/** The CIs whose change a plan would propagate from: those it modifies or removes, and relationship ends. */
export function planRoots(o: ApplyOutcome): string[] {
  const touched = o.writes.cis.flatMap((w) => (w.before ? [w.before.id] : []));
  const ends = o.writes.relations.flatMap((w) => [w.before ?? w.after!].flatMap((r) => [r.sourceId, r.targetId]));
  return [...new Set([...touched, ...ends])];
}

/** Opaque page cursors: base64url JSON, so clients cannot come to depend on their content. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T>(cursor: string, check: (v: unknown) => v is T): T {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (check(v)) return v;
  } catch {
    // fall through to the error below
  }
  throw new InputError('INVALID_CURSOR', 'the cursor is not one this API gave out: start again without it', [{ path: 'query.cursor', message: 'is not a cursor from a previous page' }]);
}

/** `k=v` pairs of repeated query parameters. */
export function pairs(values: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of values ?? []) {
    const eq = p.indexOf('=');
    out[p.slice(0, eq)] = p.slice(eq + 1);
  }
  return out;
}
