import type { Command } from 'commander';
import { CHANGE_OUTCOMES, type Change, type ChangeOutcome } from '../../core/change/change.types.js';
import { readPlanDocument } from './change-input-file.js';
import { withContext, type CliContext } from '../context.js';
import { CliUsageError, print } from '../output.js';
import { readYamlFile } from '../read-input.js';
import { positiveInt } from '../parse-args.js';
import { registerChangeReads } from './change-list.js';
import { describeConflicts, stateLine } from './change-format.js';
import { outcomeLine } from './write-summary.js';

type Opts = { comment?: string; group?: string; start?: string; end?: string; overrideReason?: string; outcome?: string; notes?: string; file?: string; revision?: string };

/** `cairn change …`: the change workflow, one service call per command. */
export function registerChange(program: Command): void {
  const change = program.command('change').description('change requests: create, approve, schedule, implement, review');
  change
    .command('create')
    .description('raise a change from change.yaml (as --as USER, else the author)')
    .requiredOption('-f, --file <file>', 'change.yaml (- for standard input)')
    .action(act(async (ctx, _ref, opts) => {
      const c = await ctx.changes.create(readYamlFile(opts.file!), ctx.actor);
      return [c, `Created ${c.ref} (${c.type}, ${c.state}): ${c.title}\nRisk: ${c.risk?.level ?? '?'} (${c.risk?.score ?? 0} points). Next: cairn change submit ${c.ref}`];
    }, false));
  simple(change, 'submit', 'submit a draft for approval (a standard change within its template is authorized at once)', (ctx, ref, o) => ctx.changes.submit(ref, ctx.actor, o.comment));
  change
    .command('approve')
    .description('approve a submitted change for one of your groups')
    .argument('<change>', 'CHG-n')
    .option('--group <group>', 'the required group you approve for')
    .option('-c, --comment <text>', 'comment')
    .action(act(async (ctx, ref, opts) => {
      const r = await ctx.changes.approve(ref, ctx.actor, { group: opts.group, comment: opts.comment });
      const missing = r.evaluation.groups.filter((g) => !g.satisfied).map((g) => `${g.group} needs ${g.missing} more`);
      return [r.change, `${ctx.actor} approved ${r.change.ref} for ${r.group}. ${stateLine(r.change)}${missing.length > 0 ? ` Still: ${missing.join('; ')}.` : ''}`];
    }));
  change
    .command('reject')
    .description('reject a submitted change (a comment is required)')
    .argument('<change>', 'CHG-n')
    .requiredOption('-c, --comment <text>', 'why')
    .option('--group <group>', 'the required group you reject for')
    .action(act(async (ctx, ref, opts) => {
      const r = await ctx.changes.reject(ref, ctx.actor, { group: opts.group, comment: opts.comment });
      return [r.change, `${ctx.actor} rejected ${r.change.ref} for ${r.group}. ${stateLine(r.change)}`];
    }));
  change
    .command('schedule')
    .description('schedule an authorized change into its window (or --start/--end); conflicts block unless overridden')
    .argument('<change>', 'CHG-n')
    .option('--start <time>', 'window start, ISO-8601 with a zone')
    .option('--end <time>', 'window end')
    .option('--override-reason <text>', 'schedule despite conflicts (change managers only)')
    .option('-c, --comment <text>', 'comment')
    .action(act(async (ctx, ref, opts) => {
      if ((opts.start === undefined) !== (opts.end === undefined)) throw new CliUsageError('give both --start and --end, or neither to use the planned window');
      const window = opts.start !== undefined && opts.end !== undefined ? { start: opts.start, end: opts.end } : undefined;
      const r = await ctx.changes.schedule(ref, ctx.actor, { window: window && checkedWindow(window), overrideReason: opts.overrideReason, comment: opts.comment });
      const extra = r.conflicts.length > 0 ? `\nConflicts overridden by ${ctx.actor}:\n${describeConflicts(r.conflicts)}` : '';
      return [r.change, `${stateLine(r.change)}${extra}`];
    }));
  change
    .command('implement')
    .description('apply the plan as one revision recording the change')
    .argument('<change>', 'CHG-n')
    .option('-c, --comment <text>', 'comment')
    .action(act(async (ctx, ref, opts) => {
      const r = await ctx.changes.implement(ref, ctx.actor, opts.comment);
      return [r.change, `${outcomeLine(r.outcome)}\n${stateLine(r.change)}`];
    }));
  simple(change, 'fail', 'record that the implementation failed', (ctx, ref, o) => ctx.changes.fail(ref, ctx.actor, o.comment));
  change
    .command('backout')
    .description('apply the inverse of the change\'s revision as a new revision')
    .argument('<change>', 'CHG-n')
    .option('-c, --comment <text>', 'comment')
    .action(act(async (ctx, ref, opts) => {
      const r = await ctx.changes.backout(ref, ctx.actor, opts.comment);
      return [r.change, `${outcomeLine(r.outcome)}\n${stateLine(r.change)}`];
    }));
  change
    .command('review')
    .description('record the post-implementation review')
    .argument('<change>', 'CHG-n')
    .requiredOption('--outcome <outcome>', CHANGE_OUTCOMES.join(' | '))
    .option('--notes <text>', 'what was learned', '')
    .action(act(async (ctx, ref, opts) => {
      const outcome = opts.outcome as ChangeOutcome;
      if (!CHANGE_OUTCOMES.includes(outcome)) throw new CliUsageError(`--outcome must be one of ${CHANGE_OUTCOMES.join(', ')}`);
      const c = await ctx.changes.review(ref, ctx.actor, { outcome, notes: opts.notes ?? '' });
      return [c, stateLine(c)];
    }));
  simple(change, 'close', 'close a reviewed (or successfully implemented) change', (ctx, ref, o) => ctx.changes.close(ref, ctx.actor, o.comment));
  simple(change, 'cancel', 'cancel a change before it is implemented', (ctx, ref, o) => ctx.changes.cancel(ref, ctx.actor, o.comment));
  change
    .command('replan')
    .description('rebase the plan (or a new one from -f) on the current state; approvals given so far are voided')
    .argument('<change>', 'CHG-n')
    .option('-f, --file <file>', 'a new plan: a desired-state file, or a change.yaml whose plan is used')
    .action(act(async (ctx, ref, opts) => {
      const c = await ctx.changes.replan(ref, ctx.actor, opts.file === undefined ? undefined : readPlanDocument(opts.file));
      const voided = c.approvals.filter((a) => a.voided === true).length;
      return [c, `${c.ref} is rebased on revision ${c.baseRevision}; ${voided} approval(s) are void. ${stateLine(c)}`];
    }));
  change
    .command('attach')
    .description('attach this retrospective change to an unauthorized write')
    .argument('<change>', 'CHG-n')
    .requiredOption('--revision <rev>', 'the revision the --emergency write produced')
    .action(act(async (ctx, ref, opts) => {
      const c = await ctx.changes.attach(ref, positiveInt(opts.revision!, '--revision'), ctx.actor);
      return [c, `${c.ref} now covers the unauthorized change in revision ${opts.revision}.`];
    }));
  registerChangeReads(change);
}

