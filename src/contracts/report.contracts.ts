import { Type, type Static } from '@sinclair/typebox';
import { KeyedBy } from '../core/shared/schema-words.js';
import { METRIC_INTERVALS } from '../core/report/metric-intervals.js';
import { REPORT_NAMES } from '../core/report/report-document.js';

const Cell = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);

/** A report: headline figures and tables; CSV and the printable page render the same document. */
export const ReportView = Type.Object(
  {
    report: Type.Union(REPORT_NAMES.map((n) => Type.Literal(n))),
    title: Type.String(),
    generatedAt: Type.String({ description: 'when the report was made (UTC)' }),
    revision: Type.Optional(Type.Integer({ description: 'the CMDB revision the figures are read at' })),
    summary: Type.Array(Type.Object({ label: Type.String(), value: Type.Union([Type.String(), Type.Number()]) })),
    sections: Type.Array(
      Type.Object({
        heading: Type.String(),
        columns: Type.Array(Type.Object({ key: Type.String(), label: Type.String() })),
        rows: Type.Array(KeyedBy(Cell)),
      }),
    ),
  },
  { title: 'Report' },
);
export type ReportView = Static<typeof ReportView>;

export const REPORT_FORMATS = ['json', 'csv', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const ReportFormatQuery = Type.Object({
  format: Type.Optional(
    Type.Union(
      REPORT_FORMATS.map((f) => Type.Literal(f)),
      { description: 'json (default), csv (a spreadsheet), or html (a page to read and print)' },
    ),
  ),
});

const ReportPeriodQuery = Type.Composite([
  ReportFormatQuery,
  Type.Object({
    from: Type.Optional(Type.String({ minLength: 1, description: 'start, ISO-8601 (default: 30 days before now)' })),
    to: Type.Optional(Type.String({ minLength: 1, description: 'end, excluded, ISO-8601 (default: now)' })),
  }),
]);

export const ReportAtQuery = Type.Composite([
  ReportFormatQuery,
  Type.Object({
    at: Type.Optional(
      Type.String({ minLength: 1, description: 'a revision, baseline, CHG-n or ISO time (default: now)' }),
    ),
  }),
]);

const Num = (description: string) => Type.Union([Type.Number(), Type.Null()], { description });

/** The change figures of a period (null: nothing to measure, never 0 %). */
const ChangeFiguresView = Type.Object({
  implemented: Type.Integer({ description: 'changes whose implementation finished in the period' }),
  successful: Type.Integer({ description: 'of those, not failed, not backed out, not reviewed as failed' }),
  successRate: Num('successful ÷ implemented'),
  raised: Type.Integer({ description: 'changes raised in the period' }),
  emergency: Type.Integer({ description: 'of those, emergencies' }),
  emergencyShare: Num('emergency ÷ raised'),
  unauthorized: Type.Integer({ description: 'writes to controlled CIs outside change control in the period' }),
  unauthorizedOpen: Type.Integer({ description: 'of those, without a retrospective change' }),
  meanLeadTimeHours: Num('mean hours from a change being raised to its implementation finishing'),
  authorized: Type.Integer({ description: 'changes authorized in the period' }),
  meanApprovalHours: Num('mean hours from last submission to authorization'),
});

/** The four DORA measures of a period, for the production environment. */
const DoraFiguresView = Type.Object({
  deployments: Type.Integer({ description: 'successful promotions into production finished in the period' }),
  deploymentsPerDay: Type.Number({ description: 'deployment frequency: deployments ÷ days of the period' }),
  meanLeadTimeHours: Num(
    'lead time for changes: mean hours from release created to its production deployment finishing',
  ),
  medianLeadTimeHours: Num('lead time for changes, median'),
  productionDeployments: Type.Integer({
    description: 'promotions into production finished in the period, succeeded or failed',
  }),
  failedDeployments: Type.Integer({ description: 'of those, failed, rolled back, or causing an incident' }),
  changeFailureRate: Num('failedDeployments ÷ productionDeployments'),
  incidents: Type.Union([Type.Integer(), Type.Null()], {
    description: 'incidents started in the period; null when incidents are not recorded',
  }),
  restored: Type.Union([Type.Integer(), Type.Null()], {
    description: 'incidents ended in the period; null when incidents are not recorded',
  }),
  meanTimeToRestoreHours: Num('time to restore: mean hours from incident start to end, over restored'),
  medianTimeToRestoreHours: Num('time to restore, median'),
});

const MetricsFiguresView = Type.Object({ change: ChangeFiguresView, dora: DoraFiguresView });

/** The metrics report: the report document, plus its figures as numbers and a series for charts. */
export const MetricsReportView = Type.Composite(
  [
    ReportView,
    Type.Object({
      scope: Type.Object({
        from: Type.String({ description: 'start of the period (UTC, included)' }),
        to: Type.String({ description: 'end of the period (UTC, excluded)' }),
        service: Type.Union([Type.String(), Type.Null()], { description: 'class/name; null for all services' }),
        interval: Type.Union([...METRIC_INTERVALS.map((i) => Type.Literal(i)), Type.Null()]),
        production: Type.String({ description: 'the environment DORA counts deployments into' }),
        incidentsRecorded: Type.Boolean({ description: 'false: incident figures are null' }),
      }),
      figures: MetricsFiguresView,
      series: Type.Array(
        Type.Composite([Type.Object({ from: Type.String(), to: Type.String() }), MetricsFiguresView]),
        { description: 'one point per interval, oldest first, covering the period; empty without interval' },
      ),
    }),
  ],
  { title: 'MetricsReport' },
);
export type MetricsReportView = Static<typeof MetricsReportView>;

export const MetricsQuery = Type.Composite([
  ReportPeriodQuery,
  Type.Object({
    service: Type.Optional(Type.String({ minLength: 1, description: 'one service, class/name (default: all)' })),
    interval: Type.Optional(
      Type.Union(
        METRIC_INTERVALS.map((i) => Type.Literal(i)),
        { description: 'also answer a series: one point per UTC day, ISO week or calendar month' },
      ),
    ),
  }),
]);

/** `GET /reports/audit/{baseline}`: the baseline audited. */
export const ReportAuditParams = Type.Object({
  baseline: Type.String({ minLength: 1, description: 'the baseline audited' }),
});

export const ReportAuditQuery = Type.Composite([
  ReportFormatQuery,
  Type.Object({
    to: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'audit up to this revision, baseline, CHG-n or ISO time, at or after the baseline (default: now)',
      }),
    ),
  }),
]);
