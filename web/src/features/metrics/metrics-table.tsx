import { formatFigure, type Figure } from './metric-figures.js';
import type { MetricsReport } from '../../types.js';
import { BUCKET_HEADING, bucketStart, type Interval } from './metrics-query.js';

/**
 * The charts' numbers as a table, one row per interval and a last row for the whole period: what
 * a screen reader reads instead of the canvas, and what a reader copies into a spreadsheet.
 */
export function MetricsTable(props: {
  caption: string;
  figures: readonly Figure[];
  answer: MetricsReport;
  interval: Interval;
}) {
  const { figures, answer, interval } = props;
  return (
    // A narrow window scrolls the table sideways: the region takes focus so a keyboard can scroll it.
    <div className="table-scroll" tabIndex={0} role="region" aria-label={`${props.caption}, scrollable`}>
      <table className="table metrics-table" aria-label={props.caption}>
        <thead>
          <tr>
            <th scope="col">{BUCKET_HEADING[interval]}</th>
            {figures.map((f) => (
              <th key={f.key} scope="col" className="num">
                {f.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {answer.series.map((p) => (
            <tr key={p.from}>
              <th scope="row">{bucketStart(interval, p.from)}</th>
              {figures.map((f) => (
                <td key={f.key} className="num">
                  {formatFigure(f.unit, f.value(p))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Whole period</th>
            {figures.map((f) => (
              <td key={f.key} className="num">
                {formatFigure(f.unit, f.value(answer.figures))}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
