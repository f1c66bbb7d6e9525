import { useState } from 'react';
import { client } from '../../client.js';
import { Link } from '../../app/router.js';
import { useApi } from '../../ui/use-api.js';
import { Card, ErrorBox, Loading, RiskBadge } from '../../ui/widgets.js';
import { formatIn } from './calendar-events.js';

/** A window a change was dragged to, not saved yet. */
export interface Proposal {
  ref: string;
  title: string;
  from: { start: string; end: string };
  to: { start: string; end: string };
  /** Puts the event back where it was (the calendar's own undo of a drag; nothing for a typed window). */
  revert: () => void;
}

/**
 * What moving a change to the dragged window would do — its conflicts there, its risk and whether
 * its approvals still suffice — asked of the server before anything is saved; then save or undo.
 */
export function ReschedulePanel(props: {
  proposal: Proposal;
  zone: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { proposal: p, zone } = props;
  const preview = useApi(() => client.changes.previewReschedule(p.ref, p.to), [p.ref, p.to.start, p.to.end]);
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<Error | undefined>();
  const conflicts = preview.data?.conflicts ?? [];
  const missing = (preview.data?.approvalStatus.groups ?? []).filter((g) => !g.satisfied);
  const save = async () => {
    setSaving(true);
    setError(undefined);
    try {
      const r = await client.changes.reschedule(p.ref, {
        window: p.to,
        ...(conflicts.length > 0 ? { overrideReason: reason } : {}),
      });
      const where = `${formatIn(zone, r.window.start)} – ${formatIn(zone, r.window.end)}`;
      props.onDone(
        r.change.state === 'scheduled'
          ? `${p.ref} moved to ${where}; it is scheduled there.`
          : `${p.ref} moved to ${where}; it went back for approval: ${needs(r.approvalStatus.groups)}.`,
      );
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
      setSaving(false);
    }
  };
  return (
    <Card title={`Move ${p.ref}?`} className="reschedule-panel">
      <p className="reschedule-what">
        <Link to={`/changes/${p.ref}`}>{p.title}</Link>
        <br />
        <span className="muted">From</span> {formatIn(zone, p.from.start)} – {formatIn(zone, p.from.end)}
        <br />
        <span className="muted">To</span> <strong>{formatIn(zone, p.to.start)}</strong> –{' '}
        <strong>{formatIn(zone, p.to.end)}</strong>
      </p>
      <ErrorBox error={preview.error ?? error} />
      {preview.loading && !preview.data ? (
        <Loading what="what the new window means" />
      ) : preview.data ? (
        <div aria-live="polite" className="reschedule-verdict">
          <div>
            Risk in the new window: <RiskBadge level={preview.data.risk.level} score={preview.data.risk.score} />
          </div>
          {conflicts.length === 0 ? (
            <div className="alert alert-success">No conflicts in the new window.</div>
          ) : (
            <div className="alert alert-error" role="alert">
              <strong>Conflicts in the new window</strong>
              <ul>
                {conflicts.map((c) => (
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
          {conflicts.length > 0 && (
            <label className="field-block">
              <span>Why the conflicts are accepted</span>
              <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
            </label>
          )}
        </div>
      ) : null}
      <div className="reschedule-actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={saving || !preview.data || (conflicts.length > 0 && reason.trim() === '')}
          onClick={() => void save()}
        >
          Save new window
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => {
            p.revert();
            props.onCancel();
          }}
        >
          Cancel
        </button>
      </div>
    </Card>
  );
}

function needs(groups: readonly { group: string; missing: number }[]): string {
  return groups.map((g) => `${g.group} needs ${g.missing} more`).join('; ');
}
