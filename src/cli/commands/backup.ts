import type { Command } from 'commander';
import type { BackupReport } from '../../app/backup-database.js';
import { globalsOf } from '../global-options.js';
import { print, renderTable } from '../output.js';
import { formatSeconds, groupDigits, startProgress } from '../progress.js';

type Progress = ReturnType<typeof startProgress>;

/** `cairn backup FILE` and `cairn restore FILE`: a consistent copy of the database, and back. */
export function registerBackup(program: Command): void {
  program
    .command('backup')
    .argument('<file>', 'the backup file to write (must not exist)')
    .description('write a consistent online backup of the database (SQLite or PostgreSQL) to a file, then verify it')
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const { backUp } = await import('../../app/backup-database.js');
      await report(cmd, file, `Backed up to ${file}`, (db, bar) =>
        backUp(db, file, (p) => {
          bar.progress ??= startProgress('backup', p.total, p.unit);
          bar.progress.update(p.done, p.done);
        }),
      );
    });
  program
    .command('restore')
    .argument('<file>', 'a file written by `cairn backup`')
    .description('restore a backup into the (new or empty) database named by --db, then verify it')
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const { restore } = await import('../../app/backup-database.js');
      await report(cmd, file, `Restored ${file}`, (db, bar) =>
        restore(file, db, (p) => {
          bar.progress ??= startProgress('restore', p.total, 'rows');
          bar.progress.stage(`restore ${p.table}`);
          bar.progress.update(p.done, p.done);
        }),
      );
    });
}

/** Runs the copy on `--db` with a progress bar on a terminal, prints its report, exits 1 when it does not verify. */
async function report(
  cmd: Command,
  file: string,
  done: string,
  copy: (db: string, bar: { progress?: Progress }) => Promise<BackupReport>,
): Promise<void> {
  const g = globalsOf(cmd);
  const started = Date.now();
  const bar: { progress?: Progress } = {};
  const result = await copy(g.db, bar).finally(() => bar.progress?.stop());
  const seconds = (Date.now() - started) / 1000;
  print(g.format, { file, seconds, ...result }, () => reportText(done, result, seconds));
  if (!result.ok) process.exitCode = 1;
}

function reportText(done: string, report: BackupReport, seconds: number): string {
  const rows = report.tables.filter((t) => t.rows > 0).map((t) => [t.table, groupDigits(t.rows)]);
  const total = report.tables.reduce((n, t) => n + t.rows, 0);
  const { chain } = report;
  return [
    renderTable(['TABLE', 'ROWS'], rows),
    `${done}: ${groupDigits(total)} rows in ${report.tables.length} tables, head revision ${report.head}, in ${formatSeconds(seconds * 1000)}.`,
    chain.ok
      ? `Audit chain: OK (${chain.revisions} revisions).`
      : `FAILED: the audit chain breaks at revision ${chain.firstBad!.rev}: ${chain.firstBad!.reason}.`,
  ].join('\n');
}
