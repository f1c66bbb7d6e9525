import { useState } from 'react';
import { client } from '../../client.js';
import { Link } from '../../app/router.js';
import { useApi } from '../../ui/use-api.js';
import { Card, ErrorBox, Loading } from '../../ui/widgets.js';
import { movedNotice, RescheduleVerdict } from '../changes/reschedule-verdict.js';
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
  const save = async () => {
    setSaving(true);
    setError(undefined);
    try {
      const r = await client.changes.reschedule(p.ref, {
        window: p.to,
        ...(conflicts.length > 0 ? { overrideReason: reason } : {}),
      });
      props.onDone(movedNotice(r, `${formatIn(zone, r.window.start)} – ${formatIn(zone, r.window.end)}`));
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
        <RescheduleVerdict preview={preview.data} reason={reason} onReason={setReason} />
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
