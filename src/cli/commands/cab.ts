import type { Command } from 'commander';
import type { AgendaItemView, CabAgendaView } from '../../contracts/change-governance.contracts.js';
import { withClient } from '../client-context.js';
import { CliUsageError, print, renderTable } from '../output.js';
import { registerCabMinutes } from './cab-minutes.js';

/** `cairn cab agenda [--date D]`: what the change advisory board decides and sees next; `cairn cab minutes …`. */
export function registerCab(program: Command): void {
  const cab = program.command('cab').description('the change advisory board');
  cab
    .command('agenda')
    .description('changes awaiting the CAB, and those due in the week after the meeting, with risk and conflicts')
    .option('--date <date>', 'meeting date, YYYY-MM-DD (default today)')
    .action(async (opts: { date?: string }, cmd: Command) => {
      const date = agendaDate(opts.date);
      await withClient(cmd, async ({ client, format }) => {
        const agenda = await client.calendar.cabAgenda(date);
        print(format, agenda, () => agendaText(agenda));
      });
    });
  registerCabMinutes(cab);
}

/** `cairn cab agenda` for people. */
export function agendaText(agenda: CabAgendaView): string {
  return [
    `CAB agenda for ${agenda.date} (group ${agenda.cab})`,
    '',
    'For decision:',
    table(agenda.forDecision, 'nothing awaits the CAB'),
    '',
    'Due in the following week:',
    table(agenda.upcoming, 'no changes scheduled'),
  ].join('\n');
}

function table(items: AgendaItemView[], none: string): string {
  if (items.length === 0) return `  ${none}`;
  return renderTable(
    ['CHANGE', 'RISK', 'IMPACT', 'STATE', 'WINDOW', 'AWAITING', 'CONFLICTS', 'TITLE'],
    items.map((i) => [
      i.ref,
      i.risk ? `${i.risk.level} (${i.risk.score})` : '',
      i.impact ? impactText(i.impact) : '',
      i.state,
      i.window ? `${i.window.start} – ${i.window.end}` : '',
      i.awaiting.join(', '),
      i.conflicts.join('; '),
      i.title,
    ]),
  );
}

/** `--date`, checked (YYYY-MM-DD), or today. */
export function agendaDate(given: string | undefined): string {
  const date = given ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date)))
    throw new CliUsageError(`--date "${date}" must be a date YYYY-MM-DD`);
  return date;
}

/** `2 CIs, 5 impacted (shop)`: what the plan touches, what that affects, the business services among them. */
function impactText(impact: NonNullable<AgendaItemView['impact']>): string {
  const services = impact.businessServices.length > 0 ? ` (${impact.businessServices.join(', ')})` : '';
  return `${impact.touched.length} CI${impact.touched.length === 1 ? '' : 's'}, ${impact.impacted.length} impacted${services}`;
}
