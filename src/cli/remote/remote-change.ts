import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { ApplyOutcome } from '../../core/ci/cmdb.service.js';
import { CHANGE_OUTCOMES, type Change } from '../../core/change/change.types.js';
import type { ChangeView } from '../../core/change/change-view.js';
import type { CalendarEntry } from '../../core/schedule/calendar.js';
import type { Conflict } from '../../core/schedule/conflicts.js';
import { changeTable, changeText, describeConflicts, stateLine } from '../commands/change-format.js';
import { calendarText, calendarRange } from '../commands/calendar.js';
import { outcomeLine } from '../commands/write-summary.js';
import { CliUsageError, print, renderTable } from '../output.js';
import { collect } from '../parse-args.js';
import { readYamlFile } from '../read-input.js';
import { remote, type RemoteContext } from './remote-context.js';
import { registerRemoteChangeMore } from './remote-more.js';

type Body = { comment?: string; group?: string; window?: { start: string; end: string }; overrideReason?: string; outcome?: string; notes?: string };
type Result = { change: Change; group?: string; evaluation?: { groups: { group: string; satisfied: boolean; missing: number }[] }; conflicts?: Conflict[]; outcome?: ApplyOutcome };
type Opts = { comment?: string; group?: string; start?: string; end?: string; overrideReason?: string; outcome?: string; notes?: string };

const move = (ctx: RemoteContext, ref: string, action: string, body: Body) => ctx.client.post<Result>(`api/v1/changes/${encodeURIComponent(ref)}/${action}`, body);

/** The change workflow through the API, printing what `cairn change …` prints on a database. */
export function registerRemoteChange(program: Command): void {
  const change = program.command('change');
  change.command('create').requiredOption('-f, --file <file>').action(remote(async (ctx, opts: { file: string }) => {
    const c = await ctx.client.post<Change>('api/v1/changes', readYamlFile(opts.file));
    print(ctx.format, c, () => `Created ${c.ref} (${c.type}, ${c.state}): ${c.title}\nRisk: ${c.risk?.level ?? '?'} (${c.risk?.score ?? 0} points). Next: cairn change submit ${c.ref}`);
  }));
  for (const action of ['submit', 'fail', 'close', 'cancel']) {
    change.command(action).argument('<change>').option('-c, --comment <text>').action(remote(async (ctx, ref: string, o: Opts) => {
      const r = await move(ctx, ref, action, { comment: o.comment });
      print(ctx.format, r.change, () => stateLine(r.change));
    }));
  }
  change.command('approve').argument('<change>').option('--group <group>').option('-c, --comment <text>').action(remote(async (ctx, ref: string, o: Opts) => {
    const r = await move(ctx, ref, 'approve', { group: o.group, comment: o.comment });
    const missing = (r.evaluation?.groups ?? []).filter((g) => !g.satisfied).map((g) => `${g.group} needs ${g.missing} more`);
    const by = r.change.approvals[r.change.approvals.length - 1]?.by ?? '?';
    print(ctx.format, r.change, () => `${by} approved ${r.change.ref} for ${r.group ?? '?'}. ${stateLine(r.change)}${missing.length > 0 ? ` Still: ${missing.join('; ')}.` : ''}`);
  }));
  change.command('reject').argument('<change>').requiredOption('-c, --comment <text>').option('--group <group>').action(remote(async (ctx, ref: string, o: Opts) => {
    const r = await move(ctx, ref, 'reject', { group: o.group, comment: o.comment });
    const by = r.change.approvals[r.change.approvals.length - 1]?.by ?? '?';
    print(ctx.format, r.change, () => `${by} rejected ${r.change.ref} for ${r.group ?? '?'}. ${stateLine(r.change)}`);
  }));
  change.command('schedule').argument('<change>').option('--start <time>').option('--end <time>').option('--override-reason <text>').option('-c, --comment <text>').action(remote(async (ctx, ref: string, o: Opts) => {
    if ((o.start === undefined) !== (o.end === undefined)) throw new CliUsageError('give both --start and --end, or neither to use the planned window');
    const window = o.start !== undefined && o.end !== undefined ? { start: o.start, end: o.end } : undefined;
    const r = await move(ctx, ref, 'schedule', { window, overrideReason: o.overrideReason, comment: o.comment });
    const conflicts = r.conflicts ?? [];
    const extra = conflicts.length > 0 ? `\nConflicts overridden by ${r.change.conflictOverride?.by ?? '?'}:\n${describeConflicts(conflicts)}` : '';
    print(ctx.format, r.change, () => `${stateLine(r.change)}${extra}`);
  }));
  for (const action of ['implement', 'backout']) {
    change.command(action).argument('<change>').option('-c, --comment <text>').action(remote(async (ctx, ref: string, o: Opts) => {
      const r = await move(ctx, ref, action, { comment: o.comment });
      print(ctx.format, r.change, () => `${outcomeLine(r.outcome!)}\n${stateLine(r.change)}`);
    }));
  }
  change.command('review').argument('<change>').requiredOption('--outcome <outcome>').option('--notes <text>', '', '').action(remote(async (ctx, ref: string, o: Opts) => {
    if (!(CHANGE_OUTCOMES as readonly string[]).includes(o.outcome ?? '')) throw new CliUsageError(`--outcome must be one of ${CHANGE_OUTCOMES.join(', ')}`);
    const r = await move(ctx, ref, 'review', { outcome: o.outcome, notes: o.notes ?? '' });
    print(ctx.format, r.change, () => stateLine(r.change));
  }));
  registerRemoteChangeReads(change);
  registerRemoteChangeMore(change);
  program.command('calendar').option('--from <time>').option('--to <time>').option('--ics <file>').action(remote(async (ctx, o: { from?: string; to?: string; ics?: string }) => {
    const { from, to } = calendarRange(o.from, o.to);
    const entries = await ctx.client.get<CalendarEntry[]>('api/v1/calendar', { from, to });
    if (o.ics !== undefined) writeFileSync(o.ics, await ctx.client.getText('api/v1/calendar', { from, to, format: 'ics' }));
    print(ctx.format, entries, () => calendarText(entries, from, to, o.ics));
  }));
}

