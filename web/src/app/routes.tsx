import { AdminRoutes, AuditRoute } from '../features/admin/admin-routes.js';
import { ChangeDetailPage } from '../features/changes/change-detail-page.js';
import { ChangeEditPage } from '../features/changes/change-edit-page.js';
import { ChangeFormPage } from '../features/changes/change-form-page.js';
import { ChangeListPage } from '../features/changes/change-list-page.js';
import { ApprovalsPage } from '../features/changes/approvals-page.js';
import { CabAgendaPage } from '../features/cab/cab-agenda-page.js';
import { LazyCalendarPage } from '../features/calendar/lazy-calendar-page.js';
import { CiDetailPage } from '../features/cis/ci-detail-page.js';
import { CiListPage } from '../features/cis/ci-list-page.js';
import { DashboardPage } from '../features/dashboard/dashboard-page.js';
import { DriftPage } from '../features/drift/drift-page.js';
import { LazyMetricsPage } from '../features/metrics/lazy-metrics-page.js';
import { NotificationsPage } from '../features/notifications/notifications-page.js';
import { PreferencesPage } from '../features/notifications/preferences-page.js';
import { BaselinesPage } from '../features/history/baselines-page.js';
import { DiffPage } from '../features/history/diff-page.js';
import { RevisionPage } from '../features/history/revision-page.js';
import { RevisionsPage } from '../features/history/revisions-page.js';
import { PipelinePage } from '../features/releases/pipeline-page.js';
import { ReleasePage } from '../features/releases/release-page.js';
import { releaseOfSegments } from '../features/releases/release-paths.js';
import { Empty, PageHeader } from '../ui/widgets.js';
import { Link, useLocation } from './router.js';

/** The app's pages by path: /cis/<class>/<name>, /changes/<CHG-n>, … */
export function Routes() {
  const { segments, query } = useLocation();
  const [first, second, ...rest] = segments;
  switch (first) {
    case undefined:
      return <DashboardPage />;
    case 'cis':
      if (second && rest.length > 0)
        return <CiDetailPage ciRef={`${second}/${rest.join('/')}`} at={query.get('at') ?? undefined} />;
      return <CiListPage query={query} />;
    case 'history':
      if (second === 'diff')
        return <DiffPage from={query.get('from') ?? undefined} to={query.get('to') ?? undefined} />;
      if (second && /^[1-9]\d*$/.test(second)) return <RevisionPage rev={Number(second)} />;
      return <RevisionsPage />;
    case 'baselines':
      return <BaselinesPage />;
    case 'changes':
      if (second === 'new') return <ChangeFormPage query={query} />;
      if (second && rest[0] === 'edit') return <ChangeEditPage changeRef={second} query={query} />;
      if (second) return <ChangeDetailPage changeRef={second} />;
      return <ChangeListPage query={query} />;
    case 'approvals':
      return <ApprovalsPage />;
    case 'cab':
      return <CabAgendaPage query={query} />;
    case 'calendar':
      return <LazyCalendarPage />;
    case 'releases': {
      const release = releaseOfSegments(segments.slice(1));
      return release ? <ReleasePage service={release.service} version={release.version} /> : <PipelinePage />;
    }
    case 'drift':
      return <DriftPage query={query} />;
    case 'reports':
      if (second === 'metrics') return <LazyMetricsPage query={query} />;
      return <NotFound />;
    case 'admin':
      return <AdminRoutes page={second} query={query} />;
    case 'audit':
      return <AuditRoute />;
    case 'notifications':
      return second === 'preferences' ? <PreferencesPage /> : <NotificationsPage />;
    default:
      return <NotFound />;
  }
}

function NotFound() {
  return (
    <>
      <PageHeader title="Not found" />
      <Empty>
        There is no page here. <Link to="/">Back to the dashboard</Link>
      </Empty>
    </>
  );
}
