import { loadNotifyConfig } from '../config.js';
import { openStore } from '../store/connect.js';
import { smtpMailer } from './smtp-mailer.js';
import { createServices, type ServiceOptions, type Services, type ServicesStore } from './services.js';

export interface OpenServicesOptions extends ServiceOptions {
  /** SQLite: checkpoint the write-ahead log on a background thread (a server: yes; a short CLI command: no). */
  backgroundCheckpoints?: boolean;
  /** PostgreSQL: keep the connections opened until the database is closed (a server: yes). */
  keepConnections?: boolean;
}

/** Services on a database this process opened; `close` closes the database. */
export interface OpenedServices {
  services: Services;
  engine: ServicesStore['engine'];
  /** Closes the database. Stop what was started on the services (jobs, scheduler) and flush events first. */
  close(): Promise<void>;
}

/**
 * Where the server and the CLI open their database: the store is opened here and handed to
 * `createServices`, so that no face holds it. A failure while building closes the store again.
 */
export async function openServices(db: string, options: OpenServicesOptions = {}): Promise<OpenedServices> {
  const { backgroundCheckpoints, keepConnections, ...serviceOptions } = options;
  // Notifications take their SMTP server, public URL and digest hour from the environment unless given.
  if (!serviceOptions.notify) {
    const c = loadNotifyConfig();
    serviceOptions.notify = {
      mailer: smtpMailer(c.smtpUrl, c.mailFrom),
      publicUrl: c.publicUrl,
      digestHour: c.digestHour,
    };
  }
  const store = await openStore(db, {
    ...(backgroundCheckpoints === undefined ? {} : { backgroundCheckpoints }),
    ...(keepConnections === undefined ? {} : { keepConnections }),
  });
  try {
    const services = await createServices(store, serviceOptions);
    return { services, engine: store.engine, close: () => store.close() };
  } catch (e) {
    await store.close();
    throw e;
  }
}
