import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import type { ServicesStore } from '../../src/app/services.js';
import { createApiServices, type ApiServices } from '../../src/api/services.js';
import { verifyChain } from '../../src/core/audit/verify.js';
import { openStore } from '../../src/store/connect.js';
import { engines } from '../helpers/engines.js';
import { startReceiver, waitFor } from './receiver.js';
import type { FastifyInstance } from 'fastify';

const pg = engines().find((h) => h.engine === 'postgres');

/** Two `cairn serve` processes' worth of app and services on one PostgreSQL database, on real ports. */
describe.skipIf(!pg)('two servers on one PostgreSQL database', () => {
  const servers: { app: FastifyInstance; s: ApiServices; store: ServicesStore; url: string }[] = [];
  afterAll(async () => {
    for (const x of servers) {
      await x.s.jobs.stop();
      await x.app.close();
      await x.store.close();
    }
    await pg?.cleanup();
  });

  it('loses no update, forks no chain and delivers each webhook once', async () => {
    const dbUrl = await pg!.newDatabaseUrl();
    for (const name of ['a', 'b']) {
      const store = await openStore(dbUrl);
      const s = await createApiServices(store, { worker: name, pollIntervalMs: 20 });
      await s.cmdb.initialize('tester');
      await s.graphSync.load();
      const app = await buildApp({ services: s, logger: false });
      await app.listen({ port: 0, host: '127.0.0.1' });
      s.jobs.start();
      servers.push({ app, s, store, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` });
    }
    const [a, b] = servers as [(typeof servers)[0], (typeof servers)[0]];
    const { token } = await a.s.auth.createToken({ name: 'cm', role: 'admin', createdBy: 'test' });
    const call = async (
      base: string,
      method: string,
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: res.status, etag: res.headers.get('etag'), json: (await res.json()) as Record<string, unknown> };
    };

    const rx = await startReceiver();
    await call(b.url, 'POST', '/api/v1/webhooks', { url: rx.url, events: ['revision.created'] });
    const created = await call(a.url, 'PUT', '/api/v1/cis/software/counter', { attributes: { n: 0 } });
    expect(created.status).toBe(201);

    // Twenty read-modify-write increments, alternating servers, each retried on 412: none may be lost.
    const increment = async (i: number) => {
      const base = i % 2 === 0 ? a.url : b.url;
      for (;;) {
        const cur = await call(base, 'GET', '/api/v1/cis/software/counter');
        const n = (cur.json.attributes as { n: number }).n;
        const put = await call(
          base,
          'PUT',
          '/api/v1/cis/software/counter',
          { attributes: { n: n + 1 } },
          { 'if-match': cur.etag! },
        );
        if (put.status === 200) return;
        expect(put.status).toBe(412);
      }
    };
    await Promise.all(Array.from({ length: 20 }, (_, i) => increment(i)));
    // And plain applies racing on both servers.
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call(i % 2 ? a.url : b.url, 'POST', '/api/v1/apply', { cis: [{ class: 'software', name: `s-${i}` }] }),
      ),
    );

    const counter = await call(b.url, 'GET', '/api/v1/cis/software/counter');
    expect((counter.json.attributes as { n: number }).n).toBe(20);
    const verify = await call(a.url, 'GET', '/api/v1/audit/verify');
    expect(verify.json).toMatchObject({ ok: true, revisions: 32 });
    expect(await verifyChain(a.store)).toMatchObject({ ok: true });

    // Revisions 2..32 were written after the subscription: 31 events, each delivered exactly once.
    await waitFor(() => rx.received.length >= 31, 20_000);
    await new Promise((r) => setTimeout(r, 300));
    const revs = rx.received
      .map((r) => (JSON.parse(r.body) as { data: { revision: { rev: number } } }).data.revision.rev)
      .sort((x, y) => x - y);
    expect(revs).toEqual(Array.from({ length: 31 }, (_, i) => i + 2));
    expect(new Set(rx.received.map((r) => r.headers['cairn-delivery'])).size).toBe(31);

    // Each server's impact graph sees the other's writes.
    await call(a.url, 'POST', '/api/v1/apply', {
      cis: [{ class: 'software', name: 'lib' }],
      relations: [{ type: 'depends_on', from: 'software/s-1', to: 'software/lib' }],
    });
    const impact = await call(b.url, 'GET', '/api/v1/impact?ci=software/lib');
    expect(impact.json).toMatchObject({ count: 1, impacted: [{ ref: 'software/s-1' }] });
    await rx.close();
  }, 60_000);
});
