import type { Command } from 'commander';
import { formatEvery, type DriftSchedule } from '../../core/drift/drift-schedule.js';
import { type ScheduleInput } from '../../core/drift/drift-schedule.service.js';
import { withContext } from '../context.js';
import { print, renderTable } from '../output.js';

export function scheduleTable(list: DriftSchedule[]): string {
  if (list.length === 0) return 'No drift schedules.';
  return renderTable(
    ['ID', 'SOURCE', 'FORMAT', 'FILE', 'EVERY', 'NEXT RUN', 'LAST RUN', 'LAST'],
    list.map((s) => [s.id, s.source, s.format, s.file, formatEvery(s.everySeconds), s.nextRunAt, s.lastRunAt ?? '—', s.lastError ? `error: ${s.lastError}` : (s.lastObservation ?? '—')]),
  );
}

export const scheduleAdded = (s: DriftSchedule): string => `Drift schedule ${s.id}: ${s.source} every ${formatEvery(s.everySeconds)} from ${s.file}; a running \`cairn serve\` runs it (first run at ${s.nextRunAt}).`;

export interface ScheduleOpts {
  source: string;
  format?: string;
  file: string;
  mapping?: string;
  every: string;
}

/** The options of `drift schedule add`, shared with remote mode. */
export function scheduleAddCommand(parent: Command): Command {
  return parent
    .command('add')
    .description('check a source on a schedule in server mode (the server reads the file)')
    .requiredOption('--source <name>', 'the observing source (one schedule each)')
    .requiredOption('-f, --file <path>', 'the observation file, as the server process sees it')
    .requiredOption('--every <interval>', '15m, 1h, 1d (at least 1m)')
    .option('--format <format>', "an import format (k8s, glpi, …); default Cairn's own")
    .option('--mapping <file>', "the importer's mapping file");
}

export const toInput = (o: ScheduleOpts): ScheduleInput => ({ source: o.source, file: o.file, every: o.every, ...(o.format ? { format: o.format } : {}), ...(o.mapping ? { mapping: o.mapping } : {}) });

/** `cairn drift schedule add|list|remove`. */
export function registerDriftSchedule(drift: Command): void {
  const schedule = drift.command('schedule').description('drift checks run on a schedule by `cairn serve` (its job queue)');
  scheduleAddCommand(schedule).action(async (opts: ScheduleOpts, cmd: Command) =>
    withContext(cmd, async (ctx) => {
      const s = await ctx.driftSchedules.add(toInput(opts), ctx.author);
      print(ctx.format, s, () => scheduleAdded(s));
    }),
  );
  schedule.command('list').action(async (_o: unknown, cmd: Command) =>
    withContext(cmd, async (ctx) => {
      const list = await ctx.driftSchedules.list();
      print(ctx.format, list, () => scheduleTable(list));
    }),
  );
  schedule
    .command('remove')
    .argument('<id>', 'schedule id (dsc_…)')
    .action(async (id: string, _o: unknown, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        await ctx.driftSchedules.remove(id);
        print(ctx.format, { removed: id }, () => `Drift schedule ${id} removed.`);
      }),
    );
}
