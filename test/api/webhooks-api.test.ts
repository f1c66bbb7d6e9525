/* eslint-disable @typescript-eslint/no-unsafe-call -- response bodies are untyped JSON */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../../src/core/events/signing.js';
import { engines } from '../helpers/engines.js';
import { newApi, problemOf, type ApiHarness } from './api-harness.js';
import { startReceiver, waitFor } from './receiver.js';

for (const harness of engines()) {
  describe(`webhooks on ${harness.engine}`, () => {
    let api: ApiHarness;
    let offset = 0;
    beforeAll(async () => {
      api = await newApi(harness, { services: { clock: { now: () => new Date(Date.now() + offset) } } });
      api.s.jobs.start();
    });
    afterAll(async () => {
      await api.close();
      await harness.cleanup();
    });

    it('delivers a signed revision.created event with its diff', async () => {
      const rx = await startReceiver();
      const created = await api.call('admin', {
        method: 'POST',
        url: '/api/v1/webhooks',
        payload: { url: rx.url, events: ['revision.*'], description: 'test' },
      });
      expect(created.statusCode).toBe(201);
      const { id, secret } = created.json();
      await api.call('configuration_manager', {
        method: 'PUT',
        url: '/api/v1/cis/software/hooked',
        payload: { attributes: { version: '1' } },
      });
      await waitFor(() => rx.received.length === 1);
      const got = rx.received[0]!;
      expect(
        verifySignature(got.headers['cairn-signature'] as string, got.body, secret, Math.floor(Date.now() / 1000)),
      ).toBe(true);
      expect(
        verifySignature(got.headers['cairn-signature'] as string, got.body, 'wrong', Math.floor(Date.now() / 1000)),
      ).toBe(false);
      const event = JSON.parse(got.body);
      expect(event).toMatchObject({
        type: 'revision.created',
        data: {
          revision: { author: 'token:t-configuration_manager' },
          diff: { added: [{ ref: 'software/hooked' }] },
          truncated: false,
        },
      });
      await waitFor(
        async () => (await api.call('admin', { url: `/api/v1/webhooks/${id}/deliveries` })).json().items.length === 1,
      );
      const log = (await api.call('admin', { url: `/api/v1/webhooks/${id}/deliveries` })).json().items;
      expect(log[0]).toMatchObject({
        status: 'succeeded',
        responseStatus: 200,
        responseBody: 'thanks',
        attempt: 1,
        eventType: 'revision.created',
      });

      const replay = await api.call('admin', { method: 'POST', url: `/api/v1/webhook-deliveries/${log[0].id}/replay` });
      expect(replay.statusCode).toBe(202);
      await waitFor(() => rx.received.length === 2);
      expect(JSON.parse(rx.received[1]!.body).id).toBe(event.id);
      expect(
        problemOf(await api.call('admin', { method: 'POST', url: '/api/v1/webhook-deliveries/dlv_none/replay' }))
          .status,
      ).toBe(404);
      await api.call('admin', { method: 'DELETE', url: `/api/v1/webhooks/${id}` });
      await rx.close();
    });

    it('retries a failed delivery with backoff, logging every attempt', async () => {
      const rx = await startReceiver((n) => (n === 1 ? 500 : 204));
      const { id } = (
        await api.call('admin', { method: 'POST', url: '/api/v1/webhooks', payload: { url: rx.url } })
      ).json();
      expect((await api.call('admin', { method: 'POST', url: `/api/v1/webhooks/${id}/ping` })).statusCode).toBe(202);
      await waitFor(() => rx.received.length === 1);
      await waitFor(
        async () => (await api.call('admin', { url: `/api/v1/webhooks/${id}/deliveries` })).json().items.length === 1,
      );
      const [failed] = (await api.call('admin', { url: `/api/v1/webhooks/${id}/deliveries` })).json().items;
      expect(failed).toMatchObject({ status: 'retrying', responseStatus: 500, error: 'the receiver answered 500' });
      expect(Date.parse(failed.nextAttemptAt) - Date.parse(failed.at)).toBeGreaterThan(20_000);
      offset += 60_000; // the retry falls due
      await waitFor(() => rx.received.length === 2);
      await waitFor(
        async () => (await api.call('admin', { url: `/api/v1/webhooks/${id}/deliveries` })).json().items.length === 2,
      );
      const [ok] = (await api.call('admin', { url: `/api/v1/webhooks/${id}/deliveries` })).json().items;
      expect(ok).toMatchObject({ status: 'succeeded', attempt: 2, responseStatus: 204 });
      await rx.close();
    });

    it('manages subscriptions with validation and 404s', async () => {
      expect(
        problemOf(await api.call('admin', { method: 'POST', url: '/api/v1/webhooks', payload: { url: 'ftp://x' } }))
          .errors![0]!.path,
      ).toBe('url');
      expect(
        problemOf(
          await api.call('admin', {
            method: 'POST',
            url: '/api/v1/webhooks',
            payload: { url: 'http://x', events: ['nope'] },
          }),
        ).code,
      ).toBe('INVALID_WEBHOOK');
      const { id } = (
        await api.call('admin', {
          method: 'POST',
          url: '/api/v1/webhooks',
          payload: { url: 'http://127.0.0.1:9/x', events: ['change.*'] },
        })
      ).json();
      expect(
        (await api.call('admin', { method: 'PATCH', url: `/api/v1/webhooks/${id}`, payload: { active: false } })).json()
          .active,
      ).toBe(false);
      expect((await api.call('admin', { url: `/api/v1/webhooks/${id}` })).json()).not.toHaveProperty('secret');
      const page = (await api.call('admin', { url: '/api/v1/webhooks' })).json();
      expect(page.items.some((w: { id: string }) => w.id === id)).toBe(true);
      expect(page.items.every((w: object) => !('secret' in w))).toBe(true);
      expect(page.total).toBe(page.items.length);
      expect((await api.call('admin', { method: 'DELETE', url: `/api/v1/webhooks/${id}` })).statusCode).toBe(204);
      expect(problemOf(await api.call('admin', { url: `/api/v1/webhooks/${id}` })).code).toBe('WEBHOOK_NOT_FOUND');
      expect(problemOf(await api.call('admin', { method: 'DELETE', url: `/api/v1/webhooks/${id}` })).status).toBe(404);
    });
  });
}
