import type { Command } from 'commander';
import { ConfigError, loadServerConfig } from '../../config.js';
import { closeOnSignals, startServer } from '../../api/server.js';
import { CliUsageError } from '../output.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API (OpenAPI at /api/openapi.json, docs at /api/docs)')
    .option('--port <port>', 'port to listen on (env CAIRN_PORT; default 4000)')
    .option('--host <host>', 'address to listen on (env CAIRN_HOST; default 127.0.0.1)')
    .option('--config <file>', 'a YAML or JSON settings file (env CAIRN_CONFIG)')
    .option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent (env CAIRN_LOG_LEVEL)')
    .option('--demo', 'load a sample estate if the database is empty')
    .action(async (opts: { port?: string; host?: string; config?: string; logLevel?: string; demo?: boolean }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<{ db?: string }>();
      let config;
      try {
        config = loadServerConfig({ db: globals.db, port: opts.port, host: opts.host, logLevel: opts.logLevel, demo: opts.demo, config: opts.config });
      } catch (e) {
        if (e instanceof ConfigError) throw new CliUsageError(e.message);
        throw e;
      }
      const server = await startServer(config);
      closeOnSignals(server, config.shutdownTimeoutMs);
      await new Promise<void>((resolve) => server.app.server.once('close', () => resolve()));
    });
}
