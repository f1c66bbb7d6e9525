import { navigate } from '../../app/router.js';
import { humanize } from '../../ui/format.js';
import { useApi } from '../../ui/use-api.js';
import { Card, ErrorBox, Loading, PageHeader } from '../../ui/widgets.js';
import { MetricCard } from './metric-card.js';
import { FIGURES } from './metric-figures.js';
import { loadMetrics, loadServices } from './metrics-data.js';
import { MetricsTable } from './metrics-table.js';
import { apiPeriod, INTERVALS, metricsHref, PERIODS, readMetricsQuery, type MetricsQuery } from './metrics-query.js';
import './metrics.css';

const CHANGE = FIGURES.filter((f) => f.group === 'change');
const DORA = FIGURES.filter((f) => f.group === 'dora');

/**
 * The change-management and DORA figures over a period, overall or for one service, each as a
 * headline value and a chart by day, week or month, with the same numbers in tables. Everything
 * shown comes from `GET /api/v1/reports/metrics`: the page computes no figure of its own.
 */
export function MetricsPage(props: { query: URLSearchParams }) {
  const q = readMetricsQuery(props.query);
  const period = apiPeriod(q);
  const answer = useApi(
    () => loadMetrics({ ...period, interval: q.interval, service: q.service }),
    [period.from, period.to, q.interval, q.service],
  );
  const services = useApi(loadServices, []);
  const go = (change: Partial<MetricsQuery>) => navigate(metricsHref({ ...q, ...change }), { replace: true });
  const data = answer.data;
  const download = (format: 'csv' | 'html') =>
    `/api/v1/reports/metrics?${new URLSearchParams({ ...period, interval: q.interval, ...(q.service ? { service: q.service } : {}), format }).toString()}`;

  return (
    <>
      <PageHeader
        kicker="Reports"
        title="Metrics"
        subtitle="Change management and the four DORA measures over time, measured from the change, release and incident records (cairn report metrics)."
        actions={
          <>
            <a className="btn btn-ghost btn-small" href={download('csv')} download>
              Download CSV
            </a>
            <a className="btn btn-ghost btn-small" href={download('html')} target="_blank" rel="noopener">
              Printable page
            </a>
          </>
        }
      />
      <form className="toolbar metrics-toolbar" aria-label="What to measure" onSubmit={(e) => e.preventDefault()}>
        <label className="inline-field">
          <span>Period</span>
          <select
            value={q.period}
            onChange={(e) => {
              const preset = PERIODS.find((p) => p.value === e.target.value) ?? PERIODS[1];
              go({ period: preset.value, interval: preset.interval });
            }}
          >
            {PERIODS.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>From</span>
          <input
            type="date"
            value={q.firstDay}
            max={q.lastDay}
            required
            onChange={(e) => e.target.value && go({ period: 'custom', firstDay: e.target.value })}
          />
        </label>
        <label className="inline-field">
          <span>To</span>
          <input
            type="date"
            value={q.lastDay}
            min={q.firstDay}
            required
            onChange={(e) => e.target.value && go({ period: 'custom', lastDay: e.target.value })}
          />
        </label>
        <label className="inline-field">
          <span>Interval</span>
          <select value={q.interval} onChange={(e) => go({ interval: e.target.value as MetricsQuery['interval'] })}>
            {INTERVALS.map((i) => (
              <option key={i} value={i}>
                {humanize(i)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>Service</span>
          <select value={q.service ?? ''} onChange={(e) => go({ service: e.target.value || undefined })}>
            <option value="">All services</option>
            {/* The service asked for stays offered even when the list has not loaded or does not hold it. */}
            {[...new Set([...(q.service ? [q.service] : []), ...(services.data ?? [])])].map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </form>
      <ErrorBox error={answer.error ?? services.error} />
      {answer.loading && !data ? (
        <Loading what="metrics" />
      ) : (
        data && (
          <div className={answer.loading ? 'metrics reloading' : 'metrics'} aria-busy={answer.loading}>
            {!data.scope.incidentsRecorded && (
              <div className="alert alert-info" role="note">
                Incidents are not recorded yet: the change failure rate counts failed and rolled-back deployments only,
                and time to restore has nothing to measure.
              </div>
            )}
            <h2 className="metrics-heading">Change management</h2>
            <div className="metric-grid">
              {CHANGE.map((f) => (
                <MetricCard key={f.key} figure={f} answer={data} interval={q.interval} />
              ))}
            </div>
            <h2 className="metrics-heading">
              DORA <span className="muted">· deployments to {data.scope.production}</span>
            </h2>
            <div className="metric-grid">
              {DORA.map((f) => (
                <MetricCard key={f.key} figure={f} answer={data} interval={q.interval} />
              ))}
            </div>
            <Card title={`The figures by ${q.interval}`} flush className="metrics-tables">
              <MetricsTable
                caption="Change management by period"
                figures={CHANGE}
                answer={data}
                interval={q.interval}
              />
              <MetricsTable caption="DORA measures by period" figures={DORA} answer={data} interval={q.interval} />
            </Card>
          </div>
        )
      )}
    </>
  );
}
