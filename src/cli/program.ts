import { Command, CommanderError } from 'commander';
import { CairnError } from '../core/shared/errors.js';
import { DatabaseUnavailableError } from '../store/connect.js';
import { registerApply } from './commands/apply.js';
import { registerAudit } from './commands/audit.js';
import { registerBaseline } from './commands/baseline.js';
import { registerCab } from './commands/cab.js';
import { registerCalendar } from './commands/calendar.js';
import { registerChange } from './commands/change.js';
import { registerGroup } from './commands/group.js';
import { registerPolicy } from './commands/policy.js';
import { registerUser } from './commands/user.js';
import { registerCiCommands } from './commands/ci.js';
import { registerClass } from './commands/class.js';
import { registerDemo } from './commands/demo.js';
import { registerDrift } from './commands/drift.js';
import { registerHistory } from './commands/history.js';
import { registerImpact } from './commands/impact.js';
import { registerImport } from './commands/import.js';
import { registerExport } from './commands/export.js';
import { registerMigrate } from './commands/migrate.js';
import { registerInit } from './commands/init.js';
import { registerRevert } from './commands/revert.js';
import { registerServe } from './commands/serve.js';
import { buildRemoteProgram, wantsRemote } from './remote/remote-program.js';
import { registerToken } from './commands/token.js';
import { registerWebhook } from './commands/webhook.js';
import { CliUsageError } from './output.js';

/** Builds the `cairn` command tree; exported so tests can run commands in-process. */
export function buildProgram(): Command {
  const program = new Command('cairn')
    .description('Cairn: a versioned CMDB with controlled change')
    .version('0.1.0')
    .option('--db <url>', 'database: a SQLite file or postgres:// URL (env CAIRN_DB; default ./cairn.db)')
    .option('-o, --output <format>', 'table, json or yaml', 'table')
    .option('--author <name>', 'who writes (env CAIRN_AUTHOR; default the OS user)')
    .option('--as <user>', 'who acts in the change workflow (default: the author)')
    .option('--emergency', 'write to controlled CIs outside a change (needs --reason; recorded as unauthorized)')
    .option('--reason <text>', 'why an --emergency write cannot wait for a change')
    .showHelpAfterError()
    .exitOverride();
  registerInit(program);
  registerClass(program);
  registerApply(program);
  registerCiCommands(program);
  registerImpact(program);
  registerHistory(program);
  registerBaseline(program);
  registerRevert(program);
  registerAudit(program);
  registerImport(program);
  registerExport(program);
  registerMigrate(program);
  registerDemo(program);
  registerDrift(program);
  registerChange(program);
  registerPolicy(program);
  registerUser(program);
  registerGroup(program);
  registerCalendar(program);
  registerCab(program);
  registerServe(program);
  registerToken(program);
  registerWebhook(program);
  return program;
}

/** Exit status 1 for anything the user can fix; 2 for an internal failure. */
export async function run(argv: string[]): Promise<number> {
  try {
    await (wantsRemote(argv) ? buildRemoteProgram() : buildProgram()).parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 1;
    if (e instanceof CairnError || e instanceof CliUsageError || e instanceof DatabaseUnavailableError) {
      process.stderr.write(`cairn: ${e.message}\n`);
      return 1;
    }
    process.stderr.write(`cairn: internal error: ${(e as Error).message}\n`);
    if (process.env.CAIRN_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
    return 2;
  }
}

