import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { ReschedulePreviewView } from '../../../../src/contracts/reschedule.contracts.js';
import { Link } from '../../app/router.js';
import { client } from '../../client.js';
import type { Change } from '../../types.js';
import { formatTime, humanize } from '../../ui/format.js';
import { Card, ErrorBox, Loading, PageHeader } from '../../ui/widgets.js';
import { movedNotice, RescheduleVerdict } from './reschedule-verdict.js';
import { isoOf, localOf, ZONE } from './window-input.js';

interface Verdict {
  result?: ReschedulePreviewView;
  error?: Error;
  checking: boolean;
}

/**
 * The server's verdict on the window being picked (`GET /changes/{ref}/reschedule`), asked 400 ms
 * after the last edit; the latest answer wins. No window (or one that ends before it starts) asks nothing.
 */
function useRescheduleVerdict(ref: string, window: { start: string; end: string } | undefined): Verdict {
  const key = window ? `${window.start}/${window.end}` : '';
  const [state, setState] = useState<Verdict>({ checking: false });
  useEffect(() => {
    if (!window) {
      setState({ checking: false });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, checking: true }));
    const timer = setTimeout(() => {
      client.changes.previewReschedule(ref, window).then(
        (result) => live && setState({ result, checking: false }),
        (e: unknown) => live && setState({ error: e instanceof Error ? e : new Error(String(e)), checking: false }),
      );
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // `key` stands for the window's two instants.
  }, [ref, key]);
  return state;
}

/**
 * Reschedule an authorized or scheduled change from its form: a new window, its conflicts, risk
 * and the approvals rule worked out by the server as the window is picked, then saved through the
 * same service as the calendar's drag — the change is scheduled there, or goes back for the
 * approvals its new risk needs. Its plan and the approvals given stay as they are.
 */
export function RescheduleForm(props: { change: Change; switcher?: ReactNode }) {
  const { change } = props;
  const [start, setStart] = useState(localOf(change.window?.start));
  const [end, setEnd] = useState(localOf(change.window?.end));
  const [reason, setReason] = useState('');
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();
  const from = isoOf(start);
  const to = isoOf(end);
  const ordered = from !== undefined && to !== undefined && Date.parse(to) > Date.parse(from);
  const moved = from !== change.window?.start || to !== change.window?.end;
  const verdict = useRescheduleVerdict(change.ref, ordered ? { start: from, end: to } : undefined);
  // What was missing is said for the window it was said of: a new window starts afresh.
  useEffect(() => setProblem(undefined), [start, end]);
  const conflicts = verdict.result?.conflicts ?? [];

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!from || !to) return setProblem('Give the new window’s start and end.');
    if (!ordered) return setProblem('The new window must end after it starts.');
    if (!moved) return setProblem(`That is the window ${change.ref} has now: pick another one.`);
    if (conflicts.length > 0 && !reason.trim())
      return setProblem('Say why the conflicts are accepted, or pick another window.');
    setProblem(undefined);
    setError(undefined);
    setBusy(true);
    try {
      const result = await client.changes.reschedule(change.ref, {
        window: { start: from, end: to },
        ...(conflicts.length > 0 ? { overrideReason: reason.trim() } : {}),
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      setDone(movedNotice(result, `${formatTime(result.window.start)} – ${formatTime(result.window.end)}`));
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  const header = (
    <PageHeader
      title={`Reschedule ${change.ref}`}
      kicker={<Link to={`/changes/${change.ref}`}>{change.ref}</Link>}
      subtitle={
        done
          ? change.title
          : `${change.title}. ${change.ref} is ${humanize(change.state).toLowerCase()}: only its window changes here. Its plan and the approvals given stay; the server says below whether they still suffice in the new window.`
      }
    />
  );
  if (done)
    return (
      <>
        {header}
        <div className="alert alert-success" role="status">
          {done}
        </div>
        <Link to={`/changes/${change.ref}`} className="btn btn-primary">
          Open {change.ref}
        </Link>
      </>
    );
  return (
    <>
      {header}
      {props.switcher}
      <form className="stack" onSubmit={(e) => void save(e)}>
        <Card title="New window">
          <div className="form">
            <p className="muted small">
              Now: {formatTime(change.window?.start)} – {formatTime(change.window?.end)}
            </p>
            <div className="grid-2">
              <label>
                <span className="required">New start ({ZONE})</span>
                <input type="datetime-local" name="start" value={start} onChange={(e) => setStart(e.target.value)} />
              </label>
              <label>
                <span className="required">New end ({ZONE})</span>
                <input type="datetime-local" name="end" value={end} onChange={(e) => setEnd(e.target.value)} />
              </label>
            </div>
            <ErrorBox error={verdict.error} />
            {verdict.checking && !verdict.result ? (
              <Loading what="what the new window means" />
            ) : verdict.result && ordered ? (
              <RescheduleVerdict preview={verdict.result} reason={reason} onReason={setReason} />
            ) : null}
            <label>
              Comment
              <textarea
                name="comment"
                rows={2}
                value={comment}
                placeholder="Optional: why it moves"
                onChange={(e) => setComment(e.target.value)}
              />
            </label>
          </div>
        </Card>
        {problem && (
          <div className="field-error" role="alert">
            {problem}
          </div>
        )}
        <ErrorBox error={error} />
        <div className="action-buttons">
          <button type="submit" className="btn btn-primary" disabled={busy || verdict.checking}>
            {busy ? 'Saving…' : 'Save new window'}
          </button>
          <Link to={`/changes/${change.ref}`} className="btn btn-ghost">
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}
