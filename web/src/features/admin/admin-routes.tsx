import './admin.css';
import { Link } from '../../app/router.js';
import { useMay, useSession } from '../../app/session.js';
import type { Action } from '../../types.js';
import { humanize } from '../../ui/format.js';
import { Card, Empty, PageHeader } from '../../ui/widgets.js';
import { AuditPage } from './audit-page.js';
import { ClassesPage } from './classes-page.js';
import { GroupsPage } from './groups-page.js';
import { PolicyPage } from './policy-page.js';
import { RolesPage } from './roles-page.js';
import { TokensPage } from './tokens-page.js';
import { UsersPage } from './users-page.js';
import { WebhooksPage } from './webhooks-page.js';

/** The administration pages: where each lives, what it is for, and the action needed to open it. */
export const ADMIN_PAGES: { to: string; label: string; action: Action; about: string }[] = [
  { to: '/admin/users', label: 'Users', action: 'user:manage', about: 'Who can log in, their roles, passwords.' },
  {
    to: '/admin/groups',
    label: 'Groups',
    action: 'change:read',
    about: 'Approver groups and the people of the change workflow.',
  },
  { to: '/admin/roles', label: 'Roles', action: 'cmdb:read', about: 'What each role may do.' },
  { to: '/admin/tokens', label: 'API tokens', action: 'token:manage', about: 'Tokens for pipelines and scripts.' },
  {
    to: '/admin/webhooks',
    label: 'Webhooks',
    action: 'webhook:manage',
    about: 'Events sent to other systems, their delivery log and replay.',
  },
  { to: '/admin/policy', label: 'Policy', action: 'change:read', about: 'Approval rules, change control, windows.' },
  { to: '/admin/classes', label: 'Classes', action: 'cmdb:read', about: 'CI classes and relationship types.' },
  { to: '/audit', label: 'Audit', action: 'audit:verify', about: 'Verify the audit chain.' },
];

/** /admin/<page>: the page, or why the user's roles do not open it (the server would refuse its calls). */
export function AdminRoutes(props: { page: string | undefined; query: URLSearchParams }) {
  const entry = ADMIN_PAGES.find((p) => p.to === `/admin/${props.page ?? ''}`);
  if (!props.page) return <AdminIndex />;
  if (!entry)
    return (
      <>
        <PageHeader title="Not found" />
        <Empty>
          There is no such administration page. <Link to="/admin">All administration pages</Link>
        </Empty>
      </>
    );
  return (
    <Allowed action={entry.action} title={entry.label}>
      {page(props.page, props.query)}
    </Allowed>
  );
}

/** /audit: the audit page, for the roles that may verify. */
export function AuditRoute() {
  return (
    <Allowed action="audit:verify" title="Audit">
      <AuditPage />
    </Allowed>
  );
}

function page(name: string, query: URLSearchParams) {
  switch (name) {
    case 'users':
      return <UsersPage />;
    case 'groups':
      return <GroupsPage />;
    case 'roles':
      return <RolesPage />;
    case 'tokens':
      return <TokensPage />;
    case 'webhooks':
      return <WebhooksPage selected={query.get('id') ?? undefined} />;
    case 'policy':
      return <PolicyPage />;
    default:
      return <ClassesPage selected={query.get('name') ?? undefined} />;
  }
}

function Allowed(props: { action: Action; title: string; children: React.ReactNode }) {
  const may = useMay(props.action);
  const { session } = useSession();
  if (may) return <>{props.children}</>;
  return (
    <>
      <PageHeader title={props.title} />
      <Empty>
        Your roles ({session.roles.map(humanize).join(', ')}) do not open this page: ask an admin for a role that does.{' '}
        <Link to="/admin/roles">See what each role may do</Link>
      </Empty>
    </>
  );
}

function AdminIndex() {
  const { session } = useSession();
  const open = ADMIN_PAGES.filter((p) => session.actions.includes(p.action));
  return (
    <>
      <PageHeader
        title="Administration"
        subtitle="Users, roles, tokens, webhooks, the policy, classes and the audit trail."
      />
      <div className="admin-index">
        {open.map((p) => (
          <Card key={p.to} title={<Link to={p.to}>{p.label}</Link>}>
            <p className="muted">{p.about}</p>
          </Card>
        ))}
      </div>
    </>
  );
}
