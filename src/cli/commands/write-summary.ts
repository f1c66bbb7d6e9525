import type { ApplyOutcome } from '../../core/ci/cmdb.service.js';
import { countWrites, outcomeJson, type WriteCounts } from '../../core/ci/write-views.js';

export { countWrites, outcomeJson, type WriteCounts };

/** "2 CIs added, 1 modified; 3 relationships added" */
export function describeCounts(c: WriteCounts): string {
  const part = (noun: string, x: { added: number; modified: number; removed: number }) => {
    const bits = [x.added && `${x.added} added`, x.modified && `${x.modified} modified`, x.removed && `${x.removed} removed`].filter(Boolean);
    return bits.length > 0 ? `${noun} ${bits.join(', ')}` : '';
  };
  const parts = [part('CIs', c.cis), part('relationships', c.relations), c.classes ? `${c.classes} class/type definitions written` : ''].filter((s) => s !== '');
  return parts.join('; ');
}


export function outcomeLine(o: ApplyOutcome): string {
  if (!o.revision) return 'No changes: nothing written.';
  return `Revision ${o.revision.rev}: ${describeCounts(countWrites(o.writes))}.`;
}
