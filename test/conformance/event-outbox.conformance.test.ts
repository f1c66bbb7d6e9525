import { afterAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/app/services.js';
import { appendRevision, nextRevision } from '../../src/core/cmdb/persist-revision.js';
import { systemClock } from '../../src/core/shared/clock.js';
import { ulidIds } from '../../src/core/shared/ids.js';
import type { KyselyCmdbStore } from '../../src/store/connect.js';
import { openStore } from '../../src/store/connect.js';
import { storeRepositories } from '../../src/store/store-repositories.js';
import { startReceiver, waitFor } from '../api/receiver.js';
import { engines } from '../helpers/engines.js';
import { makeCi, meta } from '../helpers/fixtures.js';
import { changeDoc, changeWorld, cpu } from './change.harness.js';

/** The outbox's pending entries, as type and the revision or change they name. */
async function pending(store: KyselyCmdbStore): Promise<string[]> {
  const entries = await storeRepositories(store, { clock: systemClock, ids: ulidIds() }).outbox().pending(1000);
  return entries.map((e) => {
    const d = e.data as { rev?: number; change?: { id: string; state: string } };
    return d.rev !== undefined ? `${e.type} ${d.rev}` : d.change ? `${e.type} ${d.change.state}` : e.type;
  });
}

/** Services whose relay is stopped: what a process that dies right after its commits leaves behind. */
async function stoppedServices(store: KyselyCmdbStore): Promise<Services> {
  const s = await createServices(store, { runsJobs: false });
  await s.events.stop();
  return s;
}

for (const harness of engines()) {
  describe(`the transactional outbox on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it('records each event in the transaction of its write, and none for a write that rolls back', async () => {
      const store = await harness.newStore();
      await changeWorld(store);
      const s = await stoppedServices(store);
      const before = await pending(store);
      expect(before.every((e) => e.startsWith('revision.created'))).toBe(true);
      const head = (await store.head())!.rev;

      // A revision appended, then the transaction fails before its commit: neither stays.
      await expect(
        store.write(async (tx) => {
          await appendRevision(tx, await nextRevision(tx), meta('doomed'), systemClock, {
            cis: [],
            relations: [],
            model: [],
          });
          throw new Error('the process died before the commit');
        }),
      ).rejects.toThrow('died');
      expect((await store.head())!.rev).toBe(head);
      expect(await pending(store)).toEqual(before);

      // A CMDB write, a change step and a drift check each leave their events, committed with them.
      await s.cmdb.apply({ cis: [makeCi({ name: 'web-09' })] }, meta('add web-09'));
      const c = await s.changes.create(changeDoc(cpu(16)), 'alice');
      await s.changes.submit(c.ref, 'alice');
      await s.drift.check({
        observed: {
          relations: [],
          cis: [makeCi({ name: 'web-09', attributes: { environment: 'production', cpu: 64 } })],
        },
        source: 'scan',
        format: 'cairn',
        author: 'tester',
      });
      expect((await pending(store)).slice(before.length)).toEqual([
        `revision.created ${head + 1}`,
        'change.transitioned submitted',
        'drift.detected',
      ]);

      // A change step refused inside its transaction records nothing.
      await expect(s.changes.submit(c.ref, 'alice')).rejects.toThrow();
      expect(await pending(store)).toHaveLength(before.length + 3);
    });

    it('leaves a committed write’s event pending while no relay runs, and a restarted one delivers it once', async () => {
      const url = await harness.newDatabaseUrl();
      const store = await openStore(url);
      const rx = await startReceiver();
      try {
        const crashed = await stoppedServices(store);
        await crashed.webhooks.create({ url: rx.url, events: ['revision.created'] }, 'tester');
        await crashed.cmdb.initialize('tester');
        const written = await crashed.cmdb.apply({ cis: [makeCi({ name: 'web-01' })] }, meta('add web-01'));
        const rev = written.revision!.rev;
        expect(await pending(store)).toContain(`revision.created ${rev}`);
        expect(await crashed.queue.counts()).toEqual({});

        // The restarted process (two of them, on PostgreSQL, racing on their own connections).
        const other = harness.engine === 'postgres' ? await openStore(url) : store;
        const restarted = [await createServices(store), await createServices(other)];
        const relayed = await Promise.all(restarted.map((r) => r.events.relay()));
        // Revisions 1 and 2, each relayed by exactly one of them.
        expect(relayed.reduce((a, b) => a + b, 0)).toBe(2);
        expect(await pending(store)).toEqual([]);
        await restarted[0]!.jobs.poll();
        await waitFor(() => rx.received.length >= 2);
        await Promise.all(restarted.map((r) => r.jobs.drain()));
        const bodies = rx.received.map(
          (r) => JSON.parse(r.body) as { type: string; data: { revision: { rev: number } } },
        );
        // Two relays queued them, so the jobs may run in either order: each arrives once.
        const got = bodies.map((b) => [b.type, b.data.revision.rev]).sort((x, y) => Number(x[1]) - Number(y[1]));
        expect(got).toEqual([
          ['revision.created', 1],
          ['revision.created', rev],
        ]);
        if (other !== store) await other.close();
      } finally {
        await rx.close();
        await store.close();
      }
    });
  });
}
