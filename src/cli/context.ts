import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { createCmdbServices, type CmdbServices } from '../core/services.js';
import type { WriteMeta } from '../core/revision/revision.types.js';
import { loadConfig } from '../config.js';
import { openStore } from '../store/connect.js';
import { loadAuthority } from '../core/drift/drift.service.js';
import { KyselyDriftStore } from '../store/drift.repository.js';
import { createChangeServices, type ChangeServices } from '../core/change/change-services.js';
import { changeControlGuard } from '../core/policy/change-control.guard.js';
import type { ChangeReader } from '../core/ports/change-store.port.js';
import { systemClock } from '../core/shared/clock.js';
import { KyselyChangeStore } from '../store/change.repository.js';
import type { EventPublisher } from '../core/events/event-publisher.js';
import { cliEvents } from './cli-events.js';
import { CliUsageError, parseFormat, type OutputFormat } from './output.js';

/** What every command gets: services on the chosen database, the output format and the author. */
export interface CliContext extends CmdbServices, ChangeServices {
  format: OutputFormat;
  author: string;
  /** Who acts in the change workflow: `--as USER`, else the author. */
  actor: string;
  /** The change records, read directly (audit verify). */
  changeStore: ChangeReader;
  dbUrl: string;
  /** Queues this process's events for webhook delivery by a server (drift services watch through it). */
  events: EventPublisher;
  meta(message?: string, source?: string): WriteMeta;
}

interface GlobalOptions {
  db?: string;
  output?: string;
  author?: string;
  as?: string;
  emergency?: boolean;
  reason?: string;
}

/** Opens the database named by `--db` (or CAIRN_DB, or ./cairn.db), runs `work`, closes it. */
export async function withContext<T>(command: Command, work: (ctx: CliContext) => Promise<T>): Promise<T> {
  const opts = command.optsWithGlobals<GlobalOptions>();
  const config = loadConfig();
  const dbUrl = opts.db ?? config.db;
  const format = parseFormat(opts.output);
  const author = opts.author ?? opts.as ?? config.author ?? osUser();
  const emergency = emergencyOf(opts);
  const store = await openStore(dbUrl);
  let events: EventPublisher | undefined;
  try {
    // Source authority rules (drift): imports and observations never overwrite another source's attributes.
    // Change control: direct writes to controlled CIs are refused unless --emergency --reason.
    const changeStore = new KyselyChangeStore(store);
    const guard = changeControlGuard(changeStore, systemClock);
    const services = createCmdbServices(store, { authority: await loadAuthority(new KyselyDriftStore(store), store), guard });
    await services.cmdb.initialize('cairn');
    const changeServices = createChangeServices(services, changeStore, systemClock);
    events = cliEvents(store, { ...services, changes: changeServices.changes });
    const ctx: CliContext = {
      ...services,
      ...changeServices,
      events,
      format,
      author,
      actor: opts.as ?? author,
      changeStore,
      dbUrl,
      meta: (message, source) => ({ author, message: message ?? '', source: source ?? 'cli', ...(emergency ? { emergency } : {}) }),
    };
    return await work(ctx);
  } finally {
    await events?.flush();
    await store.close();
  }
}

/** `--emergency --reason TEXT`: both or neither. */
function emergencyOf(opts: GlobalOptions): { reason: string } | undefined {
  if (opts.emergency !== true && opts.reason === undefined) return undefined;
  if (opts.emergency !== true) throw new CliUsageError('--reason goes with --emergency: give both to write to controlled CIs outside a change');
  if (opts.reason === undefined || opts.reason.trim() === '') throw new CliUsageError('--emergency needs --reason "…": say why the write cannot wait for a change');
  return { reason: opts.reason };
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
