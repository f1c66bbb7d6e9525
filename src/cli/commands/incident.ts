import type { Command } from 'commander';
import type { IncidentView } from '../../contracts/incident.contracts.js';
import { withClient } from '../client-context.js';
import { CliUsageError, print, renderTable } from '../output.js';
import { readFieldsFile } from './change-args.js';

interface RecordOptions {
  file?: string;
  service?: string;
  title?: string;
  severity?: string;
  started?: string;
  ended?: string;
  ticket?: string;
  ticketUrl?: string;
  change?: string;
  deployment?: string;
}

/** `cairn incident record | list | show | resolve | link`: service disruptions and their causes. */
export function registerIncident(program: Command): void {
  const incident = program
    .command('incident')
    .description('incidents: service disruptions traced to the change or deployment that caused them');
  incident
    .command('record')
    .description('record an incident (options, or -f incident.yaml with the same fields as the API)')
    .option(
      '-f, --file <file>',
      'incident.yaml: service, title, severity, startedAt, endedAt, ticket, change, deployment',
    )
    .option('--service <service>', 'the service hurt (class/name)')
    .option('--title <text>', 'what happened')
    .option('--severity <severity>', 'critical, major or minor')
    .option('--started <time>', 'when it began (ISO-8601)')
    .option('--ended <time>', 'when service was restored (ISO-8601), if it was')
    .option('--ticket <system:key>', 'the service desk ticket, e.g. jira:OPS-7')
    .option('--ticket-url <url>', 'the ticket’s address')
    .option('--change <ref>', 'the change that caused it (CHG-n)')
    .option('--deployment <id>', 'the deployment that caused it (dep_…)')
    .action(async (opts: RecordOptions, cmd: Command) => {
      const body = { ...(opts.file ? readFieldsFile(opts.file) : {}), ...fieldsOf(opts) };
      await withClient(cmd, async ({ client, format }) => {
        const i = await client.incidents.record(body);
        print(format, i, () => `${i.id} recorded: ${i.service} ${i.severity} since ${i.startedAt}${causeText(i)}.`);
      });
    });
  incident
    .command('list')
    .description('incidents, newest start first')
    .option('--service <service>', 'only this service (class/name)')
    .option('--open', 'only those still open')
    .option('--resolved', 'only those resolved')
    .option('--from <time>', 'started at or after (ISO-8601)')
    .option('--to <time>', 'started before (ISO-8601)')
    .option('--change <ref>', 'traced to this change (CHG-n)')
    .option('--deployment <id>', 'traced to this deployment (dep_…)')
    .option('--release <service@semver>', 'traced to any deployment of this release')
    .option('--limit <n>', 'at most N incidents (default 100)')
    .action(async (opts: Record<string, string | boolean | undefined>, cmd: Command) =>
      withClient(cmd, async ({ client, format }) => {
        if (opts.open && opts.resolved) throw new CliUsageError('--open and --resolved exclude each other');
        const limit = opts.limit === undefined ? undefined : Number(opts.limit);
        if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 1000))
          throw new CliUsageError(`--limit "${String(opts.limit)}" must be a whole number from 1 to 1000`);
        const text = (k: string) => (typeof opts[k] === 'string' ? { [k]: opts[k] } : {});
        const page = await client.incidents.list({
          ...text('service'),
          ...text('from'),
          ...text('to'),
          ...text('change'),
          ...text('deployment'),
          ...text('release'),
          ...(opts.open ? { open: true } : opts.resolved ? { open: false } : {}),
          ...(limit !== undefined ? { limit } : {}),
        });
        if (page.total > page.items.length)
          process.stderr.write(`${page.items.length} of ${page.total} shown — use --limit N\n`);
        print(format, page.items, () => incidentTable(page.items));
      }),
    );
  incident
    .command('show')
    .description('one incident')
    .argument('<id>', 'INC-n')
    .action(async (id: string, _opts: unknown, cmd: Command) =>
      withClient(cmd, async ({ client, format }) => {
        const i = await client.incidents.show(id);
        print(format, i, () => incidentText(i));
      }),
    );
  incident
    .command('resolve')
    .description('resolve an open incident: service was restored (now, or --ended)')
    .argument('<id>', 'INC-n')
    .option('--ended <time>', 'when service was restored (ISO-8601; default now)')
    .action(async (id: string, opts: { ended?: string }, cmd: Command) =>
      withClient(cmd, async ({ client, format }) => {
        const i = await client.incidents.resolve(id, opts.ended);
        print(format, i, () => `${i.id} resolved: ${i.service} restored at ${i.endedAt ?? '?'}.`);
      }),
    );
  incident
    .command('link')
    .description('trace an incident to the change and/or deployment that caused it')
    .argument('<id>', 'INC-n')
    .option('--change <ref>', 'the change (CHG-n)')
    .option('--deployment <id>', 'the deployment (dep_…)')
    .action(async (id: string, opts: { change?: string; deployment?: string }, cmd: Command) =>
      withClient(cmd, async ({ client, format }) => {
        if (!opts.change && !opts.deployment)
          throw new CliUsageError('name the cause: --change CHG-n and/or --deployment dep_…');
        const i = await client.incidents.link(id, {
          ...(opts.change ? { change: opts.change } : {}),
          ...(opts.deployment ? { deployment: opts.deployment } : {}),
        });
        print(format, i, () => `${i.id} linked${causeText(i)}.`);
      }),
    );
}

