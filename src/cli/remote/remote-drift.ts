import type { Command } from 'commander';
import type { DriftSchedule } from '../../core/drift/drift-schedule.js';
import { FINDING_KINDS, FINDING_STATES, type Finding } from '../../core/drift/drift.types.js';
import { scheduleAddCommand, scheduleAdded, scheduleTable, toInput, type ScheduleOpts } from '../commands/drift-schedule.js';
import { findingsTable } from '../commands/drift-output.js';
import { CliUsageError, print } from '../output.js';
import { positiveInt } from '../parse-args.js';
import { remote } from './remote-context.js';

function oneOf(value: string | undefined, allowed: readonly string[], what: string): string | undefined {
  if (value !== undefined && !allowed.includes(value)) throw new CliUsageError(`${what} "${value}" is not one of ${allowed.join(', ')}`);
  return value;
}

/** `drift list` and `drift schedule …` through the API, printing what they print on a database. */
export function registerRemoteDrift(program: Command): void {
  const drift = program.command('drift');
  drift.command('list').option('--source <name>').option('--state <state>').option('--class <class>').option('--kind <kind>').option('--observation <id>').option('-n, --limit <n>', '', '1000')
    .action(remote(async (ctx, o: { source?: string; state?: string; class?: string; kind?: string; observation?: string; limit: string }) => {
      const query = { source: o.source, state: oneOf(o.state, FINDING_STATES, 'state'), class: o.class, kind: oneOf(o.kind, FINDING_KINDS, 'kind'), observation: o.observation, limit: positiveInt(o.limit, '--limit') };
      const findings = await ctx.client.get<Finding[]>('api/v1/drift/findings', query);
      print(ctx.format, findings, () => (findings.length === 0 ? 'No findings.' : findingsTable(findings)));
    }));
  const schedule = drift.command('schedule');
  scheduleAddCommand(schedule).action(remote(async (ctx, o: ScheduleOpts) => {
    const s = await ctx.client.post<DriftSchedule>('api/v1/drift/schedules', toInput(o));
    print(ctx.format, s, () => scheduleAdded(s));
  }));
  schedule.command('list').action(remote(async (ctx) => {
    const list = await ctx.client.get<DriftSchedule[]>('api/v1/drift/schedules');
    print(ctx.format, list, () => scheduleTable(list));
  }));
  schedule.command('remove').argument('<id>').action(remote(async (ctx, id: string) => {
    await ctx.client.request('DELETE', `api/v1/drift/schedules/${encodeURIComponent(id)}`);
    print(ctx.format, { removed: id }, () => `Drift schedule ${id} removed.`);
  }));
}
