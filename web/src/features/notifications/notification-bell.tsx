import { useEffect, useState } from 'react';
import { client } from '../../client.js';
import { Link, useLocation } from '../../app/router.js';

/** How often the bell asks for the unread count (and again on every page change). */
const POLL_MS = 30_000;

/** The bell in the sidebar: the unread count, linking to the notifications page. */
export function NotificationBell() {
  const { path } = useLocation();
  const [unread, setUnread] = useState<number | undefined>(undefined);
  useEffect(() => {
    let live = true;
    const load = () =>
      void client.notify.list({ limit: 1, unread: true }).then(
        (p) => live && setUnread(p.unread),
        () => undefined, // the bell stays as it was; the page itself reports errors
      );
    load();
    const timer = setInterval(load, POLL_MS);
    const onRead = () => load();
    window.addEventListener('cairn:notifications-read', onRead);
    return () => {
      live = false;
      clearInterval(timer);
      window.removeEventListener('cairn:notifications-read', onRead);
    };
  }, [path]);
  const label = unread ? `Notifications, ${unread} unread` : 'Notifications';
  return (
    <Link to="/notifications" className="bell" title={label}>
      <span className="sr-only">{label}</span>
      <svg viewBox="0 0 24 24" width={20} height={20} aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {unread ? (
        <span className="bell-count" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </Link>
  );
}

/** Tells the bell to count again (after marking read on the notifications page). */
export function notificationsRead(): void {
  window.dispatchEvent(new Event('cairn:notifications-read'));
}
