import { useState } from 'react';
import type { CabMinutesView } from '../../../../src/contracts/cab.contracts.js';
import { Link } from '../../app/router.js';
import { useMay, useSession } from '../../app/session.js';
import { client } from '../../client.js';
import { formatTime } from '../../ui/format.js';
import { useApi } from '../../ui/use-api.js';
import { Card, Empty, ErrorBox, Loading } from '../../ui/widgets.js';

/**
 * The minutes of the meeting (GET /cab/meetings?date=): each record with its attendees, the
 * decisions the server gathered from the approval records, and the notes. CAB members and change
 * managers record, edit open minutes and close them; closed minutes never change, and a correction
 * is a new record. `decided` changes when a decision is taken on the page, to show it at once.
 */
export function CabMinutesPanel(props: { date: string; decided: number }) {
  const mayWrite = useMay('change:approve');
  const minutes = useApi(() => client.cab.listMinutes({ date: props.date }), [props.date, props.decided]);
  const [editing, setEditing] = useState<{ record?: CabMinutesView; corrects?: string }>();
  const [notice, setNotice] = useState<string>();
  const done = (message: string) => {
    setEditing(undefined);
    setNotice(message);
    minutes.reload();
  };
  const list = minutes.data ?? [];
  return (
    <Card
      title={`Minutes of ${props.date}`}
      className="minutes-card"
      actions={
        mayWrite && !editing ? (
          <button type="button" className="btn" onClick={() => setEditing({})}>
            Record minutes
          </button>
        ) : undefined
      }
    >
      {notice && (
        <div className="alert alert-success" role="status">
          {notice}
        </div>
      )}
      <ErrorBox error={minutes.error} />
      {editing && (
        <MinutesForm
          date={props.date}
          record={editing.record}
          corrects={editing.corrects}
          onDone={done}
          onCancel={() => setEditing(undefined)}
        />
      )}
      {minutes.loading && !minutes.data ? (
        <Loading what="the minutes" />
      ) : list.length === 0 ? (
        <Empty>No minutes recorded for this meeting.</Empty>
      ) : (
        list.map((m) => (
          <MinutesRecord
            key={m.id}
            minutes={m}
            mayWrite={mayWrite}
            onEdit={() => setEditing({ record: m })}
            onCorrect={() => setEditing({ corrects: m.id })}
            onClosed={() => done(`The minutes ${m.id} are closed: they will not change again.`)}
          />
        ))
      )}
    </Card>
  );
}

function MinutesRecord(props: {
  minutes: CabMinutesView;
  mayWrite: boolean;
  onEdit: () => void;
  onCorrect: () => void;
  onClosed: () => void;
}) {
  const m = props.minutes;
  const [error, setError] = useState<Error>();
  const close = async () => {
    try {
      await client.cab.closeMinutes(m.id);
      props.onClosed();
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <article className="minutes-record" aria-label={`Minutes ${m.id}`}>
      <header className="minutes-head">
        <strong>{m.id}</strong>
        <span className="muted small">
          recorded by {m.recordedBy} {formatTime(m.recordedAt)}
          {m.corrects && <> · corrects {m.corrects}</>}
        </span>
        <span className={`badge ${m.closedAt ? 'tone-muted' : 'tone-info'}`}>
          {m.closedAt ? `Closed by ${m.closedBy}` : 'Open'}
        </span>
      </header>
      <p>
        <span className="muted">Attendees:</span> {m.attendees.join(', ')}
      </p>
      {m.decisions.length === 0 ? (
        <p className="muted small">No decision recorded by the attendees that day.</p>
      ) : (
        <table className="table" aria-label={`Decisions in ${m.id}`}>
          <thead>
            <tr>
              <th>Change</th>
              <th>Title</th>
              <th>Decision</th>
              <th>By</th>
              <th>Comment</th>
              <th>Approval record</th>
            </tr>
          </thead>
          <tbody>
            {m.decisions.map((d) => (
              <tr key={d.approval}>
                <td>
                  <Link to={`/changes/${d.change}`}>{d.change}</Link>
                </td>
                <td>{d.title}</td>
                <td className={d.decision === 'reject' ? 'bad-text' : 'ok-text'}>
                  {d.decision === 'approve' ? 'Approved' : 'Rejected'}
                </td>
                <td>
                  {d.by} <span className="muted">for {d.group}</span>
                </td>
                <td>{d.comment ?? '—'}</td>
                <td className="mono">
                  #{d.approval} · {formatTime(d.at)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {m.notes && <p className="minutes-notes">{m.notes}</p>}
      <ErrorBox error={error} />
      {props.mayWrite && (
        <div className="action-buttons">
          {m.closedAt ? (
            <button type="button" className="btn" onClick={props.onCorrect}>
              Record a correction
            </button>
          ) : (
            <>
              <button type="button" className="btn" onClick={props.onEdit}>
                Edit
              </button>
              <button type="button" className="btn btn-primary" onClick={() => void close()}>
                Close minutes
              </button>
            </>
          )}
        </div>
      )}
      {m.closedAt && <p className="muted small">Closed minutes never change: a correction is a new record.</p>}
    </article>
  );
}

/** Attendees and notes of new minutes, of a correction, or of open minutes being edited. */
function MinutesForm(props: {
  date: string;
  record?: CabMinutesView;
  corrects?: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { session } = useSession();
  const [attendees, setAttendees] = useState((props.record?.attendees ?? [session.name]).join(', '));
  const [notes, setNotes] = useState(props.record?.notes ?? '');
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const names = attendees
      .split(',')
      .map((n) => n.trim())
      .filter((n) => n !== '');
    setBusy(true);
    setError(undefined);
    try {
      const body = { attendees: names, notes };
      const saved = props.record
        ? await client.cab.updateMinutes(props.record.id, body)
        : await client.cab.recordMinutes({ date: props.date, ...body, corrects: props.corrects });
      props.onDone(
        `Minutes ${saved.id} ${props.record ? 'saved' : 'recorded'} with ${saved.decisions.length} decision${saved.decisions.length === 1 ? '' : 's'}.`,
      );
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="form minutes-form"
      aria-label="Minutes"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {props.corrects && <p className="muted small">A correction of {props.corrects}, which stays as it was.</p>}
      <label>
        <span className="required">Attendees (names, separated by commas)</span>
        <input name="attendees" value={attendees} onChange={(e) => setAttendees(e.target.value)} />
      </label>
      <label>
        Minutes
        <textarea name="notes" rows={4} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </label>
      <p className="muted small">
        The decisions are not typed: they are the approvals and rejections the attendees recorded on {props.date}.
      </p>
      <ErrorBox error={error} />
      <div className="action-buttons">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Saving…' : props.record ? 'Save minutes' : 'Record minutes'}
        </button>
        <button type="button" className="btn btn-ghost" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
