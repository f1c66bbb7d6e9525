import { client } from '../../client.js';
import { href, Link } from '../../app/router.js';
import { ciPath } from '../../ui/paths.js';
import { useApi } from '../../ui/use-api.js';
import { Card, ErrorBox } from '../../ui/widgets.js';

/** References shown on a CI page; more are listed by `cairn list refs --ci`. */
const SHOWN = 50;

/**
 * The references an import read from or to this CI whose other end was neither in its input nor
 * in the CMDB (a component owned by a group of another catalog, a Secret a Job makes at run
 * time): waiting until that end arrives, then written as relationships. Shown only when there
 * are some, those still waiting first.
 */
export function CiUnresolvedRefs(props: { ciRef: string }) {
  const refs = useApi(
    () => client.imports.unresolvedRefs({ ci: props.ciRef, state: 'all', limit: SHOWN }),
    [props.ciRef],
  );
  const items = [...(refs.data?.items ?? [])].sort(
    (a, b) => Number(a.resolvedRev !== null) - Number(b.resolvedRev !== null) || a.missing.localeCompare(b.missing),
  );
  if (refs.error) return <ErrorBox error={refs.error} />;
  if (items.length === 0) return null;
  const waiting = items.filter((r) => r.resolvedRev === null).length;
  return (
    <Card title={`Unresolved references (${waiting} waiting)`} flush>
      <p className="card-note muted small">
        Relationships an import named whose other end is neither in its input nor in the CMDB. Each is written as a
        relationship when that CI arrives, by a later import or an apply.
      </p>
      <table className="table" aria-label="Unresolved references">
        <thead>
          <tr>
            <th>Relationship</th>
            <th>Waiting for</th>
            <th>Read from</th>
            <th>State</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id}>
              <td>
                <span className="mono">{r.from}</span> <strong>{r.type}</strong> <span className="mono">{r.to}</span>
              </td>
              <td className="mono">
                {r.resolvedRev === null ? r.missing : <Link to={ciPath(r.missing)}>{r.missing}</Link>}
              </td>
              <td className="small">
                <span className="mono">{r.file}</span>
                {r.location && <span className="muted"> · {r.location}</span>}
                <div className="muted">source {r.source}</div>
              </td>
              <td>
                {r.resolvedRev === null ? (
                  <span className="badge tone-warn">waiting</span>
                ) : (
                  <Link to={href('/history/diff', { from: String(r.resolvedRev - 1), to: String(r.resolvedRev) })}>
                    resolved in revision {r.resolvedRev}
                  </Link>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {refs.data?.nextCursor && (
        <p className="card-note muted small">
          The first {SHOWN} are shown: <span className="mono">cairn list refs --ci {props.ciRef} --all</span> lists
          every one.
        </p>
      )}
    </Card>
  );
}
