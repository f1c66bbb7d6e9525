import type { ReactNode } from 'react';
import { ADMIN_PAGES } from '../features/admin/admin-routes.js';
import { NotificationBell } from '../features/notifications/notification-bell.js';
import { humanize } from '../ui/format.js';
import { Link, useLocation } from './router.js';
import { useSession } from './session.js';

const NAV: { to: string; label: string; section?: string }[] = [
  { to: '/', label: 'Dashboard' },
  { to: '/cis', label: 'Configuration items', section: 'CMDB' },
  { to: '/history', label: 'Revisions' },
  { to: '/history/diff', label: 'Diff' },
  { to: '/baselines', label: 'Baselines' },
  { to: '/drift', label: 'Drift' },
  { to: '/changes', label: 'Changes', section: 'Change' },
  { to: '/approvals', label: 'My approvals' },
  { to: '/cab', label: 'CAB agenda' },
  { to: '/calendar', label: 'Calendar' },
  { to: '/releases', label: 'Releases', section: 'Release' },
  { to: '/reports/metrics', label: 'Metrics', section: 'Reports' },
];

function isActive(path: string, to: string): boolean {
  if (to === '/') return path === '/';
  if (to === '/history') return path === '/history';
  return path === to || path.startsWith(`${to}/`);
}

export function Layout(props: { children: ReactNode }) {
  const { path } = useLocation();
  const { session, ui, logout } = useSession();
  // The administration pages the user's roles open, under their own heading.
  const admin = ADMIN_PAGES.filter((p) => session.actions.includes(p.action));
  const nav: typeof NAV = [
    ...NAV,
    ...admin.map((p, i) => ({ to: p.to, label: p.label, ...(i === 0 ? { section: 'Administration' } : {}) })),
  ];
  return (
    <div className="shell">
      <aside className="sidebar">
        <Link to="/" className="brand">
          <img src="/favicon.svg" alt="" width={24} height={24} />
          <span>Cairn</span>
        </Link>
        <nav>
          {nav.map((item) => (
            <div key={item.to}>
              {item.section && <div className="nav-section">{item.section}</div>}
              <Link to={item.to} className={isActive(path, item.to) ? 'nav-link active' : 'nav-link'}>
                {item.label}
              </Link>
            </div>
          ))}
        </nav>
        <div className="sidebar-foot">
          {ui.demo && <div className="demo-flag">Demo estate</div>}
          <NotificationBell />
          <div className="whoami">
            <div className="whoami-name">{session.name}</div>
            <div className="whoami-roles">{session.roles.map(humanize).join(', ')}</div>
          </div>
          <button type="button" className="btn btn-ghost btn-small" onClick={logout}>
            Log out
          </button>
        </div>
      </aside>
      <main className="content">{props.children}</main>
    </div>
  );
}
