import { useState } from 'react';
import { ProblemError } from '../../../../src/client/errors.js';
import { useSession, useVocabulary } from '../../app/session.js';
import { client } from '../../client.js';
import type { ChangeView, Transition } from '../../types.js';
import { formatTime, humanize } from '../../ui/format.js';
import { ActionChoice, ActionForm } from '../../ui/action-form.js';
import { Card } from '../../ui/widgets.js';
import { actionNotice } from './action-notice.js';

/** How each action the server may allow is offered. */
const ACTIONS: Record<Transition, { label: string; tone?: 'primary' | 'danger' }> = {
  submit: { label: 'Submit for approval', tone: 'primary' },
  approve: { label: 'Approve', tone: 'primary' },
  reject: { label: 'Reject', tone: 'danger' },
  schedule: { label: 'Schedule', tone: 'primary' },
  implement: { label: 'Implement', tone: 'primary' },
  fail: { label: 'Mark failed', tone: 'danger' },
  backout: { label: 'Back out', tone: 'danger' },
  review: { label: 'Review', tone: 'primary' },
  close: { label: 'Close' },
  cancel: { label: 'Cancel change', tone: 'danger' },
};

function isTransition(action: string): action is Transition {
  return Object.hasOwn(ACTIONS, action);
}

/** `2026-12-01T22:00` in the browser's zone, for a datetime-local input. */
function localInput(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/**
 * Buttons for exactly the actions the server says this user may take on this change now
 * (`allowedActions`), so the page and the server never disagree. Each opens a short form: a
 * rejection needs a reason, a review its outcome (none assumed) and notes.
 */
export function ChangeActions(props: { view: ChangeView; onDone: (message: string) => void }) {
  const { view } = props;
  const { session } = useSession();
  const outcomes = useVocabulary().changeOutcomes;
  // The workflow's steps; the edits (edit, replan, reschedule) are the page header's links.
  const offered = view.allowedActions.filter(isTransition);
  const [open, setOpen] = useState<Transition>();
  const [comment, setComment] = useState('');
  const [outcome, setOutcome] = useState('');
  const [override, setOverride] = useState('');
  const [start, setStart] = useState(localInput(view.change.window?.start));
  const [end, setEnd] = useState(localInput(view.change.window?.end));
  const [missing, setMissing] = useState<string>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const manager = session.roles.includes('change_manager') || session.roles.includes('admin');
  const outsideWindow = error instanceof ProblemError && error.code === 'CHANGE_OUTSIDE_WINDOW';

  if (offered.length === 0) {
    const edits = view.allowedActions.length > 0;
    return (
      <Card title="Actions">
        <p className="muted small">
          {edits
            ? `No step of the workflow for ${session.name} while it is ${humanize(view.change.state).toLowerCase()}; its plan or window can change from the buttons above.`
            : `Nothing for ${session.name} to do on this change while it is ${humanize(view.change.state).toLowerCase()}.`}
        </p>
      </Card>
    );
  }
  const choose = (action: Transition) => {
    setOpen(action);
    setError(undefined);
    setMissing(undefined);
  };
  const bodyFor = (action: Transition): Record<string, unknown> | string => {
    const text = comment.trim();
    const body: Record<string, unknown> = text ? { comment: text } : {};
    if (action === 'reject' && !text) return 'Say why the change is rejected.';
    if (action === 'review') {
      if (!outcome) return 'Choose how the change went.';
      if (!text) return 'Write what was learned: the notes are required.';
      return { outcome, notes: text };
    }
    if (action === 'schedule') {
      if (!start || !end) return 'Give the window’s start and end.';
      body.window = { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
      if (override.trim()) body.overrideReason = override.trim();
    }
    if (action === 'implement' && override.trim()) body.overrideReason = override.trim();
    return body;
  };
  const run = async () => {
    if (!open) return;
    const body = bodyFor(open);
    if (typeof body === 'string') {
      setMissing(body);
      return;
    }
    setBusy(true);
    setError(undefined);
    setMissing(undefined);
    try {
      const result = await client.changes.act(view.change.ref, open, body);
      setOpen(undefined);
      setComment('');
      setOverride('');
      props.onDone(actionNotice(open, result));
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="Actions" className="actions-card">
      <ActionChoice
        actions={offered}
        chosen={open}
        label={(a) => ACTIONS[a].label}
        tone={(a) => ACTIONS[a].tone}
        onChoose={choose}
      />
      {open && (
        <ActionForm
          comment={{
            label: open === 'reject' ? 'Reason' : open === 'review' ? 'Notes' : 'Comment',
            required: open === 'reject' || open === 'review',
            placeholder: open === 'reject' ? 'Why it is rejected' : open === 'review' ? 'What was learned' : 'Optional',
            value: comment,
            rows: 3,
          }}
          onComment={setComment}
          missing={missing}
          error={error}
          busy={busy}
          confirm={{ label: ACTIONS[open].label.toLowerCase(), danger: ACTIONS[open].tone === 'danger' }}
          onSubmit={() => void run()}
          onCancel={() => setOpen(undefined)}
        >
          {open === 'implement' && view.change.window && (
            <p className="muted small">
              Approved window: {formatTime(view.change.window.start)} – {formatTime(view.change.window.end)}.
            </p>
          )}
          {open === 'review' && (
            <label>
              <span className="required">Outcome</span>
              <select name="outcome" value={outcome} onChange={(e) => setOutcome(e.target.value)} aria-required>
                <option value="">Choose how it went…</option>
                {outcomes.map((o) => (
                  <option key={o} value={o}>
                    {humanize(o)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {open === 'schedule' && (
            <div className="grid-2">
              <label>
                <span className="required">Window start</span>
                <input type="datetime-local" name="start" value={start} onChange={(e) => setStart(e.target.value)} />
              </label>
              <label>
                <span className="required">Window end</span>
                <input type="datetime-local" name="end" value={end} onChange={(e) => setEnd(e.target.value)} />
              </label>
            </div>
          )}
          {((open === 'schedule' && view.conflicts.length > 0 && manager) ||
            (open === 'implement' && outsideWindow && manager)) && (
            <label>
              {open === 'implement' ? 'Why implement outside the approved window' : 'Why the conflicts are accepted'}
              <input name="override" value={override} onChange={(e) => setOverride(e.target.value)} />
            </label>
          )}
        </ActionForm>
      )}
    </Card>
  );
}