function registerRemoteChangeReads(change: Command): void {
  change.command('list').option('--state <state>', '', collect).option('--type <type>', '', collect).option('--requester <user>').option('--ci <class/name>').option('--from <time>').option('--to <time>')
    .action(remote(async (ctx, o: { state?: string[]; type?: string[]; requester?: string; ci?: string; from?: string; to?: string }) => {
      const changes = await ctx.client.get<Change[]>('api/v1/changes', { state: o.state, type: o.type, requester: o.requester, ci: o.ci, from: o.from, to: o.to });
      print(ctx.format, changes, () => changeTable(changes));
    }));
  change.command('show').argument('<change>').action(remote(async (ctx, ref: string) => {
    const view = await ctx.client.get<ChangeView>(`api/v1/changes/${encodeURIComponent(ref)}`);
    print(ctx.format, view, () => changeText(view));
  }));
  change.command('pending').action(remote(async (ctx) => {
    type Pending = { ref: string; title: string; risk: string | null; requester: string; groups: { group: string; missing: number }[] };
    const pending = await ctx.client.get<Pending[]>('api/v1/changes/pending');
    const who = pending.length === 0 ? await ctx.whoami() : '';
    print(ctx.format, pending, () =>
      pending.length === 0
        ? `Nothing waits for ${who}'s approval.`
        : renderTable(['CHANGE', 'RISK', 'REQUESTER', 'FOR', 'TITLE'], pending.map((p) => [p.ref, p.risk ?? undefined, p.requester, p.groups.map((g) => `${g.group} (${g.missing} more)`).join(', '), p.title])),
    );
  }));
}
