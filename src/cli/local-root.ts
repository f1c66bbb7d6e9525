import { openServices, type OpenedServices } from '../app/open-services.js';
import type { Services } from '../app/services.js';
import type { CairnClient } from '../client/client.js';
import { createLocalClient } from '../client/local/local-client.js';
import type { LocalSession } from '../client/local/session.js';

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
  engine: OpenedServices['engine'];
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
  const warn = (e: unknown, what: string) =>
    process.stderr.write(
      `cairn: warning: ${what === 'publish' ? 'an event could not be queued for webhooks' : `${what} failed`}: ${(e as Error).message}\n`,
    );
  // A command is short: SQLite checkpoints when it closes, no background thread needed. A CLI
  // process queues events and jobs; a running `cairn serve` on the same database delivers them.
  const opened = await openServices(options.db, { backgroundCheckpoints: false, runsJobs: false, onError: warn });
  const { services } = opened;
  try {
    await services.cmdb.initialize('cairn');
    const { author, emergency } = options;
    const session: LocalSession = {
      actor: options.actor,
      // Whoever opens the database file holds every right over it: the CLI writes as an admin.
      meta: (message) => ({ author, message, source: 'cli', admin: true, ...(emergency ? { emergency } : {}) }),
    };
    return {
      services,
      engine: opened.engine,
      client: createLocalClient(services, session),
      session,
      async close() {
        await services.events.flush();
        await opened.close();
      },
    };
  } catch (e) {
    await opened.close();
    throw e;
  }
}
