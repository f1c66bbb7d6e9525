import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../src/app/services.js';
import type { ChangeActivity } from '../../src/core/change/change-listeners.js';
import { openStore } from '../../src/store/connect.js';
import { engines } from '../helpers/engines.js';
import { authorized, changeDoc, changeWorld, cpu } from '../conformance/change.harness.js';
import { newApi, type ApiHarness } from './api-harness.js';
import { startReceiver, waitFor } from './receiver.js';

for (const harness of engines()) {
  describe(`change events on ${harness.engine}`, () => {
    let api: ApiHarness;
    let dbUrl: string;
    beforeAll(async () => {
      dbUrl = await harness.newDatabaseUrl();
      // The server: its own store on the database, its job runner polling the queue.
      api = await newApi({ ...harness, newStore: () => openStore(dbUrl) }, { estate: false });
      api.s.jobs.start();
    });
    afterAll(async () => {
      await api.close();
      await api.store.close();
      await harness.cleanup();
    });

    it('tells listeners of every transition and approval, after commit', async () => {
      const store = await openStore(dbUrl);
      try {
        const w = await changeWorld(store);
        const seen: ChangeActivity[] = [];
        w.changes.onActivity((a) => seen.push(a));
        const ref = await authorized(w);
        const moves = seen.flatMap((a) => a.transitions.map((t) => `${t.from}->${t.to}`));
        expect(moves).toEqual(['draft->submitted', 'submitted->authorized']);
        expect(seen.flatMap((a) => a.decisions.map((d) => d.by))).toEqual(['carol', 'frank']);
        expect(seen.every((a) => a.change.ref === ref)).toBe(true);
        // A refused step tells no one.
        const before = seen.length;
        await expect(w.changes.approve(ref, 'carol')).rejects.toThrow();
        expect(seen.length).toBe(before);
      } finally {
        await store.close();
      }
    });

    it("delivers, through the server's queue, the events of an approval made by a CLI process", async () => {
      const rx = await startReceiver();
      await api.call('admin', {
        method: 'POST',
        url: '/api/v1/webhooks',
        payload: { url: rx.url, events: ['change.*'] },
      });
      // The CLI: another connection to the database, no job runner, events queued into the database.
      const store = await openStore(dbUrl);
      await changeWorld(store);
      const w = await createServices(store, { runsJobs: false });
      const c = await w.changes.create(changeDoc(cpu(16)), 'alice');
      await w.changes.submit(c.ref, 'alice');
      await w.changes.approve(c.ref, 'carol', { comment: 'fine' });
      await w.changes.approve(c.ref, 'frank');
      await w.events.flush();
      await store.close();

      // submit, carol's approval, frank's approval and the authorization it completed.
      await waitFor(() => rx.received.length === 4);
      await new Promise((r) => setTimeout(r, 200));
      type Got = {
        id: string;
        at: string;
        type: string;
        data: { change: { id: string; state: string }; approval: { approver: string } };
      };
      const got = rx.received
        .map((r) => JSON.parse(r.body) as Got)
        .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
      expect(got.map((e) => e.type).sort()).toEqual([
        'change.approved',
        'change.approved',
        'change.transitioned',
        'change.transitioned',
      ]);
      const approved = got.filter((e) => e.type === 'change.approved');
      expect(approved.map((e) => e.data.approval.approver).sort()).toEqual(['carol', 'frank']);
      expect(approved.find((e) => e.data.approval.approver === 'carol')!.data).toMatchObject({
        change: { id: c.ref, state: 'submitted' },
        approval: { decision: 'approve', group: 'cab', comment: 'fine' },
      });
      const authorizedEvent = got.find((e) => e.type === 'change.transitioned' && e.data.change.state === 'authorized');
      expect(authorizedEvent!.data).toMatchObject({
        change: { id: c.ref, previousState: 'submitted', planHash: expect.any(String) },
        actor: 'frank',
        transition: { event: 'authorize', from: 'submitted', to: 'authorized' },
      });
      expect(new Set(rx.received.map((r) => r.headers['cairn-delivery'])).size).toBe(4);
      await rx.close();
    });

    it('publishes a transition made through the API exactly once', async () => {
      const rx = await startReceiver();
      const { id } = (
        await api.call('admin', {
          method: 'POST',
          url: '/api/v1/webhooks',
          payload: { url: rx.url, events: ['change.transitioned'] },
        })
      ).json();
      const created = await api.call('requester', {
        method: 'POST',
        url: '/api/v1/changes',
        payload: changeDoc(cpu(2)),
      });
      const ref = created.json().ref as string;
      expect(
        (await api.call('requester', { method: 'POST', url: `/api/v1/changes/${ref}/submit`, payload: {} })).statusCode,
      ).toBe(200);
      await waitFor(() => rx.received.length >= 1);
      await new Promise((r) => setTimeout(r, 300));
      expect(rx.received.length).toBe(1);
      expect(JSON.parse(rx.received[0]!.body).data).toMatchObject({
        change: { id: ref, state: 'submitted', previousState: 'draft' },
        actor: 'token:t-requester',
      });
      await api.call('admin', { method: 'DELETE', url: `/api/v1/webhooks/${id}` });
      await rx.close();
    });
  });
}
