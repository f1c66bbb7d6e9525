import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { buildApp } from '../../src/api/app.js';
import { createApiServices } from '../../src/api/services.js';
import { openStore } from '../../src/store/connect.js';

/**
 * `/healthz` latency while the server computes a large plan (issue 12, finding 10): a 100 000-CI
 * plan once kept the health check waiting 13.7 s. The server runs here, on SQLite; the client, in
 * a worker thread with its own event loop, sends the plan and asks `/healthz` every 20 ms until
 * the plan is answered, timing each answer. A figure, never a pass or fail.
 *   npm run build && node dist/bench/api/healthz-bench.js [CIs in the plan, default 100000]
 */
interface ClientInput {
  base: string;
  token: string;
  cis: number;
}

interface ClientResult {
  planMs: number;
  planStatus: number;
  healthLatencies: number[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function client({ base, token, cis }: ClientInput): Promise<ClientResult> {
  const body = JSON.stringify({
    cis: Array.from({ length: cis }, (_, i) => ({
      class: 'server',
      name: `plan-${i}`,
      attributes: { environment: 'production', cpu: 1 + (i % 8) },
    })),
  });
  const healthLatencies: number[] = [];
  let done = false;
  const t0 = performance.now();
  const plan = fetch(`${base}/api/v1/plan`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  }).then(async (res) => {
    await res.arrayBuffer();
    done = true;
    return { status: res.status, ms: performance.now() - t0 };
  });
  while (!done) {
    const t = performance.now();
    await (await fetch(`${base}/healthz`)).arrayBuffer();
    healthLatencies.push(performance.now() - t);
    await sleep(20);
  }
  const { status, ms } = await plan;
  return { planMs: ms, planStatus: status, healthLatencies };
}

const quantile = (xs: number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};

async function main(): Promise<void> {
  const cis = Number(process.argv[2] ?? 100_000);
  const dir = mkdtempSync(join(tmpdir(), 'cairn-healthz-bench-'));
  const store = await openStore(join(dir, 'cairn.db'));
  try {
    const s = await createApiServices(store);
    await s.cmdb.initialize('bench');
    await s.graphSync.load();
    const { token } = await s.auth.createToken({ name: 'bench', role: 'admin', createdBy: 'bench' });
    const app = await buildApp({ services: s, logger: false });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const result = await new Promise<ClientResult>((resolve, reject) => {
      const worker = new Worker(new URL(import.meta.url), { workerData: { base, token, cis } satisfies ClientInput });
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    delay.disable();
    const h = result.healthLatencies;
    const rows: [string, string][] = [
      ['CIs in the plan', String(cis)],
      ['plan status', String(result.planStatus)],
      ['plan answered after (ms)', result.planMs.toFixed(0)],
      ['/healthz answers during the plan', String(h.length)],
      ['/healthz p50 (ms)', quantile(h, 0.5).toFixed(1)],
      ['/healthz p95 (ms)', quantile(h, 0.95).toFixed(1)],
      ['/healthz max (ms)', Math.max(0, ...h).toFixed(1)],
      ["server's longest event-loop delay (ms)", (delay.max / 1e6).toFixed(0)],
    ];
    for (const [k, v] of rows) process.stdout.write(`${k.padEnd(40)} ${v}\n`);
    await app.close();
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMainThread) await main();
else parentPort!.postMessage(await client(workerData as ClientInput));
