import { useState, type FormEvent } from 'react';
import type { WebhookCreated, WebhookView } from '../../../../src/contracts/webhook.contracts.js';
import { client } from '../../client.js';
import { href, Link, navigate } from '../../app/router.js';
import { formatTime } from '../../ui/format.js';
import { useApi } from '../../ui/use-api.js';
import { Card, ErrorBox, Listing, PageHeader } from '../../ui/widgets.js';
import { useSubmit } from './use-submit.js';

/** Webhook subscriptions; one selected (`?id=`) shows its delivery log, each attempt replayable. */
export function WebhooksPage(props: { selected: string | undefined }) {
  const hooks = useApi(() => client.webhooks.list({ limit: 200 }), []);
  const [created, setCreated] = useState<WebhookCreated>();
  const remove = useSubmit();
  const selected = (hooks.data?.items ?? []).find((w) => w.id === props.selected);
  return (
    <>
      <PageHeader
        title="Webhooks"
        subtitle="Events (revisions, change transitions, drift) sent to other systems, signed with each subscription's secret."
      />
      <ErrorBox error={hooks.error ?? remove.error} />
      {created && (
        <div className="alert alert-success" role="status">
          <strong>Subscribed {created.url}.</strong> Its signing secret, shown once:{' '}
          <code aria-label="Signing secret">{created.secret}</code>{' '}
          <button type="button" className="btn btn-small btn-ghost" onClick={() => setCreated(undefined)}>
            Done
          </button>
        </div>
      )}
      <div className="grid-main-side">
        <Card flush>
          <Listing loaded={hooks} count={(hooks.data?.items ?? []).length} what="webhooks" empty="No webhooks yet.">
            <div className="table-scroll">
              <table className="table" aria-label="Webhooks">
                <thead>
                  <tr>
                    <th>URL</th>
                    <th>Events</th>
                    <th>Status</th>
                    <th>Created</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {(hooks.data?.items ?? []).map((w) => (
                    <tr key={w.id} className={w.id === props.selected ? 'selected' : undefined}>
                      <td className="strong">
                        <Link to={href('/admin/webhooks', { id: w.id })}>{w.url}</Link>
                        {w.description && <div className="muted small">{w.description}</div>}
                      </td>
                      <td className="mono small">{w.events.join(', ')}</td>
                      <td>
                        {w.active ? (
                          <span className="badge tone-ok">Active</span>
                        ) : (
                          <span className="badge tone-muted">Paused</span>
                        )}
                      </td>
                      <td className="nowrap">{formatTime(w.createdAt)}</td>
                      <td className="right">
                        <button
                          type="button"
                          className="btn btn-small btn-danger"
                          aria-label={`Remove the webhook to ${w.url}`}
                          disabled={remove.busy}
                          onClick={() =>
                            window.confirm(`Stop sending events to ${w.url}?`) &&
                            void remove.run(async () => {
                              await client.webhooks.remove(w.id);
                              if (w.id === props.selected) navigate('/admin/webhooks', { replace: true });
                              hooks.reload();
                            })
                          }
                        >
                          Remove
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Listing>
        </Card>
        <AddWebhook
          onCreated={(w) => {
            setCreated(w);
            hooks.reload();
          }}
        />
      </div>
      {selected && <Deliveries webhook={selected} />}
    </>
  );
}

function Deliveries(props: { webhook: WebhookView }) {
  const log = useApi(() => client.webhooks.deliveries(props.webhook.id, { limit: 100 }), [props.webhook.id]);
  const replay = useSubmit();
  const [queued, setQueued] = useState<string>();
  return (
    <Card title={`Delivery log of ${props.webhook.url}`} flush>
      <ErrorBox error={log.error ?? replay.error} />
      {queued && (
        <div className="alert alert-info" role="status">
          Delivery {queued} queued again: the server sends it shortly, and it appears here.
        </div>
      )}
      <Listing loaded={log} count={(log.data?.items ?? []).length} what="deliveries" empty="Nothing delivered yet.">
        <table className="table" aria-label="Deliveries">
          <thead>
            <tr>
              <th>At</th>
              <th>Event</th>
              <th className="num">Attempt</th>
              <th>Result</th>
              <th className="num">Took</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(log.data?.items ?? []).map((d) => (
              <tr key={d.id}>
                <td className="nowrap">{formatTime(d.at)}</td>
                <td className="mono small">{d.eventType}</td>
                <td className="num">{d.attempt}</td>
                <td>
                  <span
                    className={`badge tone-${d.status === 'succeeded' ? 'ok' : d.status === 'failed' ? 'bad' : 'warn'}`}
                  >
                    {d.status}
                  </span>{' '}
                  {d.responseStatus !== null && <span className="mono">HTTP {d.responseStatus}</span>}
                  {d.error && <div className="small warn-text">{d.error}</div>}
                  {d.nextAttemptAt && <div className="small muted">next try {formatTime(d.nextAttemptAt)}</div>}
                </td>
                <td className="num nowrap">{d.durationMs} ms</td>
                <td className="right">
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-label={`Replay delivery ${d.id}`}
                    disabled={replay.busy}
                    onClick={() =>
                      void replay.run(async () => {
                        await client.webhooks.replay(d.id);
                        setQueued(d.id);
                      })
                    }
                  >
                    Replay
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Listing>
    </Card>
  );
}

function AddWebhook(props: { onCreated: (w: WebhookCreated) => void }) {
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState('*');
  const [description, setDescription] = useState('');
  const submit = useSubmit();
  const add = (e: FormEvent) => {
    e.preventDefault();
    void submit.run(async () => {
      const list = events
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter(Boolean);
      props.onCreated(
        await client.webhooks.add({
          url: url.trim(),
          ...(list.length > 0 ? { events: list } : {}),
          ...(description.trim() ? { description: description.trim() } : {}),
        }),
      );
      setUrl('');
      setDescription('');
    });
  };
  return (
    <Card title="New webhook">
      <form className="form" onSubmit={add}>
        <label>
          URL
          <input
            type="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="https://chat.example.net/hooks/cairn"
            required
          />
        </label>
        <label>
          Events (comma-separated)
          <input value={events} onChange={(e) => setEvents(e.target.value)} placeholder="change.*, drift.detected" />
        </label>
        <label>
          Description
          <input value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
        <ErrorBox error={submit.error} />
        <button type="submit" className="btn btn-primary" disabled={submit.busy || !url.trim()}>
          Subscribe
        </button>
      </form>
    </Card>
  );
}
