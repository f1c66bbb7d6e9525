import { buildApp } from '../../src/api/app.js';
import { createApiServices } from '../../src/api/services.js';
import { bareRoute, loadUrl, type LoadResult } from '../api/load.js';
import type { BenchContext } from '../context.js';

/**
 * The HTTP API on the bench's estate: `GET /api/v1/cis/{class}/{name}` authenticated with an API
 * token, loaded by autocannon (10 connections, from another process) beside a bare Fastify route
 * answering the same bytes, measured in turn in the same run. Requests/s, p99, and the server's
 * CPU time per request, which is the fairer comparison on a busy machine.
 */
export async function apiCase(ctx: BenchContext, seconds: number): Promise<void> {
  ctx.log(`API: GET one CI beside a bare route, ${seconds} s each`);
  const services = await createApiServices(ctx.store);
  const { token } = await services.auth.createToken({
    name: `bench-${Date.now()}`,
    role: 'viewer',
    createdBy: 'bench',
  });
  const app = await buildApp({ services, logger: false });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const i = ctx.estate.sampleIndex(4, 0);
  const url = `${base}/api/v1/cis/${ctx.estate.classOf(i)}/${ctx.estate.nameOf(i)}`;
  const headers = { authorization: `Bearer ${token}` };
  try {
    const sample = await fetch(url, { headers });
    if (!sample.ok) throw new Error(`GET ${url} answered ${sample.status}`);
    const bare = await bareRoute(await sample.text());
    let api: LoadResult;
    let yardstick: LoadResult;
    try {
      await loadUrl(url, { seconds: 1, headers }); // warm-up: compiled code paths, cached statements
      api = await loadUrl(url, { seconds, headers });
      yardstick = await loadUrl(bare.url, { seconds, headers });
    } finally {
      await bare.app.close();
    }
    ctx.record('api.get.rps', api.rps, `p50 ${api.p50ms} ms; ${api.cpuUsPerRequest} µs of CPU per request`);
    ctx.record('api.get.p99', api.p99ms);
    ctx.record(
      'api.bare.rps',
      yardstick.rps,
      `p99 ${yardstick.p99ms} ms; ${yardstick.cpuUsPerRequest} µs of CPU per request`,
    );
    ctx.record('api.get.vs_bare', (100 * api.rps) / yardstick.rps);
    ctx.record('api.get.cpu_vs_bare', (100 * yardstick.cpuUsPerRequest) / api.cpuUsPerRequest);
  } finally {
    await app.close();
  }
}
