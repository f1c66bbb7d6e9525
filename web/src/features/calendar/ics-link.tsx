import { useState } from 'react';
import type { CalendarFeedCreated } from '../../../../src/contracts/calendar-feed.contracts.js';
import { client } from '../../client.js';
import { useApi } from '../../ui/use-api.js';
import { errorText } from '../../ui/error-text.js';

const DAY = 86_400_000;

/**
 * The calendar as an iCalendar feed: a download for this session, and a subscription address for
 * calendar programs (Outlook, Google, Apple), which cannot send a token: the address carries the
 * user's own feed secret, made here, shown once, and rotated or revoked here.
 */
export function IcsLink() {
  const [open, setOpen] = useState(false);
  const from = new Date(Date.now() - 30 * DAY).toISOString();
  const to = new Date(Date.now() + 400 * DAY).toISOString();
  const path = `/api/v1/calendar?${new URLSearchParams({ from, to, format: 'ics' }).toString()}`;
  return (
    <div className="ics-link">
      <a className="btn btn-small" href={path} download="cairn-calendar.ics">
        Download .ics
      </a>
      <button type="button" className="btn btn-small" aria-expanded={open} onClick={() => setOpen(!open)}>
        Subscribe…
      </button>
      {open && <FeedBox />}
    </div>
  );
}

function FeedBox() {
  const status = useApi(() => client.calendar.feedStatus(), []);
  const [made, setMade] = useState<CalendarFeedCreated | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function act(run: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch (e) {
      setError(errorText(e instanceof Error ? e : new Error(String(e))));
    } finally {
      setBusy(false);
    }
  }
  const create = () =>
    act(async () => {
      setMade(await client.calendar.createFeed());
      status.reload();
    });
  const revoke = () =>
    act(async () => {
      await client.calendar.revokeFeed();
      setMade(null);
      status.reload();
    });
  const active = status.data?.active ?? false;

  return (
    <div className="ics-popover" role="region" aria-label="Calendar subscription">
      {made ? (
        <label className="field-block">
          <span>Your feed address (the last 30 days and the next 13 months) — copy it now, it is shown only once</span>
          <input readOnly value={`${window.location.origin}${made.path}`} onFocus={(e) => e.target.select()} />
        </label>
      ) : (
        <p className="small">
          {active
            ? `You have a feed address, made ${new Date(status.data!.createdAt!).toLocaleString()}. Its secret is not shown again: make a new one to see an address (the old one stops working).`
            : 'Make a private address to subscribe to this calendar from Outlook, Google Calendar or Apple Calendar.'}
        </p>
      )}
      <p className="small muted">
        Anyone holding the address can read the calendar as you (nothing else); revoke it if it leaks.
      </p>
      <div className="actions">
        <button type="button" className="btn btn-small" disabled={busy || status.loading} onClick={() => void create()}>
          {active || made ? 'Make a new address' : 'Make an address'}
        </button>
        {(active || made) && (
          <button type="button" className="btn btn-small" disabled={busy} onClick={() => void revoke()}>
            Revoke
          </button>
        )}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
