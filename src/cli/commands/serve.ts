import type { Command } from 'commander';
import { ConfigError, loadServerConfig } from '../../config.js';
import type { DemoLogin } from '../../contracts/ui.contracts.js';
import { CliUsageError } from '../output.js';
import { readObservation } from './drift-output.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API (OpenAPI at /api/openapi.json, docs at /api/docs)')
    .option('--port <port>', 'port to listen on (env CAIRN_PORT; default 4000)')
    .option('--host <host>', 'address to listen on (env CAIRN_HOST; default 127.0.0.1)')
    .option('--config <file>', 'a YAML or JSON settings file (env CAIRN_CONFIG)')
    .option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent (env CAIRN_LOG_LEVEL)')
    .option('--demo', 'load a sample estate if the database is empty')
    .action(
      async (
        opts: { port?: string; host?: string; config?: string; logLevel?: string; demo?: boolean },
        cmd: Command,
      ) => {
        const globals = cmd.optsWithGlobals<{ db?: string }>();
        let config;
        try {
          config = loadServerConfig({
            db: globals.db,
            port: opts.port,
            host: opts.host,
            logLevel: opts.logLevel,
            demo: opts.demo,
            config: opts.config,
          });
        } catch (e) {
          if (e instanceof ConfigError) throw new CliUsageError(e.message);
          throw e;
        }
        // Before the server's code is loaded and run: what V8 decides about its literals lasts.
        (await import('../../app/serving-runtime.js')).tuneRuntimeForServing();
        const { DEMO_LOGINS, DEMO_PASSWORD } = await import('../../api/demo-estate.js');
        const { closeOnSignals, startServer } = await import('../../api/server.js');
        // Scheduled drift checks read their observation files as `cairn drift check` does.
        const server = await startServer(config, config.demo ? { webUi: { demoLogins: DEMO_LOGINS } } : {}, {
          readObservation,
        });
        process.stderr.write(
          howToLogIn(server.url, config.demo ? { logins: DEMO_LOGINS, password: DEMO_PASSWORD } : undefined),
        );
        closeOnSignals(server, config.shutdownTimeoutMs);
        await new Promise<void>((resolve) => server.app.server.once('close', () => resolve()));
      },
    );
}

/** What a person needs to start: where to point the browser, and who to log in as. */
function howToLogIn(url: string, demo: { logins: DemoLogin[]; password: string } | undefined): string {
  const who = demo
    ? `Demo logins, password ${demo.password}: ${demo.logins.map((l) => `${l.username} (${l.roles.join(', ').replace(/_/g, ' ')})`).join(', ')}.`
    : 'Log in as admin with the password `cairn init` printed (admins add users with POST /api/v1/users).';
  return `\nCairn web UI: ${url}  (API docs: ${url}/api/docs)\n${who}\n\n`;
}
