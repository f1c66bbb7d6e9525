import { describe, expect, it } from 'vitest';
import type { DoraMetrics } from './dora-metrics.js';
import { metricsDocument, type ChangeFigures, type MetricsScope } from './metrics-document.js';

const CHANGE: ChangeFigures = {
  implemented: 3,
  successful: 2,
  successRate: 2 / 3,
  raised: 4,
  emergency: 1,
  emergencyShare: 0.25,
  unauthorized: 0,
  unauthorizedOpen: 0,
  meanLeadTimeHours: 28,
  authorized: 3,
  meanApprovalHours: 32 / 3,
};
const DORA: DoraMetrics = {
  deployments: 3,
  deploymentsPerDay: 0.1,
  meanLeadTimeHours: 34,
  medianLeadTimeHours: 36,
  productionDeployments: 4,
  failedDeployments: 3,
  changeFailureRate: 0.75,
  incidents: null,
  restored: null,
  meanTimeToRestoreHours: null,
  medianTimeToRestoreHours: null,
};
const SCOPE: MetricsScope = {
  from: '2026-11-01T00:00:00.000Z',
  to: '2026-12-01T00:00:00.000Z',
  service: 'application/shop',
  interval: 'month',
  production: 'production',
  incidentsRecorded: false,
};

describe('the metrics document', () => {
  const doc = metricsDocument(
    SCOPE,
    { change: CHANGE, dora: DORA },
    [{ from: SCOPE.from, to: SCOPE.to, change: CHANGE, dora: DORA }],
    '2026-12-05T00:00:00.000Z',
  );

  it('names the service, and heads with the change figures then the four DORA measures', () => {
    expect(doc.title).toBe(
      'Change metrics, 2026-11-01T00:00:00.000Z to 2026-12-01T00:00:00.000Z, service application/shop',
    );
    expect(doc.summary.slice(5)).toEqual([
      { label: 'Deployment frequency', value: '0.10 a day' },
      { label: 'Lead time for changes', value: '36.0 h' },
      { label: 'Change failure rate', value: '75.0 %' },
      { label: 'Time to restore', value: 'n/a' },
    ]);
  });

  it('says how each DORA figure was measured, and that incidents are not recorded', () => {
    const rows = doc.sections[0]!.rows;
    expect(rows.find((r) => r['figure'] === 'Change failure rate')?.['basis']).toBe(
      '3 of 4 promotions into production finished in the period failed, were rolled back (incidents are not recorded)',
    );
    expect(rows.find((r) => r['figure'] === 'Time to restore (median)')?.['basis']).toBe('incidents are not recorded');
  });

  it('gives the series as a table of numbers a spreadsheet reads: percentages and hours to one decimal', () => {
    expect(doc.sections[1]!.heading).toBe('Over time');
    expect(doc.sections[1]!.rows).toEqual([
      {
        from: SCOPE.from,
        to: SCOPE.to,
        successRate: 66.7,
        emergencyShare: 25,
        unauthorized: 0,
        meanLeadTimeHours: 28,
        meanApprovalHours: 10.7,
        deployments: 3,
        medianDeployLeadTimeHours: 36,
        changeFailureRate: 75,
        medianTimeToRestoreHours: null,
      },
    ]);
    // The figures themselves keep full precision.
    expect(doc.series[0]!.change.successRate).toBe(2 / 3);
  });
});
