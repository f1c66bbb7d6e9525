import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { CiRefParams, responses } from '../../contracts/common.js';
import { ChangeParams } from '../../contracts/change.contracts.js';
import { BaselineParams } from '../../contracts/history.contracts.js';
import {
  ReportAtQuery,
  ReportAuditParams,
  ReportAuditQuery,
  ReportFormatQuery,
  MetricsQuery,
  MetricsReportView,
  ReportView,
  type ReportFormat,
} from '../../contracts/report.contracts.js';
import type { MetricsQuery as MetricsQueryOf } from '../../core/report/metrics.service.js';
import type { ReportDocument } from '../../core/report/report-document.js';
import { reportCsv } from '../../core/report/render-csv.js';
import { REPORT_STYLE, reportHtml } from '../../core/report/render-html.js';
import type { ApiServices } from '../services.js';

/** The printable page may apply its own inline style and nothing else: no script, nothing fetched. */
const REPORT_PAGE_POLICY = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(REPORT_STYLE).digest('base64')}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;

const FORMATTED = responses({ 200: ReportView }, [404]);
const DESCRIPTION =
  '`format=csv` answers text/csv (a spreadsheet; cells that would run as formulas are written as text), `format=html` a self-contained page to read and print.';

/**
 * Status accounting and audit records (issue 9): one document per report, answered as JSON, CSV
 * or a printable page, so that what an auditor prints is what a script reads.
 */
export function reportRoutes(app: FastifyInstance, s: ApiServices): void {
  const schema = (summary: string, extra: object) => ({
    tags: ['reports'],
    summary,
    description: DESCRIPTION,
    produces: ['application/json', 'text/csv', 'text/html'],
    response: FORMATTED,
    ...extra,
  });

  app.get<{ Querystring: { at?: string; format?: ReportFormat } }>(
    '/api/v1/reports/cis',
    {
      schema: schema('Status accounting: CIs by class, status and environment, now or as of a point', {
        querystring: ReportAtQuery,
      }),
      config: { action: 'cmdb:read' },
    },
    async (req, reply) => send(reply, await s.reports.cis(req.query.at), req.query.format),
  );

  app.get<{ Querystring: { format?: ReportFormat } }>(
    '/api/v1/reports/changes',
    {
      schema: schema('Status accounting: changes by state, type and risk', { querystring: ReportFormatQuery }),
      config: { action: 'change:read' },
    },
    async (req, reply) => send(reply, await s.reports.changes(), req.query.format),
  );

  app.get<{ Querystring: MetricsQueryOf & { format?: ReportFormat } }>(
    '/api/v1/reports/metrics',
    {
      schema: {
        ...schema('Change and DORA metrics over a period, overall or for one service, and as a series over time', {
          querystring: MetricsQuery,
        }),
        response: responses({ 200: MetricsReportView }, [404]),
      },
      config: { action: 'change:read' },
    },
    async (req, reply) => {
      const { format, ...query } = req.query;
      return send(reply, await s.metrics.report(query), format);
    },
  );

  app.get<{ Querystring: { format?: ReportFormat } }>(
    '/api/v1/reports/baselines',
    {
      schema: schema('Every baseline, with how many CIs it holds', { querystring: ReportFormatQuery }),
      config: { action: 'cmdb:read' },
    },
    async (req, reply) => send(reply, await s.reports.baselines(), req.query.format),
  );

  app.get<{ Params: { name: string }; Querystring: { format?: ReportFormat } }>(
    '/api/v1/reports/baselines/:name',
    {
      schema: schema('What one baseline holds: every CI at its revision', {
        params: BaselineParams,
        querystring: ReportFormatQuery,
      }),
      config: { action: 'cmdb:read' },
    },
    async (req, reply) => send(reply, await s.reports.baseline(req.params.name), req.query.format),
  );

  app.get<{ Params: { baseline: string }; Querystring: { to?: string; format?: ReportFormat } }>(
    '/api/v1/reports/audit/:baseline',
    {
      schema: schema(
        'Configuration audit of a baseline: what it holds, what changed since, and the change or release that explains each difference; differences nothing explains are flagged',
        { params: ReportAuditParams, querystring: ReportAuditQuery },
      ),
      config: { action: 'cmdb:read' },
    },
    async (req, reply) => send(reply, await s.reports.audit(req.params.baseline, req.query.to), req.query.format),
  );

  app.get<{ Querystring: { format?: ReportFormat } }>(
    '/api/v1/reports/releases',
    {
      schema: schema('Status accounting: the release deployed in each environment, per service, when and by whom', {
        querystring: ReportFormatQuery,
      }),
      config: { action: 'release:read' },
    },
    async (req, reply) => send(reply, await s.reports.releases(), req.query.format),
  );

  app.get<{ Params: CiRefParams; Querystring: { format?: ReportFormat } }>(
    '/api/v1/reports/cis/:class/:name',
    {
      schema: schema('The full record of one CI: attributes, relationships, every revision and change', {
        params: CiRefParams,
        querystring: ReportFormatQuery,
      }),
      config: { action: 'cmdb:read' },
    },
    async (req, reply) => send(reply, await s.reports.ci(req.params), req.query.format),
  );

  app.get<{ Params: { ref: string }; Querystring: { format?: ReportFormat } }>(
    '/api/v1/reports/changes/:ref',
    {
      schema: schema('The full record of one change: request, plan, approvals, history, revisions', {
        params: ChangeParams,
        querystring: ReportFormatQuery,
      }),
      config: { action: 'change:read' },
    },
    async (req, reply) => send(reply, await s.reports.change(req.params.ref), req.query.format),
  );
}

/** The document in the format asked for; a CSV comes as a file named after the report. */
function send(reply: FastifyReply, doc: ReportDocument, format: ReportFormat = 'json') {
  if (format === 'json') return reply.send(doc);
  const text = format === 'csv' ? reportCsv(doc) : reportHtml(doc);
  if (format === 'csv') reply.header('content-disposition', `attachment; filename="cairn-${doc.report}-report.csv"`);
  else reply.header('content-security-policy', REPORT_PAGE_POLICY);
  return reply
    .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'text/html; charset=utf-8')
    .serializer((x) => x as string)
    .send(text);
}
