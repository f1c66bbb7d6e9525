import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/api/server.js';
import { createServices } from '../../src/app/services.js';
import { openStore } from '../../src/store/connect.js';
import { engines } from '../helpers/engines.js';
import { makeCi, meta } from '../helpers/fixtures.js';
import { startReceiver, waitFor } from './receiver.js';

for (const harness of engines()) {
  describe(`cairn serve and the outbox on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it('delivers, once started, the events a process left pending when it died after its commit', async () => {
      const db = await harness.newDatabaseUrl();
      const rx = await startReceiver();
      // The process that died: its writes committed, its relay never ran.
      const store = await openStore(db);
      const dead = await createServices(store, { runsJobs: false });
      await dead.events.stop();
      await dead.webhooks.create({ url: rx.url, events: ['revision.created'] }, 'tester');
      await dead.cmdb.initialize('tester');
      const { revision } = await dead.cmdb.apply({ cis: [makeCi({ name: 'web-01' })] }, meta('add web-01'));
      await store.close();
      expect(rx.received).toEqual([]);

      const server = await startServer({
        db,
        port: 0,
        host: '127.0.0.1',
        logLevel: 'silent',
        secureCookies: 'auto',
        trustProxy: false,
        shutdownTimeoutMs: 1000,
        demo: false,
        jobPollMs: 50,
      });
      try {
        await waitFor(() => rx.received.length >= 2);
        const revs = rx.received.map((r) => (JSON.parse(r.body) as { data: { revision: { rev: number } } }).data);
        expect(revs.map((d) => d.revision.rev).sort()).toEqual([1, revision!.rev]);
      } finally {
        await server.close();
        await rx.close();
      }
    });
  });
}
