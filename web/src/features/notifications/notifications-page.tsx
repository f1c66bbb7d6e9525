import { useState } from 'react';
import { client } from '../../client.js';
import { Link } from '../../app/router.js';
import { formatTime } from '../../ui/format.js';
import { useApi } from '../../ui/use-api.js';
import { Card, ErrorBox, Listing, PageHeader } from '../../ui/widgets.js';
import { notificationsRead } from './notification-bell.js';

/** The logged-in person's notifications, newest first, each linking to its page, and marking them read. */
export function NotificationsPage() {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useApi(() => client.notify.list({ limit: 100, ...(unreadOnly ? { unread: true } : {}) }), [unreadOnly]);
  const [error, setError] = useState<Error | undefined>(undefined);
  const mark = async (id?: string) => {
    setError(undefined);
    try {
      await client.notify.markRead(id);
      notificationsRead();
      list.reload();
    } catch (e) {
      setError(e as Error);
    }
  };
  const items = list.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="Notifications"
        subtitle={list.data ? `${list.data.unread} unread` : undefined}
        actions={
          <>
            <label className="check">
              <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} /> Unread
              only
            </label>
            <button type="button" className="btn" onClick={() => void mark()} disabled={!list.data?.unread}>
              Mark all read
            </button>
            <Link to="/notifications/preferences" className="btn">
              Preferences
            </Link>
          </>
        }
      />
      <ErrorBox error={list.error ?? error} />
      <Listing loaded={list} count={items.length} empty={unreadOnly ? 'Nothing unread.' : 'No notifications yet.'}>
        <Card flush>
          <ul className="notification-list" aria-label="Notifications">
            {items.map((n) => (
              <li key={n.id} className={n.readAt ? 'notification' : 'notification unread'}>
                <div className="notification-main">
                  <Link to={n.link} className="strong">
                    {n.title}
                  </Link>
                  <div className="notification-body">{n.body}</div>
                  <div className="muted small">
                    {formatTime(n.createdAt)} · {n.channels.join(', ')}
                  </div>
                </div>
                {!n.readAt && (
                  <button type="button" className="btn btn-small" onClick={() => void mark(n.id)}>
                    Mark read<span className="sr-only">: {n.title}</span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        </Card>
      </Listing>
    </>
  );
}
