import type { ApplyOutcome } from '../../core/ci/cmdb.service.js';
import type { PendingWrites } from '../../core/revision/persist-revision.js';

export interface WriteCounts {
  cis: { added: number; modified: number; removed: number };
  relations: { added: number; modified: number; removed: number };
  classes: number;
}

export function countWrites(w: PendingWrites): WriteCounts {
  const count = (list: { before?: unknown; after?: unknown }[]) => ({
    added: list.filter((x) => x.after && !x.before).length,
    modified: list.filter((x) => x.after && x.before).length,
    removed: list.filter((x) => !x.after && x.before).length,
  });
  return { cis: count(w.cis), relations: count(w.relations), classes: w.model.length };
}

/** "2 CIs added, 1 modified; 3 relationships added" */
export function describeCounts(c: WriteCounts): string {
  const part = (noun: string, x: { added: number; modified: number; removed: number }) => {
    const bits = [x.added && `${x.added} added`, x.modified && `${x.modified} modified`, x.removed && `${x.removed} removed`].filter(Boolean);
    return bits.length > 0 ? `${noun} ${bits.join(', ')}` : '';
  };
  const parts = [part('CIs', c.cis), part('relationships', c.relations), c.classes ? `${c.classes} class/type definitions written` : ''].filter((s) => s !== '');
  return parts.join('; ');
}

export function outcomeJson(o: ApplyOutcome) {
  return { revision: o.revision?.rev ?? null, hash: o.revision?.hash ?? null, ...countWrites(o.writes) };
}

export function outcomeLine(o: ApplyOutcome): string {
  if (!o.revision) return 'No changes: nothing written.';
  return `Revision ${o.revision.rev}: ${describeCounts(countWrites(o.writes))}.`;
}
