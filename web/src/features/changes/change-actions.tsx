import { useState } from 'react';
import { useMay, useSession, useVocabulary } from '../../app/session.js';
import { client } from '../../client.js';
import type { Action, ChangeView, Transition } from '../../types.js';
import { humanize } from '../../ui/format.js';
import { Card, ErrorBox } from '../../ui/widgets.js';

/** The lifecycle events the API offers as actions, with the permission each needs. */
const ACTIONS: { event: string; transition: Transition; needs: Action; label: string; tone?: string }[] = [
  { event: 'submit', transition: 'submit', needs: 'change:request', label: 'Submit for approval', tone: 'primary' },
  { event: 'authorize', transition: 'approve', needs: 'change:approve', label: 'Approve', tone: 'primary' },
  { event: 'reject', transition: 'reject', needs: 'change:approve', label: 'Reject', tone: 'danger' },
  { event: 'schedule', transition: 'schedule', needs: 'change:manage', label: 'Schedule', tone: 'primary' },
  { event: 'implement', transition: 'implement', needs: 'change:implement', label: 'Implement', tone: 'primary' },
  { event: 'fail', transition: 'fail', needs: 'change:implement', label: 'Mark failed', tone: 'danger' },
  { event: 'backout', transition: 'backout', needs: 'change:implement', label: 'Back out', tone: 'danger' },
  { event: 'review', transition: 'review', needs: 'change:manage', label: 'Review', tone: 'primary' },
  { event: 'close', transition: 'close', needs: 'change:manage', label: 'Close' },
  { event: 'cancel', transition: 'cancel', needs: 'change:request', label: 'Cancel change', tone: 'danger' },
];

/** Buttons for the moves the change's state allows and the user's roles permit; the server decides. */
export function ChangeActions(props: { view: ChangeView; onDone: (message: string) => void }) {
  const { view } = props;
  const { session } = useSession();
  const outcomes = useVocabulary().changeOutcomes;
  const may = {
    'change:request': useMay('change:request'),
    'change:approve': useMay('change:approve'),
    'change:manage': useMay('change:manage'),
    'change:implement': useMay('change:implement'),
  } as Partial<Record<Action, boolean>>;
  const next = new Set(view.next.map((n) => n.event));
  const offered = ACTIONS.filter((a) => next.has(a.event) && may[a.needs]);
  const [open, setOpen] = useState<(typeof ACTIONS)[number]>();
  const [comment, setComment] = useState('');
  const [outcome, setOutcome] = useState('successful');
  const [override, setOverride] = useState('');
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);

  if (offered.length === 0) {
    return (
      <Card title="Actions">
        <p className="muted small">
          Nothing for {session.name} to do on this change in its state ({humanize(view.change.state)}).
        </p>
      </Card>
    );
  }
  const run = async () => {
    if (!open) return;
    setBusy(true);
    setError(undefined);
    const body: Record<string, unknown> = {};
    if (comment.trim()) body.comment = comment.trim();
    if (open.transition === 'review') Object.assign(body, { outcome, notes: comment.trim() });
    if (open.transition === 'schedule' && override.trim()) body.overrideReason = override.trim();
    try {
      const result = await client.changes.act(view.change.ref, open.transition, body);
      setOpen(undefined);
      setComment('');
      props.onDone(`${result.change.ref} is now ${humanize(result.change.state).toLowerCase()}.`);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="Actions" className="actions-card">
      <div className="action-buttons">
        {offered.map((a) => (
          <button
            key={a.transition}
            type="button"
            className={`btn ${open === a ? 'btn-selected' : a.tone ? `btn-${a.tone}` : ''}`}
            onClick={() => {
              setOpen(a);
              setError(undefined);
            }}
          >
            {a.label}
          </button>
        ))}
      </div>
      {open && (
        <div className="action-form">
          {open.transition === 'review' && (
            <label>
              Outcome
              <select name="outcome" value={outcome} onChange={(e) => setOutcome(e.target.value)}>
                {outcomes.map((o) => (
                  <option key={o} value={o}>
                    {humanize(o)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {open.transition === 'schedule' && view.conflicts.length > 0 && (
            <label>
              Why the conflicts are accepted
              <input name="override" value={override} onChange={(e) => setOverride(e.target.value)} />
            </label>
          )}
          <label>
            {open.transition === 'review' ? 'Notes' : 'Comment'}
            <textarea
              name="comment"
              rows={3}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              placeholder={open.transition === 'reject' ? 'Why it is rejected' : 'Optional'}
            />
          </label>
          <ErrorBox error={error} />
          <div className="action-buttons">
            <button
              type="button"
              className={`btn ${open.tone === 'danger' ? 'btn-danger' : 'btn-primary'}`}
              disabled={busy}
              onClick={() => void run()}
            >
              {busy ? 'Working…' : `Confirm: ${open.label.toLowerCase()}`}
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setOpen(undefined)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </Card>
  );
}
