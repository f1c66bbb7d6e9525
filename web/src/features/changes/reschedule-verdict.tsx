import type { ReschedulePreviewView, RescheduleResultView } from '../../../../src/contracts/reschedule.contracts.js';
import { RiskBadge } from '../../ui/widgets.js';

/** "cab needs 1 more; change-managers needs 1 more". */
function needs(groups: readonly { group: string; missing: number }[]): string {
  return groups.map((g) => `${g.group} needs ${g.missing} more`).join('; ');
}

/**
 * The server's verdict on moving a change to a new window (`GET /changes/{ref}/reschedule`), as the
 * calendar's drag and the change form's Reschedule both show it before saving: the risk there, the
 * conflicts (with the reason a change manager gives to accept them), and whether the approvals
 * given still suffice at that risk.
 */
export function RescheduleVerdict(props: {
  preview: ReschedulePreviewView;
  reason: string;
  onReason: (reason: string) => void;
}) {
  const { preview } = props;
  const missing = preview.approvalStatus.groups.filter((g) => !g.satisfied);
  return (
    <div aria-live="polite" className="reschedule-verdict">
      <div>
        Risk in the new window: <RiskBadge level={preview.risk.level} score={preview.risk.score} />
      </div>
      {preview.conflicts.length === 0 ? (
        <div className="alert alert-success">No conflicts in the new window.</div>
      ) : (
        <div className="alert alert-error" role="alert">
          <strong>Conflicts in the new window</strong>
          <ul>
            {preview.conflicts.map((c) => (
              <li key={`${c.kind}${c.message}`}>{c.message}</li>
            ))}
          </ul>
          Only a change manager can accept them, with a reason.
        </div>
      )}
      <div className={missing.length > 0 ? 'alert alert-info' : 'muted'}>
        {missing.length > 0
          ? `Its approvals no longer suffice at this risk: it will go back for approval (${needs(missing)}).`
          : 'Its approvals still suffice: it will be scheduled in the new window.'}
      </div>
      {preview.conflicts.length > 0 && (
        <label className="field-block">
          <span>Why the conflicts are accepted</span>
          <textarea value={props.reason} onChange={(e) => props.onReason(e.target.value)} rows={2} />
        </label>
      )}
    </div>
  );
}

/** What a saved move did, in one sentence: where the change is now, and whether it went back for approval. */
export function movedNotice(result: RescheduleResultView, where: string): string {
  return result.change.state === 'scheduled'
    ? `${result.ref} moved to ${where}; it is scheduled there.`
    : `${result.ref} moved to ${where}; it went back for approval: ${needs(result.approvalStatus.groups.filter((g) => !g.satisfied))}.`;
}
