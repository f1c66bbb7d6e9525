import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CalendarEntry } from '../../core/schedule/calendar.js';
import { withContext } from '../context.js';
import { CliUsageError, print, renderTable } from '../output.js';

const DAY = 86_400_000;

/** `cairn calendar [--from --to] [--ics FILE]`: scheduled changes, freeze and maintenance windows, conflicts. */
export function registerCalendar(program: Command): void {
  program
    .command('calendar')
    .description('the change calendar: changes, freeze and maintenance windows and conflicts (also as iCalendar)')
    .option('--from <time>', 'start (ISO-8601; default now)')
    .option('--to <time>', 'end (default 30 days after --from)')
    .option('--ics <file>', 'also write the calendar as an iCalendar file (Outlook, Google Calendar, Thunderbird)')
    .action(async (opts: { from?: string; to?: string; ics?: string }, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const { from, to } = calendarRange(opts.from, opts.to);
        const entries = await ctx.changes.calendar(from, to);
        if (opts.ics !== undefined) writeFileSync(opts.ics, ctx.changes.ics(entries));
        print(ctx.format, entries, () => calendarText(entries, from, to, opts.ics));
      }),
    );
}

/** `--from` (default now) and `--to` (default 30 days later) as UTC ISO times. */
export function calendarRange(fromText: string | undefined, toText: string | undefined): { from: string; to: string } {
  const from = instant(fromText, Date.now(), '--from');
  const to = instant(toText, Date.parse(from) + 30 * DAY, '--to');
  if (to <= from) throw new CliUsageError('--to must be after --from');
  return { from, to };
}

/** The calendar as a table (shared with remote mode). */
export function calendarText(entries: readonly CalendarEntry[], from: string, to: string, ics: string | undefined): string {
  const table = entries.length === 0 ? `Nothing in the calendar from ${from} to ${to}.` : renderTable(['START', 'END', 'KIND', 'WHAT', 'STATE', 'CONFLICTS'], entries.map((e) => [e.start, e.end, e.kind, e.title, e.state, (e.conflicts ?? []).map((c) => c.message).join('; ')]));
  return ics === undefined ? table : `${table}\nWrote ${entries.length} event(s) to ${ics}.`;
}

function instant(text: string | undefined, fallback: number, what: string): string {
  const ms = text === undefined ? fallback : Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(ms)) throw new CliUsageError(`${what} "${text}" is not an ISO-8601 date or time`);
  return new Date(ms).toISOString();
}
