import { upcomingItems } from '../calendar/upcoming.js';
import { href, Link } from '../../app/router.js';
import { useSession } from '../../app/session.js';
import { client } from '../../client.js';
import type { ModelClass } from '../../types.js';
import { ago, formatTime, humanize } from '../../ui/format.js';
import { useApi } from '../../ui/use-api.js';
import { Card, Empty, ErrorBox, Loading, PageHeader, StateBadge } from '../../ui/widgets.js';
import { Tile, Tiles } from './tiles.js';

/** The top ancestor of each class: linux_server → hardware. */
function rootOf(classes: ModelClass[]): (name: string) => string {
  const parent = new Map(classes.map((c) => [c.name, c.parent]));
  return (name) => {
    let n = name;
    for (let p = parent.get(n); p; p = parent.get(n)) n = p;
    return n;
  };
}

/**
 * The first look: the estate by class, the changes in flight, what waits for me, recent writes.
 * Every figure comes from one summary request, counted by the server (GET /summary).
 */
export function DashboardPage() {
  const { session } = useSession();
  const summary = useApi(() => client.summary(), [session.name]);
  const classes = useApi(() => client.model.classes().then((m) => m.classes), []);
  const revisions = useApi(() => client.history.log({ limit: 8 }), []);
  const upcoming = useApi(
    () => client.calendar.entries(new Date().toISOString(), new Date(Date.now() + 30 * 86_400_000).toISOString()),
    [],
  );

  const sum = summary.data;
  const byClass = new Map<string, number>();
  if (sum) {
    const root = rootOf(classes.data ?? []);
    for (const c of sum.cis.byClass) byClass.set(root(c.class), (byClass.get(root(c.class)) ?? 0) + c.count);
  }
  const topClasses = [...byClass].sort((a, b) => b[1] - a[1]).slice(0, 8);
  const inFlight = Object.entries(sum?.changes.byState ?? {}).filter(
    ([state, n]) => n > 0 && !['closed', 'cancelled', 'rejected'].includes(state),
  );
  const figure = (n: number | undefined) => (n === undefined ? (summary.error ? '—' : '…') : String(n));

  return (
    <>
      <PageHeader
        title={`Good to see you, ${session.name}`}
        docTitle="Dashboard"
        subtitle="The estate, the changes in flight and what waits for you."
      />
      <ErrorBox error={summary.error} />
      <Tiles>
        <Tile label="Configuration items" value={figure(sum?.cis.total)} to="/cis" />
        <Tile label="Open changes" value={figure(sum?.changes.open)} to="/changes" />
        <Tile
          label="Waiting for my approval"
          value={figure(sum?.pendingApprovals)}
          to="/approvals"
          tone={sum?.pendingApprovals ? 'warn' : undefined}
        />
        <Tile
          label="Unauthorized changes"
          value={figure(sum?.unauthorizedChanges)}
          to="/changes"
          tone={sum?.unauthorizedChanges ? 'bad' : undefined}
        />
        <Tile
          label="Open drift findings"
          value={figure(sum?.openDriftFindings)}
          to="/drift"
          tone={sum?.openDriftFindings ? 'warn' : undefined}
        />
      </Tiles>
      <div className="grid-3">
        <Card title="CIs by class" flush>
          {summary.loading && !sum ? (
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
          {inFlight.length === 0 ? (
            <Empty>No change in flight.</Empty>
          ) : (
            <table className="table compact" aria-label="Changes by state">
              <tbody>
                {inFlight.map(([state, n]) => (
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
