import type { Command } from 'commander';
import type { MigrationReport } from '../../app/migrate-database.js';
import { withContext } from '../context.js';
import { print, renderTable } from '../output.js';
import { groupDigits, formatSeconds, startProgress } from '../progress.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('copy everything, history included, into another (empty) database, then verify it')
    .requiredOption('--to <url>', 'target database: a SQLite file or postgres:// URL')
    .action(async (opts: { to: string }, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const { migrateDatabase } = await import('../../app/migrate-database.js');
        const started = Date.now();
        let progress: ReturnType<typeof startProgress> | undefined;
        const report = await migrateDatabase(ctx.dbUrl, opts.to, (p) => {
          progress ??= startProgress('copy', p.total, 'rows');
          progress.stage(`copy ${p.table}`);
          progress.update(p.done, p.done);
        }).finally(() => progress?.stop());
        const { ok, chain } = report;
        const data = {
          ok,
          resumed: report.resumed,
          seconds: (Date.now() - started) / 1000,
          tables: report.tables.map(({ table, source, target }) => ({ table, source, target })),
          chain,
        };
        print(ctx.format, data, () => migrateText(report, Date.now() - started));
        if (!ok) process.exitCode = 1;
      }),
    );
}

function migrateText(report: MigrationReport, ms: number): string {
  const { chain } = report;
  const rows = report.tables.map((t) => [
    t.table,
    groupDigits(t.source),
    groupDigits(t.target),
    t.source === t.target ? 'ok' : 'MISMATCH',
    t.copiedNow ? '' : 'kept from the earlier run',
  ]);
  const total = report.tables.reduce((n, t) => n + t.target, 0);
  const lines = [renderTable(['TABLE', 'SOURCE ROWS', 'TARGET ROWS', 'COUNT', ''], rows)];
  if (report.resumed) lines.push('Resumed an interrupted copy.');
  lines.push(
    report.countsMatch
      ? `Row counts match: ${groupDigits(total)} rows in ${report.tables.length} tables, copied in ${formatSeconds(ms)}.`
      : 'FAILED: row counts differ (see above).',
  );
  lines.push(
    chain.ok
      ? `Audit chain on the target: OK (${chain.revisions} revisions).`
      : `FAILED: audit chain on the target breaks at revision ${chain.firstBad!.rev}: ${chain.firstBad!.reason}.`,
  );
  return lines.join('\n');
}
