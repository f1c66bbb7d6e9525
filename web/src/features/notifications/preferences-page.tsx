import { useEffect, useState } from 'react';
import { client } from '../../client.js';
import { Link } from '../../app/router.js';
import { useApi } from '../../ui/use-api.js';
import { Card, ErrorBox, Loading, PageHeader } from '../../ui/widgets.js';
import type {
  NotificationPreferencesView,
  NotificationView,
  PreferencesBody,
} from '../../../../src/contracts/notify.contracts.js';

type Kind = NotificationView['kind'];

/** Each kind in the words of the page (every kind of the contract: the type checks none is missing). */
const NOTIFICATION_KIND_LABELS: Record<Kind, string> = {
  'approval.requested': 'A change waits for the approval of a group you are in',
  'change.approved': 'A change you requested was approved',
  'change.rejected': 'A change you requested was rejected',
  'change.needs_information': 'A change you requested was sent back to draft',
  'change.window_started': 'The window of a change you implement has started',
  'change.failed': 'A change of yours failed or was backed out',
  'drift.unauthorized': 'A drift check found unauthorized changes',
  'freeze.started': 'A freeze window has started',
};
const KINDS = Object.keys(NOTIFICATION_KIND_LABELS) as Kind[];
const CHANNELS = [
  ['inapp', 'Bell'],
  ['email', 'Email'],
  ['chat', 'Chat'],
] as const;
type ChannelName = (typeof CHANNELS)[number][0];

/** The logged-in person's channels per kind, daily digest and chat webhook. */
export function PreferencesPage() {
  const loaded = useApi(() => client.notify.preferences(), []);
  const [draft, setDraft] = useState<NotificationPreferencesView | undefined>(undefined);
  const [saved, setSaved] = useState<string | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  useEffect(() => setDraft(loaded.data), [loaded.data]);

  if (!draft) return loaded.error ? <ErrorBox error={loaded.error} /> : <Loading />;
  const toggle = (kind: Kind, channel: ChannelName, on: boolean) => {
    const now = (draft.effective[kind] ?? []).filter((c) => c !== channel);
    setDraft({ ...draft, effective: { ...draft.effective, [kind]: on ? [...now, channel] : now } });
    setSaved(undefined);
  };
  const save = async (body: PreferencesBody, message: string) => {
    setError(undefined);
    try {
      const next = await client.notify.setPreferences(body);
      setDraft(next);
      setSaved(message);
    } catch (e) {
      setError(e as Error);
    }
  };
  const changedKinds = () => {
    const out: Record<string, string[]> = {};
    for (const k of KINDS) {
      const before = [...(loaded.data?.effective[k] ?? [])].sort().join();
      const after = draft.effective[k] ?? [];
      if ([...after].sort().join() !== before || draft.kinds[k]) out[k] = after;
    }
    return out;
  };
  return (
    <>
      <PageHeader
        title="Notification preferences"
        subtitle="Where you are told of each kind of event. Unchanged kinds follow your groups' defaults."
        actions={
          <Link to="/notifications" className="btn">
            Back to notifications
          </Link>
        }
      />
      <ErrorBox error={error} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save(
            {
              kinds: changedKinds(),
              emailDigest: draft.emailDigest,
              chatUrl: draft.chatUrl === '' ? null : draft.chatUrl,
              chatFormat: draft.chatUrl ? (draft.chatFormat ?? 'slack') : null,
            },
            'Preferences saved.',
          );
        }}
      >
        <Card title="Channels per kind" flush>
          <table className="table" aria-label="Channels per kind of notification">
            <thead>
              <tr>
                <th>When</th>
                {CHANNELS.map(([c, label]) => (
                  <th key={c} className="center">
                    {label}
                  </th>
                ))}
                <th>Set by</th>
              </tr>
            </thead>
            <tbody>
              {KINDS.map((k) => (
                <tr key={k}>
                  <td>{NOTIFICATION_KIND_LABELS[k]}</td>
                  {CHANNELS.map(([c, label]) => (
                    <td key={c} className="center">
                      <input
                        type="checkbox"
                        aria-label={`${label}: ${NOTIFICATION_KIND_LABELS[k]}`}
                        checked={(draft.effective[k] ?? []).includes(c)}
                        onChange={(e) => toggle(k, c, e.target.checked)}
                      />
                    </td>
                  ))}
                  <td className="muted small">{draft.kinds[k] ? 'you' : 'default'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <Card title="Email and chat">
          <div className="form-grid">
            <label className="check">
              <input
                type="checkbox"
                checked={draft.emailDigest}
                onChange={(e) => setDraft({ ...draft, emailDigest: e.target.checked })}
              />{' '}
              Send my emails as one daily digest
            </label>
            <label>
              Chat webhook URL
              <input
                type="url"

                placeholder="https://hooks.slack.com/services/…"
                value={draft.chatUrl ?? ''}
                onChange={(e) => setDraft({ ...draft, chatUrl: e.target.value })}
              />
            </label>
            <label>
              Chat format
              <select
                value={draft.chatFormat ?? 'slack'}
                onChange={(e) => setDraft({ ...draft, chatFormat: e.target.value as 'slack' | 'teams' | 'mattermost' })}
              >
                <option value="slack">Slack</option>
                <option value="teams">Microsoft Teams</option>
                <option value="mattermost">Mattermost</option>
              </select>
            </label>
          </div>
        </Card>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary">
            Save preferences
          </button>
          <button
            type="button"
            className="btn"
            onClick={() =>
              void save({ kinds: Object.fromEntries(KINDS.map((k) => [k, null])) }, 'Back to the defaults.')
            }
          >
            Use the defaults
          </button>
          {saved && (
            <span role="status" className="ok-text">
              {saved}
            </span>
          )}
        </div>
      </form>
    </>
  );
}
