import { hostname } from 'node:os';
import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from '../config.js';
import { buildApp, type AppOptions } from './app.js';
import type { ApiServiceOptions } from './services.js';
import { loadDemoEstate } from './demo-estate.js';
import { openApiServices, type ApiServices } from './services.js';
import { RELAY_INTERVAL_MS } from '../core/events/event-publisher.js';

export interface RunningServer {
  app: FastifyInstance;
  services: ApiServices;
  /** The address it listens on, e.g. http://127.0.0.1:4000. */
  url: string;
  /** Stops taking requests, finishes those in flight and running jobs, closes the database. */
  close(): Promise<void>;
  /** Settles when the in-memory impact graph has loaded (the server answers from the store until then). */
  graphLoaded: Promise<void>;
}

/**
 * The composition root of `cairn serve`: opens the store, builds the services and the app,
 * starts the job runner and listens, and fills the impact graph in the background: at 1M CIs
 * that takes seconds, during which impact and neighbourhood are read from the store (GraphSync).
 */
export async function startServer(
  config: ServerConfig,
  extra: Partial<AppOptions> = {},
  serviceOptions: Partial<ApiServiceOptions> = {},
): Promise<RunningServer> {
  let app: FastifyInstance | undefined;
  const opened = await openApiServices(config.db, {
    worker: `${hostname()}:${process.pid}`,
    pollIntervalMs: config.jobPollMs,
    onError: (e, what) => app?.log.error({ err: e }, `${what} failed`),
    ...(config.sso ? { claimMapping: config.sso.mapping } : {}),
    ...serviceOptions,
  });
  const { services } = opened;
  try {
    await services.cmdb.initialize('cairn');
    app = await buildApp({
      services,
      logger: { level: config.logLevel },
      secureCookies: config.secureCookies,
      trustProxy: config.trustProxy,
      sso: config.sso,
      localLogin: config.localLogin,
      ...extra,
    });
    if (config.demo) {
      const loaded = await loadDemoEstate(services);
      if (loaded) app.log.info({ revision: loaded }, 'demo estate loaded');
    }
    services.jobs.start();
    services.scheduler.start();
    // Relays events left pending by any process (one that died after its commit) now and every few seconds.
    services.events.start(RELAY_INTERVAL_MS);
    const anchors = await scheduleAnchors(config, services, app);
    const url = await app.listen({ port: config.port, host: config.host });
    app.log.info({ url, engine: opened.engine }, 'cairn serving');
    const running = app;
    const loadStart = Date.now();
    const graphLoaded = services.graphSync.load().then(
      () => running.log.info({ ms: Date.now() - loadStart, cis: services.graphSync.graph.size }, 'impact graph loaded'),
      // Impact keeps being read from the store: slower, not wrong.
      (e: unknown) => running.log.error({ err: e }, 'impact graph load failed; impact is read from the database'),
    );
    return {
      app: running,
      services,
      url,
      graphLoaded,
      async close() {
        anchors?.stop();
        // The load reads the database: let it finish before the database closes.
        await graphLoaded;
        await running.close();
        await services.scheduler.stop();
        await services.events.stop();
        await services.jobs.stop();
        await opened.close();
      },
    };
  } catch (e) {
    await app?.close();
    await opened.close();
    throw e;
  }
}

/** Closes on SIGINT/SIGTERM, finishing requests in flight; exits non-zero if that takes too long. */
export function closeOnSignals(server: RunningServer, timeoutMs: number): void {
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    server.app.log.info({ signal }, 'shutting down: finishing requests in flight');
    const timer = setTimeout(() => {
      server.app.log.error('shutdown timed out');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    server.close().then(
      () => server.app.log.info('stopped'),
      (e: unknown) => {
        server.app.log.error({ err: e }, 'shutdown failed');
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

/** Scheduled anchoring (docs/operations.md): on when a key is configured, else a warning. */
async function scheduleAnchors(config: ServerConfig, services: ApiServices, app: FastifyInstance) {
  if (config.anchorKey === undefined || config.anchorIntervalS === 0) {
    app.log.warn('no anchor key configured (CAIRN_ANCHOR_KEY): the audit chain is not anchored outside the database');
    return undefined;
  }
  const { startAnchoring } = await import('../app/anchor-schedule.js');
  return startAnchoring({
    keyFile: config.anchorKey,
    to: config.anchorTo ?? [],
    intervalS: config.anchorIntervalS ?? 3600,
    head: () => services.history.head(),
    now: () => services.clock.now().toISOString(),
    onError: (e) => app.log.error({ err: e }, 'scheduled anchor failed'),
    onAnchor: (rev) => app.log.info({ revision: rev }, 'anchored'),
  });
}
