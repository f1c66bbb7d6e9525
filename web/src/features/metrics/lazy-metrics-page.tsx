import { lazy, Suspense } from 'react';
import { Loading } from '../../ui/widgets.js';

// The charting library is only this page's: it comes as its own chunk when the page is first
// opened, so the main bundle does not carry it.
const Page = lazy(() => import('./metrics-page.js').then((m) => ({ default: m.MetricsPage })));

/** The metrics page, loaded on first use (see `MetricsPage`). */
export function LazyMetricsPage(props: { query: URLSearchParams }) {
  return (
    <Suspense fallback={<Loading what="metrics" />}>
      <Page query={props.query} />
    </Suspense>
  );
}
