import type { Command } from 'commander';
import type { Transition, TransitionBody } from '../../contracts/change.contracts.js';
import { CHANGE_OUTCOMES, type ChangeOutcome } from '../../core/change/change.types.js';
import { withClient } from '../client-context.js';
import { CliUsageError, print } from '../output.js';
import { positiveInt } from '../parse-args.js';
import { changeRefArg, readFieldsFile, windowArg } from './change-args.js';
import { actionText, createdText, stateLine } from './change-format.js';
import { registerChangeReads } from './change-list.js';
import { registerReschedule } from './change-reschedule.js';

interface StepOpts {
  comment?: string;
  group?: string;
  start?: string;
  end?: string;
  overrideReason?: string;
  outcome?: string;
  notes?: string;
}

/**
 * `cairn change …`: the change workflow. The actor is `--as USER` (else the author) on a
 * database, and the token's principal through a server; the core checks who may do what.
 */
export function registerChange(program: Command): void {
  const change = program.command('change').description('change requests: create, approve, schedule, implement, review');
  change
    .command('create')
    .description('raise a change from change.yaml (as --as USER, else the author)')
    .requiredOption('-f, --file <file>', 'change.yaml (- for standard input)')
    .action(async (opts: { file: string }, cmd: Command) => {
      const document = readFieldsFile(opts.file);
      await withClient(cmd, async ({ client, format }) => {
        const c = await client.changes.create(document);
        print(format, c, () => createdText(c));
      });
    });
  step(
    change,
    'submit',
    'submit a draft for approval (a standard change within its template is authorized at once)',
    (o) => ({ comment: o.comment }),
  );
  step(
    change,
    'approve',
    'approve a submitted change for one of your groups',
    (o) => ({ group: o.group, comment: o.comment }),
    (c) => c.option('--group <group>', 'the required group you approve for').option('-c, --comment <text>', 'comment'),
  );
  step(
    change,
    'reject',
    'reject a submitted change (a comment is required)',
    (o) => ({ group: o.group, comment: o.comment }),
    (c) =>
      c.requiredOption('-c, --comment <text>', 'why').option('--group <group>', 'the required group you reject for'),
  );
  step(
    change,
    'schedule',
    'schedule an authorized change into its window (or --start/--end); conflicts block unless overridden',
    scheduleInput,
    (c) =>
      c
        .option('--start <time>', 'window start, ISO-8601 with a zone')
        .option('--end <time>', 'window end')
        .option('--override-reason <text>', 'schedule despite conflicts (change managers only)')
        .option('-c, --comment <text>', 'comment'),
  );
  registerReschedule(change);
  step(
    change,
    'implement',
    'apply the plan as one revision recording the change, within its approved window',
    (o) => ({ comment: o.comment, overrideReason: o.overrideReason }),
    (c) =>
      c
        .option('--override-reason <text>', 'implement outside the approved window (change managers only)')
        .option('-c, --comment <text>', 'comment'),
  );
  step(change, 'fail', 'record that the implementation failed', (o) => ({ comment: o.comment }));
  step(change, 'backout', "apply the inverse of the change's revision as a new revision", (o) => ({
    comment: o.comment,
  }));
  step(change, 'review', 'record the post-implementation review', reviewInput, (c) =>
    c
      .requiredOption('--outcome <outcome>', CHANGE_OUTCOMES.join(' | '))
      .requiredOption('--notes <text>', 'what was learned'),
  );
  step(change, 'close', 'close a reviewed (or successfully implemented) change', (o) => ({ comment: o.comment }));
  step(change, 'cancel', 'cancel a change before it is implemented', (o) => ({ comment: o.comment }));
  change
    .command('replan')
    .description('rebase the plan (or a new one from -f) on the current state; approvals given so far are voided')
    .argument('<change>', 'CHG-n')
    .option('-f, --file <file>', 'a new plan: a desired-state file, or a change.yaml whose plan is used')
    .action(async (ref: string, opts: { file?: string }, cmd: Command) => {
      const id = changeRefArg(ref);
      // The plan's schema and its validator load only when there is a file to check.
      const plan =
        opts.file === undefined
          ? undefined
          : { ...(await import('./change-input-file.js')).readPlanDocument(opts.file) };
      await withClient(cmd, async ({ client, format }) => {
        const c = await client.changes.replan(id, plan);
        const voided = c.approvals.filter((a) => a.voided === true).length;
        print(
          format,
          c,
          () => `${c.ref} is rebased on revision ${c.baseRevision}; ${voided} approval(s) are void. ${stateLine(c)}`,
        );
      });
    });
  change
    .command('attach')
    .description('attach this retrospective change to an unauthorized write')
    .argument('<change>', 'CHG-n')
    .requiredOption('--revision <rev>', 'the revision the --emergency write produced')
    .action(async (ref: string, opts: { revision: string }, cmd: Command) => {
      const id = changeRefArg(ref);
      const revision = positiveInt(opts.revision, '--revision');
      await withClient(cmd, async ({ client, format }) => {
        const c = await client.changes.attach(id, revision);
        print(format, c, () => `${c.ref} now covers the unauthorized change in revision ${revision}.`);
      });
    });
  registerChangeReads(change);
}

/**
 * One workflow action on a change (`cairn change approve CHG-n …`): its options (a comment by
 * default), the input they make, and what it prints: the change as data, a sentence for people.
 */
function step(
  parent: Command,
  action: Transition,
  description: string,
  input: (opts: StepOpts) => TransitionBody,
  options?: (c: Command) => Command,
): void {
  const command = parent.command(action).description(description).argument('<change>', 'CHG-n');
  (options ?? ((c: Command) => c.option('-c, --comment <text>', 'comment, recorded in the history')))(command).action(
    async (ref: string, opts: StepOpts, cmd: Command) => {
      const id = changeRefArg(ref);
      const body = input(opts);
      await withClient(cmd, async ({ client, format }) => {
        const r = await client.changes.act(id, action, body);
        print(format, r.change, () => actionText(action, r));
      });
    },
  );
}

function scheduleInput(o: StepOpts): TransitionBody {
  return { window: windowArg(o.start, o.end), overrideReason: o.overrideReason, comment: o.comment };
}

function reviewInput(o: StepOpts): TransitionBody {
  const outcome = o.outcome as ChangeOutcome;
  if (!CHANGE_OUTCOMES.includes(outcome))
    throw new CliUsageError(`--outcome must be one of ${CHANGE_OUTCOMES.join(', ')}`);
  return { outcome, notes: o.notes };
}
