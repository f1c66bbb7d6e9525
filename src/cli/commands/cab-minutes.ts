import type { Command } from 'commander';
import type { CabMinutesView } from '../../contracts/cab.contracts.js';
import { withClient } from '../client-context.js';
import { CliUsageError, print, renderTable } from '../output.js';
import { collect, positiveInt } from '../parse-args.js';
import { readText } from '../read-input.js';
import { agendaDate } from './cab.js';

interface NotesOptions {
  attendee?: string[];
  notes?: string;
  notesFile?: string;
}

/**
 * `cairn cab minutes list | show | record | edit | close`: the minutes of CAB meetings. The
 * decisions in them are the approvals the attendees recorded that day, gathered by Cairn.
 */
export function registerCabMinutes(cab: Command): void {
  const minutes = cab.command('minutes').description('minutes of CAB meetings: attendees, decisions, notes');
  minutes
    .command('list')
    .description('minutes, newest meeting first')
    .option('--date <date>', 'only the meeting of this date, YYYY-MM-DD')
    .option('--limit <n>', 'at most this many', '50')
    .action(async (opts: { date?: string; limit: string }, cmd: Command) => {
      const date = opts.date === undefined ? undefined : agendaDate(opts.date);
      const limit = positiveInt(opts.limit, '--limit');
      await withClient(cmd, async ({ client, format }) => {
        const list = await client.cab.listMinutes({ date, limit });
        print(format, list, () => listText(list));
      });
    });
  minutes
    .command('show')
    .description('one record of minutes with its decisions')
    .argument('<id>', 'cab_…')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      await withClient(cmd, async ({ client, format }) => {
        const m = await client.cab.getMinutes(id);
        print(format, m, () => minutesText(m));
      });
    });
  notesOptions(
    minutes
      .command('record')
      .description('open the minutes of a meeting (or, with --corrects, a correction of closed minutes)')
      .option('--date <date>', 'meeting date, YYYY-MM-DD (default today)')
      .option('--corrects <id>', 'the closed minutes this record corrects'),
  ).action(async (opts: NotesOptions & { date?: string; corrects?: string }, cmd: Command) => {
    const body = { date: agendaDate(opts.date), ...notesOf(opts), corrects: opts.corrects };
    await withClient(cmd, async ({ client, format }) => {
      const m = await client.cab.recordMinutes(body);
      print(format, m, () => minutesText(m));
    });
  });
  notesOptions(
    minutes.command('edit').description('rewrite the attendees and notes of open minutes').argument('<id>', 'cab_…'),
  ).action(async (id: string, opts: NotesOptions, cmd: Command) => {
    const body = notesOf(opts);
    await withClient(cmd, async ({ client, format }) => {
      const m = await client.cab.updateMinutes(id, body);
      print(format, m, () => minutesText(m));
    });
  });
  minutes
    .command('close')
    .description('close the minutes: they never change after (a correction is a new record)')
    .argument('<id>', 'cab_…')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      await withClient(cmd, async ({ client, format }) => {
        const m = await client.cab.closeMinutes(id);
        print(format, m, () => minutesText(m));
      });
    });
}

function notesOptions(cmd: Command): Command {
  return cmd
    .option('--attendee <name>', 'repeatable: a person who attended', collect)
    .option('--notes <text>', 'the minutes as text')
    .option('--notes-file <file>', 'the minutes from a file (- for standard input)');
}

function notesOf(opts: NotesOptions): { attendees: string[]; notes: string } {
  if (!opts.attendee || opts.attendee.length === 0) throw new CliUsageError('name who attended with --attendee NAME');
  if (opts.notes !== undefined && opts.notesFile !== undefined)
    throw new CliUsageError('give the notes once: --notes or --notes-file');
  const notes = opts.notesFile !== undefined ? readText(opts.notesFile) : (opts.notes ?? '');
  return { attendees: opts.attendee, notes };
}

function listText(list: CabMinutesView[]): string {
  if (list.length === 0) return 'No minutes recorded.';
  return renderTable(
    ['ID', 'DATE', 'STATE', 'DECISIONS', 'RECORDED BY', 'CORRECTS'],
    list.map((m) => [m.id, m.date, m.closedAt ? 'closed' : 'open', m.decisions.length, m.recordedBy, m.corrects ?? '']),
  );
}

/** One record for people: header, attendees, decisions, notes. */
export function minutesText(m: CabMinutesView): string {
  const state = m.closedAt ? `closed by ${m.closedBy} at ${m.closedAt}` : 'open';
  const lines = [
    `CAB minutes ${m.id} of ${m.date} (${state})`,
    `recorded by ${m.recordedBy} at ${m.recordedAt}${m.corrects ? `, correcting ${m.corrects}` : ''}`,
    `attendees: ${m.attendees.join(', ')}`,
    '',
    'Decisions:',
    m.decisions.length === 0
      ? '  none recorded by the attendees that day'
      : renderTable(
          ['CHANGE', 'DECISION', 'BY', 'GROUP', 'AT', 'COMMENT', 'APPROVAL'],
          m.decisions.map((d) => [d.change, d.decision, d.by, d.group, d.at, d.comment ?? '', `#${d.approval}`]),
        ),
  ];
  if (m.notes !== '') lines.push('', 'Notes:', m.notes);
  return lines.join('\n');
}