/** A command that takes a change and an optional comment and prints the new state. */
function simple(parent: Command, name: string, description: string, run: (ctx: CliContext, ref: string, opts: Opts) => Promise<Change>): void {
  parent
    .command(name)
    .description(description)
    .argument('<change>', 'CHG-n')
    .option('-c, --comment <text>', 'comment, recorded in the history')
    .action(act(async (ctx, ref, opts) => {
      const c = await run(ctx, ref, opts);
      return [c, stateLine(c)];
    }));
}

/** Wraps a command body: opens the context, prints the change as data or the sentence for people. */
function act(body: (ctx: CliContext, ref: string, opts: Opts) => Promise<[Change, string]>, takesRef = true) {
  return async (...args: unknown[]): Promise<void> => {
    const cmd = args[args.length - 1] as Command;
    const ref = takesRef ? (args[0] as string) : '';
    const opts = (takesRef ? args[1] : args[0]) as Opts;
    await withContext(cmd, async (ctx) => {
      const [data, text] = await body(ctx, ref, opts);
      print(ctx.format, data, () => text);
    });
  };
}

function checkedWindow(w: { start: string; end: string }): { start: string; end: string } {
  const start = Date.parse(w.start);
  const end = Date.parse(w.end);
  if (!/(Z|[+-]\d\d:\d\d)$/i.test(w.start) || !/(Z|[+-]\d\d:\d\d)$/i.test(w.end) || Number.isNaN(start) || Number.isNaN(end)) {
    throw new CliUsageError('--start and --end must be ISO-8601 times with a zone, e.g. 2026-12-01T22:00:00Z');
  }
  if (end <= start) throw new CliUsageError('--end must be after --start');
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}
