import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CairnClient } from '../../client/client.js';
import type { ReportView } from '../../contracts/report.contracts.js';
import { intervalOf, METRIC_INTERVALS } from '../../core/report/metric-intervals.js';
import { reportCsv } from '../../core/report/render-csv.js';
import { reportHtml } from '../../core/report/render-html.js';
import { withClient } from '../client-context.js';
import { print, renderTable } from '../output.js';

interface ReportOptions {
  csv?: string;
  html?: string;
  at?: string;
  from?: string;
  to?: string;
  service?: string;
  interval?: string;
}

/** One report of `cairn report`: its word, arguments, and how the client reads it. */
interface ReportCommand {
  word: string;
  description: string;
  argument?: [name: string, description: string];
  at?: boolean;
  period?: boolean;
  /** Takes --service and --interval (the metrics). */
  scoped?: boolean;
  /** Takes `--to POINT`: the point a baseline is audited up to. */
  upTo?: boolean;
  read: (client: CairnClient, arg: string, opts: ReportOptions) => Promise<ReportView>;
}

const REPORTS: ReportCommand[] = [
  {
    word: 'cis',
    description: 'status accounting: CIs by class, status and environment',
    at: true,
    read: (c, _arg, opts) => c.reports.cis(opts.at),
  },
  {
    word: 'changes',
    description: 'status accounting: changes by state, type and risk',
    read: (c) => c.reports.changes(),
  },
  {
    word: 'metrics',
    description:
      'change and DORA metrics: success rate, emergency share, unauthorized changes, lead and approval times, deployment frequency, lead time for changes, change failure rate, time to restore',
    period: true,
    scoped: true,
    read: (c, _arg, opts) =>
      c.reports.metrics({
        from: opts.from,
        to: opts.to,
        service: opts.service,
        interval: intervalOf(opts.interval),
      }),
  },
  { word: 'baselines', description: 'every baseline, with how many CIs it holds', read: (c) => c.reports.baselines() },
  {
    word: 'baseline',
    description: 'what one baseline holds: every CI at its revision',
    argument: ['<name>', 'the baseline'],
    read: (c, name) => c.reports.baseline(name),
  },
  {
    word: 'audit',
    description:
      'configuration audit of a baseline: what it holds, what changed since, which change or release explains each difference (unexplained ones flagged)',
    argument: ['<baseline>', 'the baseline audited'],
    upTo: true,
    read: (c, baseline, opts) => c.reports.audit(baseline, opts.to),
  },
  {
    word: 'releases',
    description: 'status accounting: the release deployed in each environment, per service, when and by whom',
    read: (c) => c.reports.releases(),
  },
  {
    word: 'ci',
    description: 'the full record of one CI: attributes, relationships, every revision and change',
    argument: ['<ref>', 'class/name'],
    read: (c, ref) => c.reports.ci(ref),
  },
  {
    word: 'change',
    description: 'the full record of one change: request, plan, approvals, history, revisions',
    argument: ['<ref>', 'CHG-n'],
    read: (c, ref) => c.reports.change(ref),
  },
];

/**
 * `cairn report cis | changes | metrics | baselines | baseline NAME | audit BASELINE | releases | ci REF |
 * change REF`: status
 * accounting and audit records, on screen (`-o table|json|yaml`) and as files for a spreadsheet
 * (`--csv`) or to print (`--html`), rendered exactly as the server's /api/v1/reports serves them.
 */
export function registerReport(program: Command): void {
  const report = program
    .command('report')
    .description('status accounting and audit records, as tables, CSV or a printable page');
  for (const r of REPORTS) {
    const command = report.command(r.word).description(r.description);
    if (r.argument) command.argument(...r.argument);
    if (r.at) command.option('--at <point>', 'as of a revision, baseline, CHG-n or ISO time (default: now)');
    if (r.period)
      command
        .option('--from <time>', 'start of the period, ISO-8601 (default: 30 days ago)')
        .option('--to <time>', 'end of the period, excluded (default: now)');
    if (r.scoped)
      command
        .option('--service <ref>', 'one service, class/name (default: every service)')
        .option('--interval <width>', `also a series over the period, one row per ${METRIC_INTERVALS.join(', ')}`);
    if (r.upTo) command.option('--to <point>', 'audit up to a revision, baseline, CHG-n or ISO time (default: now)');
    command
      .option('--csv <file>', 'also write the report as CSV, for a spreadsheet (- for standard output)')
      .option('--html <file>', 'also write the report as a page to read and print (- for standard output)');
    command.action(async (...args: unknown[]) => {
      const cmd = args[args.length - 1] as Command;
      const opts = args[args.length - 2] as ReportOptions;
      const arg = r.argument ? (args[0] as string) : '';
      await withClient(cmd, async ({ client, format }) => {
        const doc = await r.read(client, arg, opts);
        const wrote = writeFiles(doc, opts);
        // A file written to standard output is the output: nothing else goes there.
        if (opts.csv !== '-' && opts.html !== '-') print(format, doc, () => [reportText(doc), ...wrote].join('\n'));
      });
    });
  }
}

/** Writes the `--csv` and `--html` files; the sentences that say so. */
function writeFiles(doc: ReportView, opts: ReportOptions): string[] {
  const wrote: string[] = [];
  for (const [file, text, kind] of [
    [opts.csv, () => reportCsv(doc), 'CSV'],
    [opts.html, () => reportHtml(doc), 'a printable page'],
  ] as const) {
    if (file === undefined) continue;
    if (file === '-') process.stdout.write(text());
    else {
      writeFileSync(file, text());
      wrote.push(`Wrote the report as ${kind} to ${file}.`);
    }
  }
  return wrote;
}

/** The report for a terminal: title, the headline figures, then each table. */
export function reportText(doc: ReportView): string {
  const at = doc.revision === undefined ? '' : ` (CMDB revision ${doc.revision})`;
  const figures = doc.summary.map((f) => `${f.label}: ${f.value}`).join('   ');
  const sections = doc.sections.map((s) => {
    const table =
      s.rows.length === 0
        ? 'None.'
        : renderTable(
            s.columns.map((c) => c.label.toUpperCase()),
            s.rows.map((row) => s.columns.map((c) => cellOf(row[c.key]))),
          );
    return `${s.heading}\n${table}`;
  });
  return [`${doc.title}${at}`, figures, ...sections].filter((p) => p !== '').join('\n\n');
}

function cellOf(value: string | number | boolean | null | undefined): string | number | null {
  return typeof value === 'boolean' ? String(value) : (value ?? null);
}
