import type { ApplyOutcome } from '../../core/ci/cmdb.service.js';
import { countWrites, outcomeJson } from '../../core/ci/write-views.js';
import type { WriteOutcome } from '../../contracts/ci.contracts.js';

export { countWrites, outcomeJson };

export type WriteCounts = Pick<WriteOutcome, 'cis' | 'relations' | 'classes'>;

/** "2 CIs added, 1 modified; 3 relationships added" */
export function describeCounts(c: WriteCounts): string {
  const part = (noun: string, x: { added: number; modified: number; removed: number }) => {
    const bits = [x.added && `${x.added} added`, x.modified && `${x.modified} modified`, x.removed && `${x.removed} removed`].filter(Boolean);
    return bits.length > 0 ? `${noun} ${bits.join(', ')}` : '';
  };
  const parts = [part('CIs', c.cis), part('relationships', c.relations), c.classes ? `${c.classes} class/type definitions written` : ''].filter((s) => s !== '');
  return parts.join('; ');
}

/** What a write did, in one line: "Revision 12: CIs 2 added." or "No changes: nothing written." */
export function outcomeText(o: WriteOutcome): string {
  return o.revision === null ? 'No changes: nothing written.' : `Revision ${o.revision}: ${describeCounts(o)}.`;
}

export function outcomeLine(o: ApplyOutcome): string {
  return outcomeText(outcomeJson(o));
}
