import { Link } from '../../app/router.js';
import { useMay, useSession } from '../../app/session.js';
import { formatTime } from '../../ui/format.js';
import { useApi } from '../../ui/use-api.js';
import { Card, Empty, ErrorBox, Loading, PageHeader, RiskBadge } from '../../ui/widgets.js';
import { pendingForMe } from './pending.js';

/** Changes waiting for the logged-in user's decision. */
export function ApprovalsPage() {
  const { session } = useSession();
  const mayApprove = useMay('change:approve');
  const pending = useApi(() => pendingForMe(session), [session.name]);
  const items = pending.data ?? [];
  return (
    <>
      <PageHeader title="My approvals" subtitle={`Changes waiting for a decision ${session.name} may give.`} />
      <ErrorBox error={pending.error} />
      {!mayApprove ? (
        <Empty>Your roles do not approve changes: change managers, CAB members and admins do.</Empty>
      ) : pending.loading && !pending.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <Empty>Nothing is waiting for you.</Empty>
      ) : (
        <Card flush>
          <table className="table" aria-label="Pending approvals">
            <thead>
              <tr>
                <th>Ref</th>
                <th>Title</th>
                <th>Risk</th>
                <th>Missing</th>
                <th>Requester</th>
                <th>Window</th>
              </tr>
            </thead>
            <tbody>
              {items.map((v) => (
                <tr key={v.change.ref}>
                  <td>
                    <Link to={`/changes/${v.change.ref}`} className="strong">
                      {v.change.ref}
                    </Link>
                  </td>
                  <td>{v.change.title}</td>
                  <td>
                    <RiskBadge level={v.change.risk?.level} score={v.change.risk?.score} />
                  </td>
                  <td>
                    {v.approvalStatus.groups
                      .filter((g) => !g.satisfied)
                      .map((g) => `${g.group} (${g.missing})`)
                      .join(', ')}
                  </td>
                  <td>{v.change.requester}</td>
                  <td className="nowrap">{v.change.window ? formatTime(v.change.window.start) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </>
  );
}
