import type { MetricsReportView, ReportView } from '../contracts/report.contracts.js';
import type { MetricsQuery } from '../core/report/metrics.service.js';

/**
 * Status accounting and the records an auditor asks for, each a report document (figures and
 * tables). The CLI renders them as tables, CSV or a printable page; the API serves the same three.
 */
export interface ReportsClient {
  /** CIs by class, status and environment, now or as of a point (revision, baseline, CHG-n, ISO time). */
  cis(at?: string): Promise<ReportView>;
  /** Changes by state, type and risk. */
  changes(): Promise<ReportView>;
  /** Change and DORA metrics over [from, to) (by default the 30 days up to now), overall or for a service, with a series by `interval`. */
  metrics(query?: MetricsQuery): Promise<MetricsReportView>;
  /** Every baseline, with how many CIs it holds. */
  baselines(): Promise<ReportView>;
  /** What one baseline holds. */
  baseline(name: string): Promise<ReportView>;
  /** Configuration audit of a baseline up to `to` (revision, baseline, CHG-n or ISO time; default now). */
  audit(baseline: string, to?: string): Promise<ReportView>;
  /** The release deployed in each environment, per service. */
  releases(): Promise<ReportView>;
  /** The full record of one CI (`class/name`). */
  ci(ref: string): Promise<ReportView>;
  /** The full record of one change (`CHG-n`). */
  change(ref: string): Promise<ReportView>;
}
