import { Link } from '../../app/router.js';
import { useMay, useSession } from '../../app/session.js';
import { client } from '../../client.js';
import { useApi } from '../../ui/use-api.js';
import { Card, Empty, ErrorBox, Listing, PageHeader, RiskBadge } from '../../ui/widgets.js';

/**
 * Changes waiting for the logged-in user's decision, as the server lists them
 * (GET /changes/pending): the same rule that decides whether approving is allowed.
 */
export function ApprovalsPage() {
  const { session } = useSession();
  const mayApprove = useMay('change:approve');
  const pending = useApi(() => client.changes.pending(), [session.name]);
  const items = pending.data?.items ?? [];
  return (
    <>
      <PageHeader title="My approvals" subtitle={`Changes waiting for a decision ${session.name} may give.`} />
      <ErrorBox error={pending.error} />
      {!mayApprove ? (
        <Empty>Your roles do not approve changes: change managers, CAB members and admins do.</Empty>
      ) : (
        <Listing loaded={pending} count={items.length} empty="Nothing is waiting for you.">
          <Card flush>
            <table className="table" aria-label="Pending approvals">
              <thead>
                <tr>
                  <th>Ref</th>
                  <th>Title</th>
                  <th>Risk</th>
                  <th>Your groups still missing</th>
                  <th>Requester</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr key={i.ref}>
                    <td>
                      <Link to={`/changes/${i.ref}`} className="strong">
                        {i.ref}
                      </Link>
                    </td>
                    <td>{i.title}</td>
                    <td>
                      <RiskBadge level={i.risk ?? undefined} />
                    </td>
                    <td>{i.groups.map((g) => `${g.group} (${g.missing} more)`).join(', ')}</td>
                    <td>{i.requester}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        </Listing>
      )}
    </>
  );
}
