import { upcomingItems } from '../calendar/upcoming.js';
import { href, Link } from '../../app/router.js';
import { useSession, useVocabulary } from '../../app/session.js';
import { client } from '../../client.js';
import type { ModelClass } from '../../types.js';
import { ago, formatTime, humanize } from '../../ui/format.js';
import { useApi } from '../../ui/use-api.js';
import { Card, Empty, ErrorBox, Loading, PageHeader, StateBadge } from '../../ui/widgets.js';
import { pendingForMe } from '../changes/pending.js';
import { Tile, Tiles } from './tiles.js';

const CI_SAMPLE = 1000;

/** The top ancestor of each class: linux_server → hardware. */
function rootOf(classes: ModelClass[]): (name: string) => string {
  const parent = new Map(classes.map((c) => [c.name, c.parent]));
  return (name) => {
    let n = name;
    for (let p = parent.get(n); p; p = parent.get(n)) n = p;
    return n;
  };
}

/** The first look: the estate by class, the changes in flight, what waits for me, recent writes. */
export function DashboardPage() {
  const { session } = useSession();
  const { openChangeStates } = useVocabulary();
  const cis = useApi(
    () =>
      Promise.all([
        client.cmdb.listCis({ limit: CI_SAMPLE }),
        client.model.classes().then((m) => m.classes as ModelClass[]),
      ]),
    [],
  );
  // One page of changes, at its largest (1 000, by number); the first page of open findings likewise.
  const changes = useApi(() => client.changes.list({ limit: 1000 }).then((page) => page.items), []);
  const pending = useApi(() => pendingForMe(session), [session.name]);
  const revisions = useApi(() => client.history.log({ limit: 8 }), []);
  const drift = useApi(() => client.drift.listFindings({ state: 'open', limit: 1000 }).then((page) => page.items), []);
  const upcoming = useApi(
    () => client.calendar.entries(new Date().toISOString(), new Date(Date.now() + 30 * 86_400_000).toISOString()),
    [],
  );

  const byClass = new Map<string, number>();
  if (cis.data) {
    const root = rootOf(cis.data[1]);
    for (const c of cis.data[0].items) byClass.set(root(c.class), (byClass.get(root(c.class)) ?? 0) + 1);
  }
  const topClasses = [...byClass].sort((a, b) => b[1] - a[1]).slice(0, 8);
  const open = (changes.data ?? []).filter(
    (c) => openChangeStates.includes(c.state) || c.state === 'draft' || c.state === 'implemented',
  );
  const byState = new Map<string, number>();
  for (const c of open) byState.set(c.state, (byState.get(c.state) ?? 0) + 1);
  const unauthorized = (changes.data ?? []).filter((c) => c.unauthorized && !c.unauthorized.retrospectiveChange);
  const ciTotal = cis.data ? `${cis.data[0].items.length}${cis.data[0].nextCursor ? '+' : ''}` : '…';

  return (
    <>
      <PageHeader
        title={`Good to see you, ${session.name}`}
        subtitle="The estate, the changes in flight and what waits for you."
      />
      <ErrorBox error={cis.error ?? changes.error} />
      <Tiles>
        <Tile label="Configuration items" value={ciTotal} to="/cis" />
        <Tile label="Open changes" value={changes.data ? String(open.length) : '…'} to="/changes" />
        <Tile
          label="Waiting for my approval"
          value={pending.data ? String(pending.data.length) : '…'}
          to="/approvals"
          tone={pending.data?.length ? 'warn' : undefined}
        />
        <Tile
          label="Unauthorized changes"
          value={changes.data ? String(unauthorized.length) : '…'}
          to="/changes"
          tone={unauthorized.length ? 'bad' : undefined}
        />
        <Tile
          label="Open drift findings"
          value={drift.data ? String(drift.data.length) : drift.error ? '—' : '…'}
          to="/drift"
          tone={drift.data?.some((f) => f.classification === 'unauthorized') ? 'bad' : undefined}
        />
      </Tiles>
      <div className="grid-3">
        <Card title="CIs by class" flush>
          {cis.loading && !cis.data ? (
            <Loading />
          ) : (
            <table className="table compact" aria-label="CIs by class">
              <tbody>
                {topClasses.map(([cls, n]) => (
                  <tr key={cls}>
                    <td>
                      <Link to={href('/cis', { class: cls })}>{cls}</Link>
                    </td>
                    <td className="num">{n}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
        <Card title="Changes in flight" flush>
          {byState.size === 0 ? (
            <Empty>No change in flight.</Empty>
          ) : (
            <table className="table compact" aria-label="Changes by state">
              <tbody>
                {[...byState].map(([state, n]) => (
                  <tr key={state}>
                    <td>
                      <Link to={href('/changes', { state })}>
                        <StateBadge state={state} />
                      </Link>
                    </td>
                    <td className="num">{n}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
        <Card
          title="Next 30 days"
          flush
          actions={
            <Link to="/calendar" className="small">
              Calendar →
            </Link>
          }
        >
          {(upcoming.data ?? []).length === 0 ? (
            <Empty>Nothing scheduled.</Empty>
          ) : (
            <ul className="list">
              {upcomingItems(upcoming.data ?? [], 6).shown.map((e) => (
                <li key={`${e.kind}${e.ref}${e.start}`}>
                  {e.kind === 'change' ? <Link to={`/changes/${e.ref}`}>{e.title}</Link> : <strong>{e.title}</strong>}
                  <div className="muted small">
                    {formatTime(e.start)} {e.state && `· ${humanize(e.state)}`}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      <Card
        title="Recent revisions"
        flush
        actions={
          <Link to="/history" className="small">
            All revisions →
          </Link>
        }
      >
        <table className="table" aria-label="Recent revisions">
          <tbody>
            {(revisions.data?.items ?? []).map((r) => (
              <tr key={r.rev}>
                <td className="num mono strong">{r.rev}</td>
                <td>
                  <Link to={href('/history/diff', { from: String(r.rev - 1), to: String(r.rev) })}>
                    {r.message || '(no message)'}
                  </Link>
                </td>
                <td>{r.author}</td>
                <td>
                  {r.change ? (
                    <Link to={`/changes/${r.change}`}>{r.change}</Link>
                  ) : (
                    <span className="tag">{r.source}</span>
                  )}
                </td>
                <td className="nowrap muted" title={formatTime(r.at)}>
                  {ago(r.at)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </>
  );
}
