import { useState } from 'react';

const DAY = 86_400_000;

/**
 * The calendar as an iCalendar feed: a download for this session, and the address a calendar
 * program subscribes to (it must send an API token as a bearer token: the session cookie is this
 * browser's only).
 */
export function IcsLink() {
  const [open, setOpen] = useState(false);
  const from = new Date(Date.now() - 30 * DAY).toISOString();
  const to = new Date(Date.now() + 400 * DAY).toISOString();
  const path = `/api/v1/calendar?${new URLSearchParams({ from, to, format: 'ics' }).toString()}`;
  const url = `${window.location.origin}${path}`;
  return (
    <div className="ics-link">
      <a className="btn btn-small" href={path} download="cairn-calendar.ics">
        Download .ics
      </a>
      <button type="button" className="btn btn-small" aria-expanded={open} onClick={() => setOpen(!open)}>
        Subscribe…
      </button>
      {open && (
        <div className="ics-popover">
          <label className="field-block">
            <span>Feed address (the last 30 days and the next 13 months)</span>
            <input readOnly value={url} onFocus={(e) => e.target.select()} />
          </label>
          <p className="small muted">
            A calendar program reading this address must send an API token (Authorization: Bearer); ask an administrator
            for a read-only one.
          </p>
        </div>
      )}
    </div>
  );
}
