import { startServer, type RunningServer } from '../../src/api/server.js';
import { readObservation } from '../../src/cli/commands/drift-output.js';
import { engines } from './engines.js';

export interface DemoServer {
  server: RunningServer;
  /** The server's database, for running the same command locally with `--db`. */
  db: string;
  close(): Promise<void>;
}

/**
 * `cairn serve --demo` on a fresh SQLite database and a free port, with CAIRN_TOKEN set to a
 * token of `role`: what the `--server` tests compare local output against.
 */
export async function startDemoServer(role: string): Promise<DemoServer> {
  const harness = engines()[0]!;
  const db = await harness.newDatabaseUrl();
  const server = await startServer(
    {
      db,
      port: 0,
      host: '127.0.0.1',
      logLevel: 'silent',
      secureCookies: 'auto',
      trustProxy: false,
      shutdownTimeoutMs: 1000,
      demo: true,
      jobPollMs: 1000,
    },
    {},
    // No scheduled tick while the tests run: a drift schedule falls due at once, and a tick between
    // adding one and listing it would run a check on the server that its local twin never ran.
    { readObservation, scheduleTickMs: 24 * 3_600_000 },
  );
  process.env.CAIRN_TOKEN = (await server.services.auth.createToken({ name: 'cli', role, createdBy: 'test' })).token;
  return {
    server,
    db,
    async close() {
      delete process.env.CAIRN_TOKEN;
      await server.close();
      await harness.cleanup();
    },
  };
}
