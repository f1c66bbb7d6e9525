import { useMemo, useState } from 'react';
import FullCalendar from '@fullcalendar/react';
import dayGridPlugin from '@fullcalendar/daygrid';
import timeGridPlugin from '@fullcalendar/timegrid';
import interactionPlugin from '@fullcalendar/interaction';
import listPlugin from '@fullcalendar/list';
import './fullcalendar-fonts.js';
import type { DatesSetArg, EventApi, EventClickArg, EventDropArg } from '@fullcalendar/core';
import type { EventResizeDoneArg } from '@fullcalendar/interaction';
import { client } from '../../client.js';
import { Link, navigate } from '../../app/router.js';
import { useMay } from '../../app/session.js';
import type { CalendarEntry } from '../../types.js';
import { useApi } from '../../ui/use-api.js';
import { ErrorBox, PageHeader } from '../../ui/widgets.js';
import { toEvents } from './calendar-events.js';
import { CalendarTimeline } from './calendar-timeline.js';
import { IcsLink } from './ics-link.js';
import { intlTimeZonePlugin } from './intl-time-zone-plugin.js';
import { MoveForm } from './move-form.js';
import { ReschedulePanel, type Proposal } from './reschedule-panel.js';
import { allZones, browserZone, useZoneChoice } from './zone-choice.js';
import './calendar.css';

const DAY = 86_400_000;
type View = 'dayGridMonth' | 'timeGridWeek' | 'listMonth' | 'timeline';
const VIEWS: [View, string][] = [
  ['dayGridMonth', 'Month'],
  ['timeGridWeek', 'Week'],
  ['timeline', 'Timeline'],
  ['listMonth', 'List'],
];

/**
 * The change calendar: month and week grids and a list (FullCalendar) and a timeline, in the browser's time
 * zone or UTC (named on the page). Freeze and maintenance windows are spans, conflicting changes
 * are marked, and a change manager drags an authorized or scheduled change to propose a new
 * window: what it would do is shown before it is saved.
 */
