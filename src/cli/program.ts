import { Command, CommanderError } from 'commander';
import { ProblemError, UnreachableError } from '../client/errors.js';
import { CairnError, UnavailableError } from '../core/shared/errors.js';
import { globalsOf } from './global-options.js';
import { CliUsageError } from './output.js';
import { packageVersion } from '../package-info.js';

type Register = (program: Command) => void;

/** A module of commands, loaded once however many of its words a command line names. */
function lazy(load: () => Promise<Register>): () => Promise<Register> {
  let module: Promise<Register> | undefined;
  return () => (module ??= load());
}

const apply = lazy(async () => (await import('./commands/apply.js')).registerApply);
const ci = lazy(async () => (await import('./commands/ci.js')).registerCiCommands);
const backup = lazy(async () => (await import('./commands/backup.js')).registerBackup);
const history = lazy(async () => (await import('./commands/history.js')).registerHistory);

/**
 * Every top-level command: its arguments and one line for `cairn --help`, and the module that
 * defines it. A command line loads only the module of its command; `cairn --help` loads none and
 * lists these lines, so that it starts as fast as `--version`.
 */
const COMMANDS: { word: string; args?: string; summary: string; load: () => Promise<Register> }[] = [
  {
    word: 'init',
    summary: 'create or migrate the database and load the built-in model',
    load: lazy(async () => (await import('./commands/init.js')).registerInit),
  },
  {
    word: 'class',
    summary: 'the class registry: classes and relationship types',
    load: lazy(async () => (await import('./commands/class.js')).registerClass),
  },
  { word: 'apply', summary: 'upsert the CIs and relationships of a desired-state file as one revision', load: apply },
  { word: 'plan', summary: 'what apply would change and impact; writes nothing', load: apply },
  { word: 'get', args: '<noun> <ref>', summary: 'show one CI with its relationships', load: ci },
  { word: 'list', args: '<noun>', summary: 'list CIs, filtered', load: ci },
  {
    word: 'delete',
    args: '<noun> <refs...>',
    summary: 'delete CIs and their relationships, as one revision',
    load: ci,
  },
  {
    word: 'impact',
    args: '<refs...>',
    summary: 'what a change to these CIs affects, with one shortest path each',
    load: lazy(async () => (await import('./commands/impact.js')).registerImpact),
  },
  { word: 'log', args: '[ref]', summary: 'revisions, newest first, of the whole CMDB or of one CI', load: history },
  { word: 'diff', args: '<from> [to]', summary: 'what changed between two points; TO defaults to now', load: history },
  {
    word: 'baseline',
    summary: 'named revisions: create, list, show',
    load: lazy(async () => (await import('./commands/baseline.js')).registerBaseline),
  },
  {
    word: 'revert',
    summary: 'restore a past state (--to) or undo one change (--change)',
    load: lazy(async () => (await import('./commands/revert.js')).registerRevert),
  },
  {
    word: 'audit',
    summary: 'the tamper-evident history: verify the hash chains',
    load: lazy(async () => (await import('./commands/audit.js')).registerAudit),
  },
  {
    word: 'import',
    args: '<format> <files...>',
    summary: 'bring CIs and relationships in from another tool or format',
    load: lazy(async () => (await import('./commands/import.js')).registerImport),
  },
  {
    word: 'export',
    summary: 'write the CMDB, or its state at a point, in a format `cairn import` reads back',
    load: lazy(async () => (await import('./commands/export.js')).registerExport),
  },
  {
    word: 'migrate',
    summary: 'copy everything, history included, into another database, then verify it',
    load: lazy(async () => (await import('./commands/migrate.js')).registerMigrate),
  },
  {
    word: 'backup',
    args: '<file>',
    summary: 'write a consistent online backup of the database to a file, then verify it',
    load: backup,
  },
  {
    word: 'restore',
    args: '<file>',
    summary: 'restore a backup into a new or empty database, then verify it',
    load: backup,
  },
  {
    word: 'demo',
    summary: 'load a sample estate into the database and show a first look',
    load: lazy(async () => (await import('./commands/demo.js')).registerDemo),
  },
  {
    word: 'drift',
    summary: 'configuration audit: observed state against authorized state',
    load: lazy(async () => (await import('./commands/drift.js')).registerDrift),
  },
  {
    word: 'change',
    summary: 'change requests: create, approve, schedule, implement, review',
    load: lazy(async () => (await import('./commands/change.js')).registerChange),
  },
  {
    word: 'policy',
    summary: 'the approval policy: groups, rules, quorum, change control, windows, templates',
    load: lazy(async () => (await import('./commands/policy.js')).registerPolicy),
  },
  {
    word: 'env',
    summary: 'environments in promotion order: approvals, change control, freezes; versioned',
    load: lazy(async () => (await import('./commands/env.js')).registerEnv),
  },
  {
    word: 'release',
    summary: 'releases: a service at a semantic version, approved, promoted through environments, rolled back',
    load: lazy(async () => (await import('./commands/release.js')).registerRelease),
  },
  {
    word: 'incident',
    summary: 'incidents: service disruptions traced to the change or deployment that caused them',
    load: lazy(async () => (await import('./commands/incident.js')).registerIncident),
  },
  {
    word: 'gate',
    summary: 'the change gate for pipelines: may this release be deployed now? (exit 4 on deny)',
    load: lazy(async () => (await import('./commands/gate.js')).registerGate),
  },
  {
    word: 'user',
    summary: 'users of the change workflow',
    load: lazy(async () => (await import('./commands/user.js')).registerUser),
  },
  {
    word: 'group',
    summary: 'groups of approvers (CAB, change managers, …)',
    load: lazy(async () => (await import('./commands/group.js')).registerGroup),
  },
  {
    word: 'calendar',
    summary: 'scheduled changes, freeze and maintenance windows, conflicts (also as iCalendar)',
    load: lazy(async () => (await import('./commands/calendar.js')).registerCalendar),
  },
  {
    word: 'report',
    summary: 'status accounting and audit records: tables, CSV or a printable page',
    load: lazy(async () => (await import('./commands/report.js')).registerReport),
  },
  {
    word: 'cab',
    summary: 'the change advisory board: its agenda and minutes',
    load: lazy(async () => (await import('./commands/cab.js')).registerCab),
  },
  {
    word: 'serve',
    summary: 'serve the HTTP API and the web UI',
    load: lazy(async () => (await import('./commands/serve.js')).registerServe),
  },
  {
    word: 'token',
    summary: 'API tokens for scripts and pipelines (only a hash is stored)',
    load: lazy(async () => (await import('./commands/token.js')).registerToken),
  },
  {
    word: 'notify',
    summary: 'notifications: send a test message, read the bell, show preferences',
    load: lazy(async () => (await import('./commands/notify.js')).registerNotify),
  },
  {
    word: 'webhook',
    summary: 'webhook subscriptions: events POSTed, signed, to a URL',
    load: lazy(async () => (await import('./commands/webhook.js')).registerWebhook),
  },
];

