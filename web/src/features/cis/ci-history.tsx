import { client } from '../../client.js';
import { href, Link } from '../../app/router.js';
import { ago, formatTime } from '../../ui/format.js';
import { useApi } from '../../ui/use-api.js';
import { Card, ErrorBox, Listing } from '../../ui/widgets.js';
import { RevisionChange, revisionPath } from '../history/revision-links.js';

/** The revisions that touched this CI, newest first; each opens as an as-of view or a diff. */
export function CiHistory(props: { ciRef: string }) {
  const log = useApi(() => client.history.log({ ci: props.ciRef, limit: 50 }), [props.ciRef]);
  const items = log.data?.items ?? [];
  const path = window.location.pathname;
  return (
    <Card title="History" flush>
      <ErrorBox error={log.error} />
      <Listing loaded={log} count={items.length} empty="No revision touched this CI.">
        <table className="table" aria-label="History">
          <thead>
            <tr>
              <th className="num">Rev</th>
              <th>What</th>
              <th>When</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.rev}>
                <td className="num mono">
                  <Link to={revisionPath(r.rev)}>{r.rev}</Link>
                </td>
                <td>
                  <div>{r.message}</div>
                  <div className="muted small">
                    {r.author} · {r.source}
                    {(r.change ?? r.backoutOf) && (
                      <>
                        {' · '}
                        <RevisionChange revision={r} />
                      </>
                    )}
                  </div>
                </td>
                <td className="nowrap" title={formatTime(r.at)}>
                  {ago(r.at)}
                </td>
                <td className="nowrap right">
                  <Link to={href(path, { at: String(r.rev) })}>as of</Link>
                  {' · '}
                  <Link to={href('/history/diff', { from: String(r.rev - 1), to: String(r.rev) })}>diff</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Listing>
    </Card>
  );
}