/** The API's fields from the options given (options win over the file's fields). */
function fieldsOf(o: RecordOptions): Record<string, unknown> {
  const ticket = o.ticket === undefined ? undefined : ticketOf(o.ticket, o.ticketUrl);
  return {
    ...(o.service !== undefined ? { service: o.service } : {}),
    ...(o.title !== undefined ? { title: o.title } : {}),
    ...(o.severity !== undefined ? { severity: o.severity } : {}),
    ...(o.started !== undefined ? { startedAt: o.started } : {}),
    ...(o.ended !== undefined ? { endedAt: o.ended } : {}),
    ...(ticket ? { ticket } : {}),
    ...(o.change !== undefined ? { change: o.change } : {}),
    ...(o.deployment !== undefined ? { deployment: o.deployment } : {}),
  };
}

function ticketOf(text: string, url: string | undefined) {
  const i = text.indexOf(':');
  if (i <= 0 || i === text.length - 1)
    throw new CliUsageError(`--ticket "${text}" must be system:key, e.g. jira:OPS-7 or servicenow:INC0010042`);
  return { system: text.slice(0, i), key: text.slice(i + 1), ...(url ? { url } : {}) };
}

function causeText(i: IncidentView): string {
  const causes = [i.change, i.deployment].filter((c): c is string => c !== null);
  return causes.length > 0 ? `, caused by ${causes.join(' / ')}` : '';
}

function incidentTable(list: IncidentView[]): string {
  if (list.length === 0) return 'No incidents.';
  return renderTable(
    ['ID', 'SERVICE', 'SEVERITY', 'STARTED', 'ENDED', 'CHANGE', 'DEPLOYMENT', 'TITLE'],
    list.map((i) => [
      i.id,
      i.service,
      i.severity,
      i.startedAt,
      i.endedAt ?? 'open',
      i.change ?? '',
      i.deployment ?? '',
      i.title,
    ]),
  );
}

function incidentText(i: IncidentView): string {
  return [
    `${i.id}  ${i.title}`,
    `service:    ${i.service}`,
    `severity:   ${i.severity}`,
    `started:    ${i.startedAt}`,
    `ended:      ${i.endedAt ?? 'open'}`,
    `change:     ${i.change ?? '-'}`,
    `deployment: ${i.deployment ?? '-'}`,
    `ticket:     ${i.ticket ? `${i.ticket.system} ${i.ticket.key}${i.ticket.url ? ` ${i.ticket.url}` : ''}` : '-'}`,
    `recorded:   ${i.recordedAt} by ${i.recordedBy}`,
  ].join('\n');
}
