import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../../src/api/app.js';
import { createApiServices } from '../../src/api/services.js';
import { openStore } from '../../src/store/connect.js';

/**
 * The API benchmark: requests/s, p95 and p99 latency of GET one CI, a filtered list and a write,
 * each beside a bare Fastify route answering the same bytes in the same run, on SQLite and (when
 * CAIRN_BENCH_PG_URL or CAIRN_TEST_PG_URL names a server) PostgreSQL.
 *   npm run build && node dist/bench/api/api-bench.js [seconds per case, default 5]
 */
export interface ApiBenchRow {
  engine: string;
  case: string;
  rps: number;
  p95ms: number;
  p99ms: number;
  bareRps: number;
  bareP95ms: number;
  ratio: number;
}

const CIS = 2000;

async function measure(
  url: string,
  setup: Partial<autocannon.Options>,
  seconds: number,
): Promise<{ rps: number; p95ms: number; p99ms: number }> {
  const latencies: number[] = [];
  let failed = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections: 10, duration: seconds, ...setup }, (err, res) =>
      err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(res),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 400) failed++;
      latencies.push(ms);
    });
  });
  if (failed > 0) throw new Error(`${url}: ${failed} requests failed`);
  latencies.sort((a, b) => a - b);
  return {
    rps: Math.round(result.requests.average),
    p95ms: Number((latencies[Math.floor(latencies.length * 0.95)] ?? 0).toFixed(2)),
    p99ms: Number((latencies[Math.floor(latencies.length * 0.99)] ?? 0).toFixed(2)),
  };
}

async function bare(body: string): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify({ logger: false });
  app.get('/bare', async (_req, reply) => reply.type('application/json').send(body));
  app.put('/bare', async (_req, reply) => reply.type('application/json').send(body));
  return { app, url: await app.listen({ port: 0, host: '127.0.0.1' }) };
}

async function benchEngine(engine: string, dbUrl: string, seconds: number): Promise<ApiBenchRow[]> {
  const store = await openStore(dbUrl);
  const s = await createApiServices(store);
  await s.cmdb.initialize('bench');
  const cis = Array.from({ length: CIS }, (_, i) => ({
    class: 'software',
    name: `pkg-${i}`,
    attributes: { version: `${i % 7}.0`, tier: i % 10 === 0 ? 'gold' : 'bronze' },
    labels: { team: `t${i % 20}` },
  }));
  await s.cmdb.apply({ cis, relations: [] }, { author: 'bench', message: 'estate', source: 'bench' });
  await s.graphSync.load();
  const { token } = await s.auth.createToken({ name: 'bench', role: 'admin', createdBy: 'bench' });
  const app = await buildApp({ services: s, logger: false });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const rows: ApiBenchRow[] = [];
  let n = 0;
  const cases: { name: string; path: string; opts: Partial<autocannon.Options> }[] = [
    { name: 'GET one CI', path: '/api/v1/cis/software/pkg-42', opts: { headers } },
    {
      name: 'list, filtered (label, 100)',
      path: '/api/v1/cis?class=software&label=team=t3&limit=100',
      opts: { headers },
    },
    {
      name: 'write (PUT one CI)',
      path: '/api/v1/cis/software/w',
      opts: {
        method: 'PUT',
        headers,
        requests: [
          {
            setupRequest: (req: autocannon.Request) => ({
              ...req,
              path: `/api/v1/cis/software/w-${++n}`,
              body: JSON.stringify({ attributes: { version: String(n) } }),
            }),
          },
        ],
      },
    },
  ];
  for (const c of cases) {
    const sample = await fetch(`${base}${c.path.replace('/w', '/pkg-1')}`, {
      method: c.opts.method === 'PUT' ? 'PUT' : 'GET',
      headers,
      body: c.opts.method === 'PUT' ? '{"attributes":{"version":"x"}}' : undefined,
    });
    const baseline = await bare(await sample.text());
    const api = await measure(`${base}${c.path}`, c.opts, seconds);
    const b = await measure(
      `${baseline.url}/bare`,
      c.opts.method === 'PUT' ? { method: 'PUT', headers, body: '{}' } : { headers },
      seconds,
    );
    await baseline.app.close();
    rows.push({
      engine,
      case: c.name,
      rps: api.rps,
      p95ms: api.p95ms,
      p99ms: api.p99ms,
      bareRps: b.rps,
      bareP95ms: b.p95ms,
      ratio: Number((api.rps / b.rps).toFixed(2)),
    });
  }
  await app.close();
  await store.close();
  return rows;
}

export async function runApiBench(seconds = 5): Promise<ApiBenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-api-bench-'));
  const rows: ApiBenchRow[] = [];
  try {
    rows.push(...(await benchEngine('sqlite', join(dir, 'bench.db'), seconds)));
    const pgUrl = process.env.CAIRN_BENCH_PG_URL ?? process.env.CAIRN_TEST_PG_URL;
    if (pgUrl) rows.push(...(await benchEngine('postgres', await freshPgDatabase(pgUrl), seconds)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

async function freshPgDatabase(admin: string): Promise<string> {
  const name = `cairn_api_bench_${Date.now()}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`create database ${name}`);
  await c.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await runApiBench(Number(process.argv[2] ?? 5));
  console.table(rows);
}
