import { client } from '../../client.js';
import { href, Link, navigate } from '../../app/router.js';
import { useMay } from '../../app/session.js';
import { formatValue } from '../../ui/format.js';
import { useApi } from '../../ui/use-api.js';
import { Card, Empty, ErrorBox, Fields, Loading, PageHeader, StateBadge } from '../../ui/widgets.js';
import { PointSelect } from '../history/point-select.js';
import { CiHistory } from './ci-history.js';
import { CiImpact } from './ci-impact.js';
import { LazyDependencyGraph } from '../graph/lazy-dependency-graph.js';
import { CiRelations } from './ci-relations.js';
import { CiUnresolvedRefs } from './ci-unresolved-refs.js';

/** One CI: attributes, labels, relationships, its history and impact, as of now or a past point. */
export function CiDetailPage(props: { ciRef: string; at: string | undefined }) {
  const mayRequest = useMay('change:request');
  const { ciRef, at } = props;
  const ci = useApi(() => client.cmdb.getCi(ciRef, at), [ciRef, at]);
  const slash = ciRef.indexOf('/');
  const cls = ciRef.slice(0, slash);
  const name = ciRef.slice(slash + 1);
  const setAt = (value: string | undefined) =>
    navigate(href(window.location.pathname, { at: value }), { replace: true });
  const c = ci.data;
  const attributes = Object.entries(c?.attributes ?? {}).sort(([a], [b]) => a.localeCompare(b));

  return (
    <>
      <PageHeader
        docTitle={ciRef}
        kicker={
          <>
            <Link to="/cis">Configuration items</Link> / <Link to={href('/cis', { class: cls })}>{cls}</Link>
          </>
        }
        title={
          <>
            {name} {c && <StateBadge state={c.status} />}
          </>
        }
        subtitle={<span className="mono">{ciRef}</span>}
        actions={
          <>
            {mayRequest && (
              <Link to={href('/changes/new', { ci: ciRef })} className="btn btn-primary">
                Request change
              </Link>
            )}
            <PointSelect label="As of" name="at" value={at} onChange={setAt} />
          </>
        }
      />
      {at && (
        <div className="alert alert-info">
          Showing this CI as of <strong>{/^\d+$/.test(at) ? `revision ${at}` : at}</strong>
          {c && ` (its version from revision ${c.revision})`}. <Link to={window.location.pathname}>Back to now</Link>
        </div>
      )}
      <ErrorBox error={ci.error} />
      {ci.loading && !c && <Loading what="the CI" />}
      {c && (
        <div className="grid-2">
          <Card title="Attributes" flush>
            {attributes.length === 0 ? (
              <Empty>No attributes.</Empty>
            ) : (
              <table className="table table-kv" aria-label="Attributes">
                <tbody>
                  {attributes.map(([k, v]) => (
                    <tr key={k}>
                      <th>{k}</th>
                      <td className="mono">{formatValue(v)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Card>
          <Card title="Record">
            <Fields
              items={[
                ['Class', <Link to={href('/cis', { class: c.class })}>{c.class}</Link>],
                ['Status', <StateBadge state={c.status} />],
                [
                  'Labels',
                  Object.keys(c.labels).length === 0 ? (
                    <span className="muted">none</span>
                  ) : (
                    Object.entries(c.labels).map(([k, v]) => (
                      <span key={k} className="tag">
                        {k}={v}
                      </span>
                    ))
                  ),
                ],
                [
                  'Version written by',
                  <Link to={href('/history/diff', { from: String(c.revision - 1), to: String(c.revision) })}>
                    revision {c.revision}
                  </Link>,
                ],
                ['Id', <span className="mono small">{c.id}</span>],
              ]}
            />
          </Card>
        </div>
      )}
      {c && (
        <>
          <CiRelations ciRef={ciRef} at={at} />
          {!at && <CiUnresolvedRefs ciRef={ciRef} />}
          <div className="grid-2">
            <CiImpact ciRef={ciRef} at={at} />
            <CiHistory ciRef={ciRef} />
          </div>
          <LazyDependencyGraph roots={[ciRef]} at={at} />
        </>
      )}
    </>
  );
}
