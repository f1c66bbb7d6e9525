import { lazy, Suspense } from 'react';
import { Loading } from '../../ui/widgets.js';

// FullCalendar is large and only this page uses it: it is fetched as its own chunk when the
// calendar is first opened, so the main bundle stays small.
const Page = lazy(() => import('./calendar-page.js').then((m) => ({ default: m.CalendarPage })));

/** The change calendar, loaded on first use (see `CalendarPage`). */
export function LazyCalendarPage() {
  return (
    <Suspense fallback={<Loading what="the calendar" />}>
      <Page />
    </Suspense>
  );
}
