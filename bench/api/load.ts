import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import Fastify, { type FastifyInstance } from 'fastify';

/** What one autocannon run against one URL measured. */
export interface LoadResult {
  rps: number;
  p50ms: number;
  p99ms: number;
  /**
   * CPU time of this process (user + system, every thread) per answered request: unlike req/s it
   * hardly depends on what else the machine is doing, so it compares fairly on a shared host.
   */
  cpuUsPerRequest: number;
}

const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

/**
 * Loads `url` with autocannon for `seconds` from a separate process, so that the load generator's
 * own CPU is not counted against the server (which runs in this process), and fails on any non-2xx.
 */
export async function loadUrl(
  url: string,
  options: { seconds: number; headers?: Record<string, string>; connections?: number },
): Promise<LoadResult> {
  const args = [AUTOCANNON, '-j', '-c', String(options.connections ?? 10), '-d', String(options.seconds)];
  for (const [k, v] of Object.entries(options.headers ?? {})) args.push('-H', `${k}=${v}`);
  const before = process.cpuUsage();
  const { stdout } = await promisify(execFile)(process.execPath, [...args, url], { maxBuffer: 64 * 2 ** 20 });
  const cpu = process.cpuUsage(before);
  const r = JSON.parse(stdout) as {
    errors: number;
    non2xx: number;
    latency: { p50: number; p99: number };
    requests: { average: number; total: number };
  };
  if (r.errors > 0 || r.non2xx > 0 || r.requests.total === 0)
    throw new Error(`${url}: ${r.errors} errors, ${r.non2xx} non-2xx answers of ${r.requests.total}`);
  return {
    rps: Math.round(r.requests.average),
    p50ms: r.latency.p50,
    p99ms: r.latency.p99,
    cpuUsPerRequest: Math.round((cpu.user + cpu.system) / r.requests.total),
  };
}

/** A bare Fastify route answering `body` (the bytes the real route answered), as the yardstick. */
export async function bareRoute(body: string): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify({ logger: false });
  app.get('/bare', async (_req, reply) => reply.type('application/json').send(body));
  app.put('/bare', async (_req, reply) => reply.type('application/json').send(body));
  return { app, url: `${await app.listen({ port: 0, host: '127.0.0.1' })}/bare` };
}