/**
 * Commands that work on a database itself and have no meaning through a server: the one place
 * that says so. Every other command runs the same on `--db` and on `--server`.
 */
export const DATABASE_ONLY: Record<string, string> = {
  init: 'creates or migrates a database',
  migrate: 'copies one database into another',
  backup: 'copies a database to a file',
  restore: 'copies a backup file into a database',
  demo: 'loads the sample estate into a database',
  serve: 'starts a server on a database',
};

/** Root options that take a value: the word after them is not the command. */
const VALUED_OPTIONS = new Set(['--db', '--server', '-o', '--output', '--author', '--as', '--reason']);

/** The command word of a command line: the first argument that is neither an option nor an option's value. */
export function commandWord(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (VALUED_OPTIONS.has(a)) i++;
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

/** Builds the `cairn` command tree with the modules this command line needs; exported so tests can run commands in-process. */
export async function buildProgram(args: string[] = []): Promise<Command> {
  const program = new Command('cairn')
    .description('Cairn: a versioned CMDB with controlled change')
    .version(packageVersion(), '-V, --version')
    .option('--db <url>', 'database: a SQLite file or postgres:// URL (env CAIRN_DB; default ./cairn.db)')
    .option(
      '--server <url>',
      'a Cairn server to work through instead of a database (env CAIRN_SERVER; token in CAIRN_TOKEN)',
    )
    .option('-o, --output <format>', 'table, json, yaml or ndjson', 'table')
    .option('--author <name>', 'who writes (env CAIRN_AUTHOR; default the OS user; through a server, the token says)')
    .option('--as <user>', 'who acts in the change workflow (default: the author)')
    .option('--emergency', 'write to controlled CIs outside a change (needs --reason; recorded as unauthorized)')
    .option('--reason <text>', 'why an --emergency write cannot wait for a change')
    .showHelpAfterError()
    .exitOverride();
  const word = commandWord(args);
  const wanted =
    word === 'help'
      ? COMMANDS.find((c) => c.word === commandWord(args.slice(args.indexOf('help') + 1)))
      : COMMANDS.find((c) => c.word === word);
  if (wanted) {
    // Only this command's module; its words show the one-line summaries of the table.
    (await wanted.load())(program);
    for (const c of COMMANDS) program.commands.find((cmd) => cmd.name() === c.word)?.summary(c.summary);
  } else {
    // No command (or an unknown one): the list for --help and for commander's suggestions, nothing loaded.
    for (const c of COMMANDS)
      program
        .command(c.args ? `${c.word} ${c.args}` : c.word)
        .summary(c.summary)
        .allowUnknownOption()
        .allowExcessArguments();
  }
  program.hook('preAction', (_root, action) => refuseDatabaseOnlyRemotely(action));
  return program;
}

/**
 * The commands whose `--emergency --reason` reaches a server, in their requests. Through a server
 * the other writes would drop it and be refused by change control with a sentence that asks for
 * the very options given, so they are refused up front instead.
 */
const EMERGENCY_REMOTELY = new Set(['drift accept', 'release promote', 'release rollback']);

function refuseDatabaseOnlyRemotely(action: Command): void {
  const path: Command[] = [];
  for (let c: Command | null = action; c?.parent; c = c.parent) path.unshift(c);
  const [top, root] = [path[0] ?? action, path[0]?.parent ?? action];
  const words = path.map((c) => c.name()).join(' ');
  const why = DATABASE_ONLY[top.name()];
  const unsentEmergency = root.opts<{ emergency?: boolean }>().emergency === true && !EMERGENCY_REMOTELY.has(words);
  if ((why === undefined && !unsentEmergency) || globalsOf(action).server === undefined) return;
  if (why !== undefined)
    throw new CliUsageError(
      `\`cairn ${top.name()}\` ${why}: it runs on --db URL, not through a server (drop --server and CAIRN_SERVER)`,
    );
  throw new CliUsageError(
    `--emergency is not yet sent through a server by \`cairn ${words}\`: run it on --db URL (drop --server and CAIRN_SERVER)`,
  );
}

/** Exit statuses (docs/cli.md): 0 ok, 1 refused or bad input, 2 database or server unreachable, 3 unauthorized drift, 4 a gate denies, 70 a bug. */
export const EXIT = { ok: 0, refused: 1, unreachable: 2, unauthorizedDrift: 3, gateDenied: 4, internal: 70 } as const;

export async function run(argv: string[]): Promise<number> {
  try {
    await (await buildProgram(argv.slice(2))).parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (e) {
    return report(e);
  }
}

/** One sentence on stderr, and the exit status that says what kind of failure it was. */
function report(e: unknown): number {
  if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.refused;
  const say = (message: string) => process.stderr.write(`cairn: ${message}\n`);
  if (e instanceof UnavailableError || e instanceof UnreachableError) {
    say(e.message);
    return EXIT.unreachable;
  }
  // Through a server, the same statuses as on a database: its database down is 2, its bug is 70.
  if (e instanceof ProblemError && e.status === 503) {
    say(e.message);
    return EXIT.unreachable;
  }
  if (e instanceof ProblemError && e.status >= 500) {
    say(`internal error on the server: ${e.message}`);
    return EXIT.internal;
  }
  if (e instanceof CairnError || e instanceof CliUsageError || e instanceof ProblemError) {
    say(e.message);
    // A promotion the gates refused is a gate denying, whichever command asked.
    if (!(e instanceof CliUsageError) && e.code === 'PROMOTION_DENIED') return EXIT.gateDenied;
    return EXIT.refused;
  }
  say(`internal error: ${e instanceof Error ? e.message : String(e)}`);
  if (process.env.CAIRN_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  return EXIT.internal;
}
