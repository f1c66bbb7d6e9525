import type { ReportService } from '../../core/report/report.service.js';
import type { ReportsClient } from '../reports.client.js';
import { refOf } from './cmdb.local.js';

/** Reports in-process: the documents the API serves. */
export function localReportsClient(s: { reports: ReportService }): ReportsClient {
  return {
    cis: (at) => s.reports.cis(at),
    changes: () => s.reports.changes(),
    metrics: (period) => s.reports.metrics(period),
    baselines: () => s.reports.baselines(),
    baseline: (name) => s.reports.baseline(name),
    ci: (ref) => s.reports.ci(refOf(ref)),
    change: (ref) => s.reports.change(ref),
  };
}
