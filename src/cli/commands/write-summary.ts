import { describeCounts } from '../../core/cmdb/write-views.js';
import type { WriteOutcome } from '../../contracts/ci.contracts.js';

/** What a write did, in one line: "Revision 12: CIs 2 added." or "No changes: nothing written." */
export function outcomeText(o: WriteOutcome): string {
  return o.revision === null ? 'No changes: nothing written.' : `Revision ${o.revision}: ${describeCounts(o)}.`;
}
