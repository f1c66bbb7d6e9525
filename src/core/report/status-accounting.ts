import type { ChangeFacetCount } from '../change/change.port.js';
import type { CiFacetCount } from '../cmdb/cmdb.port.js';
import { CHANGE_STATES, CHANGE_TYPES } from '../lifecycle/change-lifecycle.js';
import { RISK_LEVELS } from '../risk/risk.types.js';
import type { ReportDocument, ReportFigure, ReportRow } from './report-document.js';
import { section } from './report-document.js';

/**
 * Status accounting (ISO 10007, ITIL service configuration management): what the CMDB holds and
 * where each change stands, as counts. Pure builders from the store's grouped counts.
 */

export function ciStatusReport(rows: CiFacetCount[], revision: number, generatedAt: string): ReportDocument {
  const total = sum(rows);
  return {
    report: 'cis',
    title: 'Configuration items by class, status and environment',
    generatedAt,
    revision,
    summary: [
      { label: 'CIs', value: total },
      { label: 'Classes', value: distinct(rows.map((r) => r.class)) },
      { label: 'Environments', value: distinct(rows.flatMap((r) => (r.environment === null ? [] : [r.environment]))) },
    ],
    sections: [
      section(
        'CIs by class, status and environment',
        [
          ['class', 'Class'],
          ['status', 'Status'],
          ['environment', 'Environment'],
          ['count', 'CIs'],
        ],
        // By class, status and environment, a CI naming no environment last (engines order nulls apart).
        [...rows]
          .sort(
            (a, b) =>
              a.class.localeCompare(b.class) ||
              a.status.localeCompare(b.status) ||
              (a.environment === null ? 1 : 0) - (b.environment === null ? 1 : 0) ||
              (a.environment ?? '').localeCompare(b.environment ?? ''),
          )
          .map((r) => ({ ...r })),
      ),
      totalsBy('CIs by class', 'class', 'Class', rows, (r) => r.class),
      totalsBy('CIs by status', 'status', 'Status', rows, (r) => r.status),
      totalsBy('CIs by environment', 'environment', 'Environment', rows, (r) => r.environment),
    ],
  };
}

export function changeStatusReport(rows: ChangeFacetCount[], generatedAt: string): ReportDocument {
  // In the lifecycle's order, then by type and by risk, lowest first: the order a reader follows.
  const sorted = [...rows].sort(
    (a, b) =>
      rank(CHANGE_STATES, a.state) - rank(CHANGE_STATES, b.state) ||
      rank(CHANGE_TYPES, a.type) - rank(CHANGE_TYPES, b.type) ||
      rank(RISK_LEVELS, a.risk) - rank(RISK_LEVELS, b.risk),
  );
  const summary: ReportFigure[] = [{ label: 'Changes', value: sum(rows) }];
  return {
    report: 'changes',
    title: 'Changes by state, type and risk',
    generatedAt,
    summary,
    sections: [
      section(
        'Changes by state, type and risk',
        [
          ['state', 'State'],
          ['type', 'Type'],
          ['risk', 'Risk'],
          ['count', 'Changes'],
        ],
        sorted.map((r) => ({ ...r })),
      ),
      totalsBy('Changes by state', 'state', 'State', rows, (r) => r.state),
      totalsBy('Changes by type', 'type', 'Type', rows, (r) => r.type),
      totalsBy('Changes by risk', 'risk', 'Risk', rows, (r) => r.risk),
    ],
  };
}

/** One column's totals: the grouped counts summed by that column alone, largest first. */
function totalsBy<R extends { count: number }>(
  heading: string,
  key: string,
  label: string,
  rows: R[],
  valueOf: (r: R) => string | null,
) {
  const totals = new Map<string | null, number>();
  for (const r of rows) totals.set(valueOf(r), (totals.get(valueOf(r)) ?? 0) + r.count);
  const out: ReportRow[] = [...totals]
    .sort(([a, x], [b, y]) => y - x || (a ?? '').localeCompare(b ?? ''))
    .map(([value, count]) => ({ [key]: value, count }));
  return section(
    heading,
    [
      [key, label],
      ['count', 'Count'],
    ],
    out,
  );
}

function sum(rows: { count: number }[]): number {
  return rows.reduce((n, r) => n + r.count, 0);
}

function distinct(values: string[]): number {
  return new Set(values).size;
}

/** Where a value stands in a known order; unknown and absent values come last. */
function rank(order: readonly string[], value: string | null): number {
  const i = value === null ? -1 : order.indexOf(value);
  return i < 0 ? order.length : i;
}
