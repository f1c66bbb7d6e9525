import { useState, type FormEvent } from 'react';
import type { CalendarEntry } from '../../types.js';
import { Card } from '../../ui/widgets.js';
import { MOVABLE_STATES } from './calendar-events.js';
import type { Proposal } from './reschedule-panel.js';
import { instantToWall, wallToInstant } from './zone-time.js';

/**
 * The keyboard's way to move a change (beside dragging it): pick one of the changes whose window
 * may move, type its new start and end in the calendar's time zone, and check — the same panel as
 * a drag then shows the conflicts, risk and approvals there before anything is saved.
 */
export function MoveForm(props: { entries: readonly CalendarEntry[]; zone: string; onPropose: (p: Proposal) => void }) {
  const movable = props.entries.filter((e) => e.kind === 'change' && MOVABLE_STATES.includes(e.state ?? ''));
  const [ref, setRef] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const pick = (next: string) => {
    setRef(next);
    const e = movable.find((m) => m.ref === next);
    setStart(e ? instantToWall(e.start, props.zone) : '');
    setEnd(e ? instantToWall(e.end, props.zone) : '');
    setProblem(undefined);
  };
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const e = movable.find((m) => m.ref === ref);
    if (!e) return setProblem('Choose the change to move.');
    if (!start || !end) return setProblem('Give the new window’s start and end.');
    const to = { start: wallToInstant(start, props.zone), end: wallToInstant(end, props.zone) };
    if (Date.parse(to.end) <= Date.parse(to.start)) return setProblem('The end must come after the start.');
    setProblem(undefined);
    props.onPropose({ ref: e.ref, title: e.title, from: { start: e.start, end: e.end }, to, revert: () => undefined });
  };
  if (movable.length === 0) return null;
  return (
    <Card title="Move a change" className="move-form">
      <form onSubmit={submit} className="move-form-fields" aria-describedby="move-form-zone">
        <label className="field-block">
          <span>Change</span>
          <select value={ref} onChange={(e) => pick(e.target.value)}>
            <option value="">Choose…</option>
            {movable.map((e) => (
              <option key={e.ref} value={e.ref}>
                {e.title}
              </option>
            ))}
          </select>
        </label>
        <label className="field-block">
          <span>New start</span>
          <input type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} />
        </label>
        <label className="field-block">
          <span>New end</span>
          <input type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} />
        </label>
        <button type="submit" className="btn">
          Check the new window
        </button>
      </form>
      <p id="move-form-zone" className="small muted">
        Times in {props.zone}. Nothing is saved until you confirm.
      </p>
      {problem && (
        <div className="alert alert-error" role="alert">
          {problem}
        </div>
      )}
    </Card>
  );
}
