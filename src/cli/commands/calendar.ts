import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CalendarEntryView } from '../../contracts/change.contracts.js';
import { withClient } from '../client-context.js';
import { CliUsageError, print, renderTable } from '../output.js';
import { instantArg } from './change-args.js';

const DAY = 86_400_000;

/** `cairn calendar [--from --to] [--ics FILE]`: scheduled changes, freeze and maintenance windows, conflicts. */
export function registerCalendar(program: Command): void {
  program
    .command('calendar')
    .description('the change calendar: changes, freeze and maintenance windows and conflicts (also as iCalendar)')
    .option('--from <time>', 'start (ISO-8601; default now)')
    .option('--to <time>', 'end (default 30 days after --from)')
    .option('--ics <file>', 'also write the calendar as an iCalendar file (Outlook, Google Calendar, Thunderbird)')
    .action(async (opts: { from?: string; to?: string; ics?: string }, cmd: Command) => {
      const { from, to } = calendarRange(opts.from, opts.to);
      await withClient(cmd, async ({ client, format }) => {
        const entries = await client.calendar.entries(from, to);
        if (opts.ics !== undefined) writeFileSync(opts.ics, await client.calendar.ics(from, to));
        print(format, entries, () => calendarText(entries, from, to, opts.ics));
      });
    });
}

/** `--from` (default now) and `--to` (default 30 days later) as UTC ISO times. */
export function calendarRange(fromText: string | undefined, toText: string | undefined): { from: string; to: string } {
  const from = instantArg(fromText, '--from', Date.now())!;
  const to = instantArg(toText, '--to', Date.parse(from) + 30 * DAY)!;
  if (to <= from) throw new CliUsageError('--to must be after --from');
  return { from, to };
}

/** The calendar as a table. */
export function calendarText(
  entries: readonly Pick<CalendarEntryView, 'start' | 'end' | 'kind' | 'title' | 'state' | 'conflicts'>[],
  from: string,
  to: string,
  ics: string | undefined,
): string {
  const table =
    entries.length === 0
      ? `Nothing in the calendar from ${from} to ${to}.`
      : renderTable(
          ['START', 'END', 'KIND', 'WHAT', 'STATE', 'CONFLICTS'],
          entries.map((e) => [
            e.start,
            e.end,
            e.kind,
            e.title,
            e.state,
            (e.conflicts ?? []).map((c) => c.message).join('; '),
          ]),
        );
  return ics === undefined ? table : `${table}\nWrote ${entries.length} event(s) to ${ics}.`;
}
