import { MetricsReportView, ReportView } from '../../contracts/report.contracts.js';
import type { MetricsService } from '../../core/report/metrics.service.js';
import type { ReportService } from '../../core/report/report.service.js';
import type { ReportsClient } from '../reports.client.js';
import { refOf } from './cmdb.local.js';
import { inContractShape } from './contract-shape.js';

/** A report in the shape the API serves it, so that `-o json` prints the same bytes on both transports. */
const shaped = async (report: Promise<unknown>) => inContractShape(ReportView, await report);

/** Reports in-process: the documents the API serves. */
export function localReportsClient(s: { reports: ReportService; metrics: MetricsService }): ReportsClient {
  return {
    cis: (at) => shaped(s.reports.cis(at)),
    changes: () => shaped(s.reports.changes()),
    metrics: async (query) => inContractShape(MetricsReportView, await s.metrics.report(query)),
    baselines: () => shaped(s.reports.baselines()),
    baseline: (name) => shaped(s.reports.baseline(name)),
    audit: (baseline, to) => shaped(s.reports.audit(baseline, to)),
    releases: () => shaped(s.reports.releases()),
    ci: (ref) => shaped(s.reports.ci(refOf(ref))),
    change: (ref) => shaped(s.reports.change(ref)),
  };
}
