import type { Command } from 'commander';
import type { DriftSchedule } from '../../core/drift/drift-schedule.js';
import { FINDING_KINDS, FINDING_STATES, type Finding } from '../../core/drift/drift.types.js';
import { scheduleAddCommand, scheduleAdded, scheduleTable, toInput, type ScheduleOpts } from '../commands/drift-schedule.js';
import type { DriftReport, ReviewFlag, SuppressionRule } from '../../core/drift/drift.types.js';
import { DRIFT_EXIT_STATUS, selection, suppressionMatch } from '../commands/drift.js';
import { acceptText, findingsTable, readObservation, remediateText, reportText, reviewTable, suppressionTable, writeRemediation } from '../commands/drift-output.js';
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
  drift.command('check').requiredOption('-f, --file <file>').option('--format <format>').option('--mapping <file>').option('--source <name>').option('--at <time>')
    .action(remote(async (ctx, o: { file: string; format?: string; mapping?: string; source?: string; at?: string }) => {
      // The observation is read here, with the importers the CLI has; the server compares and stores.
      const observed = await readObservation(o.file, o.format, o.mapping);
      const body = { source: o.source ?? observed.format, format: observed.format, file: o.file, observedAt: o.at, hash: observed.hash, observed: observed.state };
      const report = await ctx.client.post<DriftReport>('api/v1/drift/check', body);
      print(ctx.format, report, () => reportText(report));
      if (report.summary.unauthorized > 0) process.exitCode = DRIFT_EXIT_STATUS;
    }));
  drift.command('accept').argument('[findings...]').option('--all-open').option('--source <name>').option('-m, --message <text>')
    .action(remote(async (ctx, ids: string[], o: { allOpen?: boolean; source?: string; message?: string }) => {
      const data = await ctx.client.post<{ revision: number | null; findings: Finding[] }>('api/v1/drift/accept', { ...selection(ids, o), message: o.message });
      print(ctx.format, data, () => acceptText(data));
    }));
  drift.command('remediate').argument('[findings...]').option('--all-open').option('--source <name>').option('--write <file>')
    .action(remote(async (ctx, ids: string[], o: { allOpen?: boolean; source?: string; write?: string }) => {
      const data = await ctx.client.post<{ change: string | null; draft: { title: string; description: string; plan: unknown }; findings: Finding[] }>('api/v1/drift/remediate', selection(ids, o));
      if (o.write) writeRemediation(o.write, data);
      print(ctx.format, data, () => remediateText(data));
    }));
  drift.command('review-pending').action(remote(async (ctx) => {
    const flags = await ctx.client.get<ReviewFlag[]>('api/v1/drift/review-pending');
    print(ctx.format, flags, () => reviewTable(flags));
  }));
  const suppress = drift.command('suppress');
  suppress.command('add').requiredOption('--owner <name>').requiredOption('--why <text>').requiredOption('--expires <time>').option('--source <name>').option('--class <class>').option('--ci <ref>').option('--attribute <name>')
    .action(remote(async (ctx, o: { owner: string; why: string; expires: string; source?: string; class?: string; ci?: string; attribute?: string }) => {
      const rule = await ctx.client.post<SuppressionRule>('api/v1/drift/suppressions', { match: suppressionMatch(o), owner: o.owner, reason: o.why, expires: o.expires });
      print(ctx.format, rule, () => `Suppression rule ${rule.id} in force until ${rule.expiresAt}.`);
    }));
  suppress.command('list').action(remote(async (ctx) => {
    const rules = await ctx.client.get<(SuppressionRule & { active: boolean })[]>('api/v1/drift/suppressions');
    print(ctx.format, rules, () => suppressionTable(rules));
  }));
  suppress.command('remove').argument('<id>').action(remote(async (ctx, id: string) => {
    await ctx.client.request('DELETE', `api/v1/drift/suppressions/${encodeURIComponent(id)}`);
    print(ctx.format, { removed: id }, () => `Suppression rule ${id} removed.`);
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
