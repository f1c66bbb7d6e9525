import { client } from '../../client.js';
import { href, Link, navigate } from '../../app/router.js';
import { useMay, useVocabulary } from '../../app/session.js';
import type { ChangeState } from '../../types.js';
import { formatTime, humanize } from '../../ui/format.js';
import { useApi } from '../../ui/use-api.js';
import { Card, ErrorBox, Listing, PageHeader, RiskBadge, StateBadge } from '../../ui/widgets.js';

/** Changes, newest first, filtered by state (on the server) and type. */
export function ChangeListPage(props: { query: URLSearchParams }) {
  const mayRequest = useMay('change:request');
  const state = props.query.get('state') ?? '';
  const type = props.query.get('type') ?? '';
  const { changeStates, changeTypes } = useVocabulary();
  // One page, at its largest (1 000 changes, by number).
  const list = useApi(
    () =>
      client.changes
        .list({ state: state ? [state as ChangeState] : undefined, limit: 1000 })
        .then((page) => page.items),
    [state],
  );
  const items = (list.data ?? []).filter((c) => !type || c.type === type).sort((a, b) => b.id - a.id);
  const go = (change: { state?: string; type?: string }) =>
    navigate(href('/changes', { state, type, ...change }), { replace: true });
  return (
    <>
      <PageHeader
        title="Changes"
        subtitle="Requests to change controlled CIs: plan, risk, approvals, window, implementation and review."
        actions={
          mayRequest && (
            <Link to="/changes/new" className="btn btn-primary">
              New change
            </Link>
          )
        }
      />
      <div className="toolbar">
        <label className="inline-field">
          <span>State</span>
          <select name="state" value={state} onChange={(e) => go({ state: e.target.value })}>
            <option value="">Any</option>
            {changeStates.map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>Type</span>
          <select name="type" value={type} onChange={(e) => go({ type: e.target.value })}>
            <option value="">Any</option>
            {changeTypes.map((t) => (
              <option key={t} value={t}>
                {humanize(t)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorBox error={list.error} />
      <Card flush>
        <Listing loaded={list} count={items.length} what="changes" empty="No change matches.">
          <table className="table" aria-label="Changes">
            <thead>
              <tr>
                <th>Ref</th>
                <th>Title</th>
                <th>Type</th>
                <th>State</th>
                <th>Risk</th>
                <th>Requester</th>
                <th>Assignee</th>
                <th>Window</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.ref}>
                  <td className="nowrap">
                    <Link to={`/changes/${c.ref}`} className="strong">
                      {c.ref}
                    </Link>
                  </td>
                  <td className="text-col">
                    <Link to={`/changes/${c.ref}`}>{c.title}</Link>
                    {c.unauthorized && <span className="badge tone-bad small-badge">Unauthorized</span>}
                  </td>
                  <td>{humanize(c.type)}</td>
                  <td>
                    <StateBadge state={c.state} />
                  </td>
                  <td>
                    <RiskBadge level={c.risk?.level} />
                  </td>
                  <td>{c.requester}</td>
                  <td>{c.assignee ?? '—'}</td>
                  <td className="nowrap when">{c.window ? formatTime(c.window.start) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Listing>
      </Card>
    </>
  );
}