export function CalendarPage() {
  const [view, setView] = useState<View>('dayGridMonth');
  const [zone, setZone] = useZoneChoice();
  const [range, setRange] = useState(() => {
    const from = Date.now() - 7 * DAY;
    return { from, to: from + 70 * DAY };
  });
  const [proposal, setProposal] = useState<Proposal | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const canMove = useMay('change:manage');
  const cal = useApi(
    () => client.calendar.entries(new Date(range.from).toISOString(), new Date(range.to).toISOString()),
    [range.from, range.to],
  );
  const entries: CalendarEntry[] = cal.data ?? [];
  // While a move is proposed, the change is drawn where it was dropped and nothing else may move.
  const events = useMemo(() => toEvents(entries, canMove && !proposal, proposal), [entries, canMove, proposal]);

  const propose = (event: EventApi, revert: () => void) => {
    const entry = event.extendedProps.entry as CalendarEntry;
    if (!event.start || !event.end) return revert();
    setNotice(undefined);
    setProposal({
      ref: entry.ref,
      title: entry.title,
      from: { start: entry.start, end: entry.end },
      to: { start: event.start.toISOString(), end: event.end.toISOString() },
      revert,
    });
  };
  const onDrop = (info: EventDropArg | EventResizeDoneArg) => propose(info.event, info.revert);
  const onClick = (info: EventClickArg) => {
    const entry = info.event.extendedProps.entry as CalendarEntry | undefined;
    if (entry?.kind === 'change') {
      info.jsEvent.preventDefault();
      navigate(`/changes/${entry.ref}`);
    }
  };
  const onDates = (arg: DatesSetArg) => {
    const from = arg.start.getTime();
    const to = arg.end.getTime();
    if (from !== range.from || to !== range.to) setRange({ from, to });
  };
  const conflicted = entries.filter((e) => (e.conflicts ?? []).length > 0);

  return (
    <>
      <PageHeader
        title="Change calendar"
        subtitle={
          <>
            Changes, freeze and maintenance windows. Times in <strong className="cal-zone">{zone}</strong>.
            {canMove && ' Drag an authorized or scheduled change to propose a new window, or use Move a change.'}
          </>
        }
        actions={<IcsLink />}
      />
      <div className="toolbar cal-toolbar">
        <div className="segmented" role="group" aria-label="View">
          {VIEWS.map(([v, label]) => (
            <button
              key={v}
              type="button"
              className={v === view ? 'btn btn-small btn-selected' : 'btn btn-small'}
              aria-pressed={v === view}
              onClick={() => {
                setView(v);
                if (v === 'timeline') {
                  const from = Date.now() - 7 * DAY;
                  setRange({ from, to: from + 70 * DAY });
                }
              }}
            >
              {label}
            </button>
          ))}
        </div>
        <label className="inline-field">
          <span>Time zone</span>
          <select value={zone} onChange={(e) => setZone(e.target.value)}>
            {allZones().map((z) => (
              <option key={z} value={z}>
                {z === browserZone() ? `${z} (this browser)` : z}
              </option>
            ))}
          </select>
        </label>
        <span className="cal-legend" aria-hidden="true">
          <span className="cal-key cal-key-freeze" /> Freeze <span className="cal-key cal-key-maintenance" />{' '}
          Maintenance <span className="cal-key cal-key-conflict" /> Conflict
        </span>
      </div>
      {notice && (
        <div className="alert alert-success" role="status">
          {notice}
        </div>
      )}
      <ErrorBox error={cal.error} />
      <div className={proposal ? 'cal-layout with-panel' : 'cal-layout'}>
        <div className="card cal-card">
          {view === 'timeline' ? (
            <CalendarTimeline entries={entries} from={range.from} to={range.to} zone={zone} />
          ) : (
            <FullCalendar
              key={`${view}${zone}`}
              plugins={[dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin, intlTimeZonePlugin]}
              initialView={view}
              initialDate={new Date(Math.max(range.from + 7 * DAY, 0))}
              timeZone={zone}
              headerToolbar={{ left: 'prev,next today', center: 'title', right: '' }}
              // Text, not the icon font: the policy loads fonts from this server only, not as data: URLs.
              buttonIcons={false}
              buttonText={{ prev: '‹', next: '›', today: 'Today' }}
              // A day cell is named by its date alone; the events it holds are read on their own.
              dayCellDidMount={(arg) => arg.el.removeAttribute('aria-labelledby')}
              height="auto"
              firstDay={1}
              nowIndicator
              dayMaxEvents={4}
              eventTimeFormat={{ hour: '2-digit', minute: '2-digit', hour12: false }}
              slotLabelFormat={{ hour: '2-digit', minute: '2-digit', hour12: false }}
              events={events}
              eventDrop={onDrop}
              eventResize={onDrop}
              eventClick={onClick}
              datesSet={onDates}
            />
          )}
        </div>
        {proposal && (
          <ReschedulePanel
            key={`${proposal.ref}${proposal.to.start}${proposal.to.end}`}
            proposal={proposal}
            zone={zone}
            onCancel={() => setProposal(undefined)}
            onDone={(message) => {
              setProposal(undefined);
              setNotice(message);
              cal.reload();
            }}
          />
        )}
      </div>
      {canMove && !proposal && (
        <MoveForm
          entries={entries}
          zone={zone}
          onPropose={(p) => {
            setNotice(undefined);
            setProposal(p);
          }}
        />
      )}
      {conflicted.length > 0 && (
        <section className="card cal-conflicts" aria-label="Conflicts">
          <div className="card-header">
            <h2>Conflicts in this period</h2>
          </div>
          <ul className="card-body">
            {conflicted.map((e) => (
              <li key={e.ref}>
                <Link to={`/changes/${e.ref}`}>{e.title}</Link>: {e.conflicts!.map((c) => c.message).join('; ')}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
