import type { ReactNode } from 'react';
import type { CalendarEntry } from '../../types.js';
import { Link } from '../../app/router.js';
import { StateBadge } from '../../ui/widgets.js';
import { formatIn } from './calendar-events.js';

const DAY = 86_400_000;

/**
 * The calendar as a timeline: one lane for the freeze windows, one for the maintenance windows,
 * then a lane per change, bars placed on a shared time axis with a line at now. What overlaps
 * what reads at a glance, which month and week grids hide.
 */
export function CalendarTimeline(props: { entries: readonly CalendarEntry[]; from: number; to: number; zone: string }) {
  const { from, to, zone } = props;
  const span = to - from;
  const place = (start: string, end: string) => {
    const s = Math.max(from, Date.parse(start));
    const e = Math.min(to, Date.parse(end));
    return { left: `${((s - from) / span) * 100}%`, width: `max(4px, ${((e - s) / span) * 100}%)` };
  };
  const windows = (kind: 'freeze' | 'maintenance') => props.entries.filter((e) => e.kind === kind);
  const changes = props.entries.filter((e) => e.kind === 'change');
  const ticks: number[] = [];
  for (let t = from; t < to; t += 7 * DAY) ticks.push(t);
  const now = Date.now();
  const bar = (e: CalendarEntry) => {
    const conflicted = (e.conflicts ?? []).length > 0;
    const label = `${e.title}: ${formatIn(zone, e.start)} – ${formatIn(zone, e.end)}${conflicted ? ` (${e.conflicts!.map((c) => c.message).join('; ')})` : ''}`;
    return (
      <div
        key={`${e.kind}${e.ref}${e.start}`}
        className={`tl-bar tl-${e.kind}${conflicted ? ' tl-conflict' : ''}`}
        style={place(e.start, e.end)}
        title={label}
        role="img"
        aria-label={label}
      >
        {e.kind !== 'change' && <span className="tl-bar-label">{e.ref}</span>}
      </div>
    );
  };
  const lane = (key: string, head: ReactNode, bars: ReactNode) => (
    <div className="tl-lane" key={key}>
      <div className="tl-head">{head}</div>
      <div className="tl-track">
        {bars}
        {now >= from && now < to && <div className="tl-now" style={{ left: `${((now - from) / span) * 100}%` }} />}
      </div>
    </div>
  );
  return (
    <div className="cal-timeline" aria-label="Timeline">
      <div className="tl-lane tl-axis">
        <div className="tl-head" />
        <div className="tl-track">
          {ticks.map((t) => (
            <span key={t} className="tl-tick" style={{ left: `${((t - from) / span) * 100}%` }}>
              {new Intl.DateTimeFormat(undefined, {
                day: 'numeric',
                month: 'short',
                timeZone: zone,
              }).format(new Date(t))}
            </span>
          ))}
        </div>
      </div>
      {lane('freeze', <strong>Freeze windows</strong>, windows('freeze').map(bar))}
      {lane('maintenance', <strong>Maintenance windows</strong>, windows('maintenance').map(bar))}
      {changes.length === 0 && <div className="empty">No changes in this period.</div>}
      {changes.map((e) =>
        lane(
          e.ref,
          <>
            <Link to={`/changes/${e.ref}`}>{e.ref}</Link> {e.state && <StateBadge state={e.state} />}
            <div className="tl-title" title={e.title}>
              {e.title.replace(`${e.ref} `, '')}
            </div>
          </>,
          bar(e),
        ),
      )}
    </div>
  );
}
