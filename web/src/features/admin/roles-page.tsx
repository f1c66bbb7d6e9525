import { client } from '../../client.js';
import { useMay } from '../../app/session.js';
import { humanize } from '../../ui/format.js';
import { useApi } from '../../ui/use-api.js';
import { Card, ErrorBox, Loading, PageHeader } from '../../ui/widgets.js';

/** The permission table as the server enforces it: what each role is for and may do, and who holds it. */
export function RolesPage() {
  const table = useApi(() => client.accounts.roles(), []);
  const mayManageUsers = useMay('user:manage');
  const users = useApi(async () => (mayManageUsers ? client.accounts.list() : undefined), [mayManageUsers]);
  const holders = (role: string) =>
    (users.data ?? []).filter((u) => !u.disabled && u.roles.includes(role)).map((u) => u.username);
  if (table.loading && !table.data) return <Loading what="roles" />;
  const roles = table.data?.roles ?? [];
  return (
    <>
      <PageHeader
        title="Roles"
        subtitle="What each role may do. The server checks every request against this table; the pages only offer what it allows."
      />
      <ErrorBox error={table.error ?? users.error} />
      <Card title="Roles" flush>
        <table className="table" aria-label="Roles">
          <thead>
            <tr>
              <th>Role</th>
              <th>What it is for</th>
              {mayManageUsers && <th>Held by</th>}
            </tr>
          </thead>
          <tbody>
            {roles.map((r) => (
              <tr key={r.name}>
                <td className="strong nowrap">{humanize(r.name)}</td>
                <td>{r.purpose}</td>
                {mayManageUsers && <td>{holders(r.name).join(', ') || <span className="muted">nobody</span>}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card title="Permissions" flush>
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Permissions by role, scrollable">
          <table className="table matrix" aria-label="Permissions by role">
            <thead>
              <tr>
                <th scope="col">Action</th>
                {roles.map((r) => (
                  <th key={r.name} scope="col" className="center">
                    <span className="matrix-role">{humanize(r.name)}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(table.data?.actions ?? []).map((action) => (
                <tr key={action}>
                  <th scope="row" className="mono">
                    {action}
                  </th>
                  {roles.map((r) => (
                    <td key={r.name} className="center">
                      {r.actions.includes(action) ? (
                        <span aria-label="allowed" title="allowed">
                          ✓
                        </span>
                      ) : (
                        <span className="sr-only">not allowed</span>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </>
  );
}
