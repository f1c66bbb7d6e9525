import { describeCounts } from '../../core/cmdb/write-views.js';
import type { WriteOutcome } from '../../contracts/ci.contracts.js';

/** What a write did, in one line ("Revision 12: CIs 2 added." or "No changes: nothing written."), then its warnings. */
export function outcomeText(o: WriteOutcome): string {
  const line = o.revision === null ? 'No changes: nothing written.' : `Revision ${o.revision}: ${describeCounts(o)}.`;
  return [line, ...(o.warnings ?? []).map((w) => `warning: ${w}`)].join('\n');
}
