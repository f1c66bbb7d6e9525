import { Command, CommanderError } from 'commander';
import { ProblemError, UnreachableError } from '../client/errors.js';
import { CairnError, UnavailableError } from '../core/shared/errors.js';
import { globalsOf } from './global-options.js';
import { CliUsageError } from './output.js';
import { packageVersion } from '../package-info.js';

type Register = (program: Command) => void;

/**
 * Each command's module, by the top-level words it registers. A command line loads only the
 * module of its command (help without a command loads them all): start-up stays close to Node's.
 */
const COMMANDS: [words: string[], load: () => Promise<Register>][] = [
  [['init'], async () => (await import('./commands/init.js')).registerInit],
  [['class'], async () => (await import('./commands/class.js')).registerClass],
  [['apply', 'plan'], async () => (await import('./commands/apply.js')).registerApply],
  [['get', 'list', 'delete'], async () => (await import('./commands/ci.js')).registerCiCommands],
  [['impact'], async () => (await import('./commands/impact.js')).registerImpact],
  [['log', 'diff'], async () => (await import('./commands/history.js')).registerHistory],
  [['baseline'], async () => (await import('./commands/baseline.js')).registerBaseline],
  [['revert'], async () => (await import('./commands/revert.js')).registerRevert],
  [['audit'], async () => (await import('./commands/audit.js')).registerAudit],
  [['import'], async () => (await import('./commands/import.js')).registerImport],
  [['export'], async () => (await import('./commands/export.js')).registerExport],
  [['migrate'], async () => (await import('./commands/migrate.js')).registerMigrate],
  [['demo'], async () => (await import('./commands/demo.js')).registerDemo],
  [['drift'], async () => (await import('./commands/drift.js')).registerDrift],
  [['change'], async () => (await import('./commands/change.js')).registerChange],
  [['policy'], async () => (await import('./commands/policy.js')).registerPolicy],
  [['user'], async () => (await import('./commands/user.js')).registerUser],
  [['group'], async () => (await import('./commands/group.js')).registerGroup],
  [['calendar'], async () => (await import('./commands/calendar.js')).registerCalendar],
  [['cab'], async () => (await import('./commands/cab.js')).registerCab],
  [['serve'], async () => (await import('./commands/serve.js')).registerServe],
  [['token'], async () => (await import('./commands/token.js')).registerToken],
  [['webhook'], async () => (await import('./commands/webhook.js')).registerWebhook],
];

/**
 * Commands that work on a database itself and have no meaning through a server: the one place
 * that says so. Every other command runs the same on `--db` and on `--server`.
 */
export const DATABASE_ONLY: Record<string, string> = {
  init: 'creates or migrates a database',
  migrate: 'copies one database into another',
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
    .option('--server <url>', 'a Cairn server to work through instead of a database (env CAIRN_SERVER; token in CAIRN_TOKEN)')
    .option('-o, --output <format>', 'table, json, yaml or ndjson', 'table')
    .option('--author <name>', 'who writes (env CAIRN_AUTHOR; default the OS user; through a server, the token says)')
    .option('--as <user>', 'who acts in the change workflow (default: the author)')
    .option('--emergency', 'write to controlled CIs outside a change (needs --reason; recorded as unauthorized)')
    .option('--reason <text>', 'why an --emergency write cannot wait for a change')
    .showHelpAfterError()
    .exitOverride();
  const word = commandWord(args);
  const versionOnly = word === undefined && args.some((a) => a === '-V' || a === '--version');
  const wanted = COMMANDS.filter(([words]) => word !== undefined && words.includes(word));
  if (!versionOnly) for (const [, load] of wanted.length > 0 ? wanted : COMMANDS) (await load())(program);
  program.hook('preAction', (_root, action) => refuseDatabaseOnlyRemotely(action));
  return program;
}

function refuseDatabaseOnlyRemotely(action: Command): void {
  let top = action;
  while (top.parent && top.parent.parent) top = top.parent;
  const why = DATABASE_ONLY[top.name()];
  if (why !== undefined && globalsOf(action).server !== undefined) {
    throw new CliUsageError(`\`cairn ${top.name()}\` ${why}: it runs on --db URL, not through a server (drop --server and CAIRN_SERVER)`);
  }
}

/** Exit statuses (docs/cli.md): 0 ok, 1 refused or bad input, 2 database or server unreachable, 3 unauthorized drift, 70 a bug. */
export const EXIT = { ok: 0, refused: 1, unreachable: 2, unauthorizedDrift: 3, internal: 70 } as const;

/** TRANSITIONAL: commands that run through the client; the others still have a twin in ./remote. */
const ON_CLIENT = new Set(['get', 'list', 'delete', 'apply', 'plan', 'impact', 'class', 'user', 'group', 'token', 'webhook', 'import', 'export', ...Object.keys(DATABASE_ONLY)]);

export async function run(argv: string[]): Promise<number> {
  try {
    const word = commandWord(argv.slice(2));
    if (word !== undefined && !ON_CLIENT.has(word) && (argv.some((a) => a === '--server' || a.startsWith('--server=')) || process.env.CAIRN_SERVER)) {
      const { buildRemoteProgram } = await import('./remote/remote-program.js');
      await buildRemoteProgram().parseAsync(argv);
      return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
    }
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
  if (e instanceof UnavailableError || e instanceof UnreachableError || (e as Error).constructor.name === 'RemoteUnavailableError') {
    say((e as Error).message);
    return EXIT.unreachable;
  }
  if (e instanceof CairnError || e instanceof CliUsageError || e instanceof ProblemError) {
    say(e.message);
    return EXIT.refused;
  }
  say(`internal error: ${(e as Error).message}`);
  if (process.env.CAIRN_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
  return EXIT.internal;
}
