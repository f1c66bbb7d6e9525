import { useState } from 'react';
import { client } from '../../client.js';
import type { CalendarEntry } from '../../types.js';
import { Link } from '../../app/router.js';
import { formatClock, formatDate, formatTime } from '../../ui/format.js';
import { useApi } from '../../ui/use-api.js';
import { Card, Empty, ErrorBox, Loading, PageHeader, StateBadge } from '../../ui/widgets.js';

const DAY = 86_400_000;

/** Upcoming changes, freezes and maintenance windows, grouped by day. */
export function CalendarPage() {
  const [days, setDays] = useState(60);
  const [from] = useState(() => new Date(Date.now() - 7 * DAY).toISOString());
  const to = new Date(new Date(from).getTime() + (days + 7) * DAY).toISOString();
  const cal = useApi(() => client.calendar.entries(from, to), [from, to]);
  const byDay = new Map<string, CalendarEntry[]>();
  for (const e of [...(cal.data ?? [])].sort((a, b) => a.start.localeCompare(b.start))) {
    const day = e.start.slice(0, 10);
    byDay.set(day, [...(byDay.get(day) ?? []), e]);
  }
  return (
    <>
      <PageHeader
        title="Change calendar"
        subtitle="Scheduled and planned changes, freeze windows and maintenance windows, from a week ago."
        actions={
          <label className="inline-field">
            <span>Ahead</span>
            <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
              <option value={30}>30 days</option>
              <option value={60}>60 days</option>
              <option value={180}>6 months</option>
              <option value={400}>13 months</option>
            </select>
          </label>
        }
      />
      <ErrorBox error={cal.error} />
      {cal.loading && !cal.data ? (
        <Loading />
      ) : byDay.size === 0 ? (
        <Empty>Nothing on the calendar in this period.</Empty>
      ) : (
        <Card flush>
          <table className="table calendar" aria-label="Calendar">
            <tbody>
              {[...byDay].map(([day, entries]) =>
                entries.map((e, i) => (
                  <tr key={`${day}${e.kind}${e.ref}${e.start}`} className={`cal-${e.kind}`}>
                    <td className="nowrap cal-day">{i === 0 ? formatDate(`${day}T12:00:00Z`) : ''}</td>
                    <td className="nowrap muted">
                      {formatClock(e.start)} –{' '}
                      {e.end.slice(0, 10) === e.start.slice(0, 10) ? formatClock(e.end) : formatTime(e.end)}
                    </td>
                    <td>
                      <span className={`badge kind-${e.kind}`}>{e.kind}</span>
                    </td>
                    <td>
                      {e.kind === 'change' ? (
                        <Link to={`/changes/${e.ref}`}>{e.title}</Link>
                      ) : (
                        <strong>{e.title}</strong>
                      )}
                      {e.conflicts && e.conflicts.length > 0 && (
                        <div className="small warn-text">{e.conflicts.map((c) => c.message).join('; ')}</div>
                      )}
                    </td>
                    <td>{e.state && <StateBadge state={e.state} />}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </Card>
      )}
    </>
  );
}
