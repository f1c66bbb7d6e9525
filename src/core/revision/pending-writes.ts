import type { CiVersion, RelationVersion } from '../ci/ci.types.js';
import type { ModelVersion } from '../model/model-version.types.js';
import type { RevisionWrites } from './revision.types.js';

/** Version writes of one revision: for each, the version it ends (if any) and the one it starts. */
export interface PendingWrites {
  cis: { before?: CiVersion; after?: CiVersion }[];
  relations: { before?: RelationVersion; after?: RelationVersion }[];
  model: { before?: ModelVersion; after?: ModelVersion }[];
}

export function isEmpty(w: PendingWrites): boolean {
  return w.cis.length === 0 && w.relations.length === 0 && w.model.length === 0;
}

/** Collects the version writes of one revision as they are persisted batch by batch. */
export function emptyWrites(): PendingWrites {
  return { cis: [], relations: [], model: [] };
}

export function appendWrites(into: PendingWrites, more: PendingWrites): void {
  for (const w of more.cis) into.cis.push(w);
  for (const w of more.relations) into.relations.push(w);
  for (const w of more.model) into.model.push(w);
}

/** The versions a revision creates and ends, in the shape the hash chain reads them. */
export function revisionWritesOf(writes: PendingWrites): RevisionWrites {
  // Loops, not flatMap: an import passes 5 000 writes a batch, and flatMap made an array for each.
  const created = <T>(list: { after?: T }[]) => {
    const out: T[] = [];
    for (const w of list) if (w.after) out.push(w.after);
    return out;
  };
  const ended = <T>(list: { before?: T }[]) => {
    const out: T[] = [];
    for (const w of list) if (w.before) out.push(w.before);
    return out;
  };
  return {
    createdCis: created(writes.cis),
    endedCis: ended(writes.cis),
    createdRelations: created(writes.relations),
    endedRelations: ended(writes.relations),
    createdModel: created(writes.model),
    endedModel: ended(writes.model),
  };
}

/** The model versions a revision creates and ends (few: kept in memory even by a large import). */
export function modelWritesOf(writes: PendingWrites): Pick<RevisionWrites, 'createdModel' | 'endedModel'> {
  return {
    createdModel: writes.model.flatMap((w) => (w.after ? [w.after] : [])),
    endedModel: writes.model.flatMap((w) => (w.before ? [w.before] : [])),
  };
}
