import { createServices, type Services } from '../app/services.js';
import type { CairnClient } from '../client/client.js';
import { createLocalClient } from '../client/local/local-client.js';
import type { LocalSession } from '../client/local/session.js';
import { openStore } from '../store/connect.js';

export interface LocalOptions {
  /** A SQLite file or a postgres:// URL. */
  db: string;
  author: string;
  /** Who acts in the change workflow. */
  actor: string;
  /** `--emergency --reason`: direct writes to controlled CIs, recorded as unauthorized. */
  emergency?: { reason: string };
}

export interface LocalRoot {
  services: Services;
  client: CairnClient;
  session: LocalSession;
  /** Queues what is left to publish, then closes the database. */
  close(): Promise<void>;
}

/**
 * The CLI's composition root on a database: opens the store, builds the services, creates the
 * built-in model on a new database. Loaded only by commands that need it, so that `--help`,
 * `--version` and `--server` commands never load a database driver.
 */
export async function openLocal(options: LocalOptions): Promise<LocalRoot> {
  // A command is short: SQLite checkpoints when it closes, no background thread needed.
  const store = await openStore(options.db, { backgroundCheckpoints: false });
  try {
    const warn = (e: unknown, what: string) =>
      process.stderr.write(`cairn: warning: ${what === 'publish' ? 'an event could not be queued for webhooks' : `${what} failed`}: ${(e as Error).message}\n`);
    // A CLI process queues events and jobs; a running `cairn serve` on the same database delivers them.
    const services = await createServices(store, { runsJobs: false, onError: warn });
    await services.cmdb.initialize('cairn');
    const { author, emergency } = options;
    const session: LocalSession = {
      actor: options.actor,
      meta: (message) => ({ author, message, source: 'cli', ...(emergency ? { emergency } : {}) }),
    };
    return {
      services,
      client: createLocalClient(services, session),
      session,
      async close() {
        await services.events.flush();
        await store.close();
      },
    };
  } catch (e) {
    await store.close();
    throw e;
  }
}
