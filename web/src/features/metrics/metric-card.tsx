import { useMemo, useState } from 'react';
import { MetricChart } from './metric-chart.js';
import { formatFigure, type Figure } from './metric-figures.js';
import type { MetricsReport } from '../../types.js';
import { bucketLabel, bucketTick, type Interval } from './metrics-query.js';

/**
 * One figure: its value over the whole period with what it was measured over, and its chart by
 * interval. Pointing at a bucket reads its value out under the heading.
 */
export function MetricCard(props: { figure: Figure; answer: MetricsReport; interval: Interval }) {
  const { figure, answer, interval } = props;
  const [hovered, setHovered] = useState<number | undefined>();
  // Stable arrays: the chart is rebuilt only when the answer changes, not on every pointer move.
  const times = useMemo(() => answer.series.map((p) => Date.parse(p.from) / 1000), [answer]);
  const values = useMemo(() => answer.series.map((p) => figure.value(p)), [answer, figure]);
  const point = hovered === undefined ? undefined : answer.series[hovered];
  const total = figure.value(answer.figures);
  return (
    <section className="card metric-card" aria-labelledby={`metric-${figure.key}`}>
      <div className="metric-head">
        <h3 id={`metric-${figure.key}`}>{figure.label}</h3>
        <div className="metric-value" data-figure={figure.key}>
          {formatFigure(figure.unit, total)}
        </div>
        <div className="metric-basis">
          {point
            ? `${bucketLabel(interval, point.from)}: ${formatFigure(figure.unit, figure.value(point))}`
            : figure.basis(answer.figures)}
        </div>
      </div>
      {answer.series.length > 0 && (
        <MetricChart
          label={figure.label}
          unit={figure.unit}
          times={times}
          values={values}
          tick={(t) => bucketTick(interval, new Date(t * 1000).toISOString())}
          onHover={setHovered}
        />
      )}
    </section>
  );
}
