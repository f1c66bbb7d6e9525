import { useState } from 'react';
import type { AgendaItemView } from '../../../../src/contracts/change-governance.contracts.js';
import { href, Link, navigate } from '../../app/router.js';
import { client } from '../../client.js';
import { formatTime } from '../../ui/format.js';
import { useApi } from '../../ui/use-api.js';
import { Card, Empty, ErrorBox, Loading, PageHeader, RiskBadge, StateBadge } from '../../ui/widgets.js';
import { actionNotice } from '../changes/action-notice.js';
import { CabMinutesPanel } from './cab-minutes-panel.js';
import './cab.css';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The CAB meeting of a date (GET /cab/agenda): the changes to decide, highest risk first, each
 * with its risk, impact, what is still awaited and its conflicts, and approve / reject with a
 * comment where the server's allowedActions offers them; the changes due the week after; the
 * meeting's minutes below.
 */
export function CabAgendaPage(props: { query: URLSearchParams }) {
  const date = props.query.get('date') ?? today();
  const agenda = useApi(() => client.calendar.cabAgenda(date), [date]);
  const [notice, setNotice] = useState<string>();
  const [decided, setDecided] = useState(0);
  const onDecided = (message: string) => {
    setNotice(message);
    setDecided((n) => n + 1);
    agenda.reload();
  };
  return (
    <>
      <PageHeader
        title="CAB agenda"
        subtitle={agenda.data ? `Meeting of ${date}, approver group ${agenda.data.cab}.` : `Meeting of ${date}.`}
        actions={
          <label className="inline-field">
            Meeting date
            <input
              type="date"
              name="date"
              value={date}
              onChange={(e) => e.target.value && navigate(href('/cab', { date: e.target.value }), { replace: true })}
            />
          </label>
        }
      />
      {notice && (
        <div className="alert alert-success" role="status">
          {notice}
        </div>
      )}
      <ErrorBox error={agenda.error} />
      {agenda.loading && !agenda.data ? (
        <Loading what="the agenda" />
      ) : agenda.data ? (
        <>
          <Card title={`For decision (${agenda.data.forDecision.length})`}>
            {agenda.data.forDecision.length === 0 ? (
              <Empty>Nothing awaits the CAB.</Empty>
            ) : (
              <ol className="agenda-list" aria-label="Changes for decision">
                {agenda.data.forDecision.map((item) => (
                  <AgendaEntry key={item.ref} item={item} onDecided={onDecided} />
                ))}
              </ol>
            )}
          </Card>
          <UpcomingCard items={agenda.data.upcoming} />
        </>
      ) : null}
      <CabMinutesPanel date={date} decided={decided} />
    </>
  );
}

/** One change for decision: its facts, then the decision form the server allows. */
function AgendaEntry(props: { item: AgendaItemView; onDecided: (message: string) => void }) {
  const { item } = props;
  const impact = item.impact;
  return (
    <li className="agenda-item" aria-label={`${item.ref} ${item.title}`}>
      <div className="agenda-head">
        <Link to={`/changes/${item.ref}`} className="strong">
          {item.ref}
        </Link>
        <span className="agenda-title">{item.title}</span>
        <RiskBadge level={item.risk?.level} score={item.risk?.score} />
      </div>
      <dl className="agenda-facts">
        <div>
          <dt>Requested by</dt>
          <dd>
            {item.requester} · {item.type}
          </dd>
        </div>
        <div>
          <dt>Window</dt>
          <dd>{item.window ? `${formatTime(item.window.start)} – ${formatTime(item.window.end)}` : 'none yet'}</dd>
        </div>
        <div>
          <dt>Impact</dt>
          <dd>
            {impact
              ? `touches ${impact.touched.join(', ') || 'nothing'}; affects ${impact.impacted.length} CI${impact.impacted.length === 1 ? '' : 's'}${impact.businessServices.length > 0 ? `, business services ${impact.businessServices.join(', ')}` : ''}`
              : 'not assessed'}
          </dd>
        </div>
        <div>
          <dt>Awaiting</dt>
          <dd>{item.awaiting.join(', ') || 'nothing'}</dd>
        </div>
        <div>
          <dt>Conflicts</dt>
          <dd className={item.conflicts.length > 0 ? 'bad-text' : undefined}>
            {item.conflicts.length > 0 ? item.conflicts.join('; ') : 'none'}
          </dd>
        </div>
      </dl>
      <DecisionForm item={item} onDecided={props.onDecided} />
    </li>
  );
}

/** Approve or reject with a comment (a rejection needs its reason), only where the server offers it. */
function DecisionForm(props: { item: AgendaItemView; onDecided: (message: string) => void }) {
  const { item } = props;
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState<string>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const offered = (['approve', 'reject'] as const).filter((a) => item.allowedActions.includes(a));
  if (offered.length === 0)
    return <p className="muted small">Not yours to decide: the server offers you no decision on {item.ref}.</p>;
  const decide = async (action: 'approve' | 'reject') => {
    const text = comment.trim();
    if (action === 'reject' && !text) {
      setMissing(`Say why ${item.ref} is rejected.`);
      return;
    }
    setBusy(true);
    setMissing(undefined);
    setError(undefined);
    try {
      const result = await client.changes.act(item.ref, action, text ? { comment: text } : {});
      setComment('');
      props.onDecided(actionNotice(action, result));
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  const id = `decision-${item.ref}`;
  return (
    <div className="agenda-decision">
      <label htmlFor={id}>Comment (a rejection needs its reason)</label>
      <textarea id={id} name="comment" rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
      {missing && (
        <div className="field-error" role="alert">
          {missing}
        </div>
      )}
      <ErrorBox error={error} />
      <div className="action-buttons">
        {offered.map((a) => (
          <button
            key={a}
            type="button"
            className={`btn ${a === 'approve' ? 'btn-primary' : 'btn-danger'}`}
            disabled={busy}
            onClick={() => void decide(a)}
          >
            {a === 'approve' ? `Approve ${item.ref}` : `Reject ${item.ref}`}
          </button>
        ))}
      </div>
    </div>
  );
}

function UpcomingCard(props: { items: AgendaItemView[] }) {
  return (
    <Card title={`Due in the following week (${props.items.length})`} flush>
      {props.items.length === 0 ? (
        <Empty>No change is due in the week after the meeting.</Empty>
      ) : (
        <table className="table" aria-label="Changes due in the following week">
          <thead>
            <tr>
              <th>Ref</th>
              <th>Title</th>
              <th>State</th>
              <th>Window</th>
              <th>Risk</th>
              <th>Conflicts</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((i) => (
              <tr key={i.ref}>
                <td>
                  <Link to={`/changes/${i.ref}`}>{i.ref}</Link>
                </td>
                <td>{i.title}</td>
                <td>
                  <StateBadge state={i.state} />
                </td>
                <td>{i.window ? formatTime(i.window.start) : '—'}</td>
                <td>
                  <RiskBadge level={i.risk?.level} />
                </td>
                <td>{i.conflicts.join('; ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
