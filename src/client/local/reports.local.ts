import type { MetricsService } from '../../core/report/metrics.service.js';
import type { ReportService } from '../../core/report/report.service.js';
import type { ReportsClient } from '../reports.client.js';
import { refOf } from './cmdb.local.js';

/** Reports in-process: the documents the API serves. */
export function localReportsClient(s: { reports: ReportService; metrics: MetricsService }): ReportsClient {
  return {
    cis: (at) => s.reports.cis(at),
    changes: () => s.reports.changes(),
    metrics: (query) => s.metrics.report(query),
    baselines: () => s.reports.baselines(),
    baseline: (name) => s.reports.baseline(name),
    ci: (ref) => s.reports.ci(refOf(ref)),
    change: (ref) => s.reports.change(ref),
  };
}
