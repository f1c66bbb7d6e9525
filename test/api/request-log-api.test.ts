import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../helpers/engines.js';
import { newApi, type ApiHarness } from './api-harness.js';

/** Each JSON line the server logged, parsed. */
class LogLines extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    for (const line of chunk.toString('utf8').split('\n')) if (line) this.lines.push(JSON.parse(line));
    done();
  }
  of(reqId: string) {
    return this.lines.filter((l) => l.reqId === reqId);
  }
}

const [harness] = engines();

/** Warnings the process gave while this file ran: building the server is among the first things it does. */
const warnings: string[] = [];
process.on('warning', (w: Error & { code?: string }) => warnings.push(`${w.code ?? w.name}: ${w.message}`));

describe('the access log', () => {
  let api: ApiHarness;
  const log = new LogLines();

  beforeAll(async () => {
    api = await newApi(harness!, { app: { logger: { level: 'info', stream: log } } });
  });
  afterAll(async () => {
    await api.close();
    await harness!.cleanup();
  });

  it('is built without a deprecation warning (the request logging is switched off as Fastify asks)', async () => {
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.filter((w) => w.startsWith('FSTDEP'))).toEqual([]);
  });

  it('writes one line per request, with the request, its status and its time', async () => {
    const res = await api.call('viewer', {
      method: 'GET',
      url: '/api/v1/cis/application/shop-frontend',
      headers: { 'x-request-id': 'log-one-line' },
    });
    expect(res.statusCode).toBe(200);
    const lines = log.of('log-one-line');
    expect(lines).toHaveLength(1);
    const [line] = lines as [Record<string, unknown>];
    expect(line.msg).toBe('request completed');
    expect(line.req).toMatchObject({ method: 'GET', url: '/api/v1/cis/application/shop-frontend' });
    expect(line.res).toEqual({ statusCode: 200 });
    expect(line.responseTime).toBeTypeOf('number');
  });

  it('logs refused requests too, with their status', async () => {
    const res = await api.call(null, {
      method: 'GET',
      url: '/api/v1/cis/application/shop-frontend',
      headers: { 'x-request-id': 'log-refused' },
    });
    expect(res.statusCode).toBe(401);
    const lines = log.of('log-refused');
    expect(lines.map((l) => [l.msg, (l.res as { statusCode: number }).statusCode])).toEqual([
      ['request completed', 401],
    ]);
  });
});
