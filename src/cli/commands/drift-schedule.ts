import type { Command } from 'commander';
import type { ScheduleView } from '../../contracts/drift.contracts.js';
import { formatEvery } from '../../core/drift/drift-schedule.js';
import type { ScheduleInput } from '../../core/drift/drift-schedule.service.js';
import { withClient } from '../client-context.js';
import { print, renderTable } from '../output.js';
import { sourceArg, textArg } from './drift-args.js';

export function scheduleTable(list: ScheduleView[]): string {
  if (list.length === 0) return 'No drift schedules.';
  return renderTable(
    ['ID', 'SOURCE', 'FORMAT', 'FILE', 'EVERY', 'NEXT RUN', 'LAST RUN', 'LAST'],
    list.map((s) => [
      s.id,
      s.source,
      s.format,
      s.file,
      formatEvery(s.everySeconds),
      s.nextRunAt,
      s.lastRunAt ?? '—',
      s.lastError ? `error: ${s.lastError}` : (s.lastObservation ?? '—'),
    ]),
  );
}

export const scheduleAdded = (s: ScheduleView): string =>
  `Drift schedule ${s.id}: ${s.source} every ${formatEvery(s.everySeconds)} from ${s.file}; a running \`cairn serve\` runs it (first run at ${s.nextRunAt}).`;

export interface ScheduleOpts {
  source: string;
  format?: string;
  file: string;
  mapping?: string;
  every: string;
}

/** The options of `drift schedule add`. */
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

/** The schedule `add` asks for, its words checked here so that both transports refuse the same. */
export const toInput = (o: ScheduleOpts): ScheduleInput => ({
  source: sourceArg(o.source, '--source'),
  file: textArg(o.file, '--file'),
  every: o.every,
  ...(o.format ? { format: o.format } : {}),
  ...(o.mapping ? { mapping: o.mapping } : {}),
});

/** `cairn drift schedule add|list|remove`. */
export function registerDriftSchedule(drift: Command): void {
  const schedule = drift
    .command('schedule')
    .description('drift checks run on a schedule by `cairn serve` (its job queue)');
  scheduleAddCommand(schedule).action(async (opts: ScheduleOpts, cmd: Command) => {
    const input = toInput(opts);
    await withClient(cmd, async ({ client, format }) => {
      const s = await client.drift.addSchedule(input);
      print(format, s, () => scheduleAdded(s));
    });
  });
  schedule
    .command('list')
    .description('the scheduled drift checks, with their last run')
    .action(async (_o: unknown, cmd: Command) =>
      withClient(cmd, async ({ client, format }) => {
        const list = await client.drift.schedules();
        print(format, list, () => scheduleTable(list));
      }),
    );
  schedule
    .command('remove')
    .description('stop checking a source on a schedule')
    .argument('<id>', 'schedule id (dsc_…)')
    .action(async (id: string, _o: unknown, cmd: Command) =>
      withClient(cmd, async ({ client, format }) => {
        await client.drift.removeSchedule(id);
        print(format, { removed: id }, () => `Drift schedule ${id} removed.`);
      }),
    );
}
