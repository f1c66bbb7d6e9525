/* eslint-disable @typescript-eslint/no-unsafe-call -- response bodies are untyped JSON */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../helpers/engines.js';
import { newApi, problemOf, type ApiHarness } from './api-harness.js';
import { startReceiver, waitFor } from './receiver.js';

const harness = engines()[0]!;
const URL = '/api/v1/releases/application/shop-frontend';

describe('releases over HTTP', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await newApi(harness);
    api.s.jobs.start();
  });
  afterAll(async () => {
    await api.close();
    await harness.cleanup();
  });

  it('proposes, lists, shows and decides releases, publishing release.* events', async () => {
    const rx = await startReceiver();
    await api.call('admin', {
      method: 'POST',
      url: '/api/v1/webhooks',
      payload: { url: rx.url, events: ['release.*'] },
    });
    const body = {
      service: 'application/shop-frontend',
      version: '1.10.0',
      notes: 'Faster checkout.',
      artifacts: [{ name: 'image', digest: 'sha256:abc123', location: 'registry.example.com/shop:1.10.0' }],
    };
    expect(problemOf(await api.call('viewer', { method: 'POST', url: '/api/v1/releases', payload: body })).status).toBe(
      403,
    );
    const created = await api.call('requester', { method: 'POST', url: '/api/v1/releases', payload: body });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ state: 'proposed', requestedBy: 'token:t-requester', version: '1.10.0' });
    await api.call('requester', {
      method: 'POST',
      url: '/api/v1/releases',
      payload: { service: 'application/shop-frontend', version: '1.9.3' },
    });
    const list = (await api.call('viewer', { url: '/api/v1/releases?service=application/shop-frontend' })).json();
    expect(list.items.map((r: { version: string }) => r.version)).toEqual(['1.10.0', '1.9.3']);
    expect(list.total).toBe(2);
    expect((await api.call('auditor', { url: `${URL}/1.10.0` })).json().notes).toBe('Faster checkout.');

    expect(
      problemOf(await api.call('cab_member', { method: 'POST', url: `${URL}/1.10.0/approve`, payload: {} })).status,
    ).toBe(403);
    const approved = await api.call('release_manager', {
      method: 'POST',
      url: `${URL}/1.10.0/approve`,
      payload: { comment: 'ship it' },
    });
    expect(approved.json()).toMatchObject({ state: 'approved', decidedBy: 'token:t-release_manager' });
    expect(
      problemOf(await api.call('release_manager', { method: 'POST', url: `${URL}/1.9.3/reject`, payload: {} })),
    ).toMatchObject({ status: 400, code: 'RELEASE_REASON_REQUIRED' });
    expect(
      problemOf(await api.call('admin', { method: 'POST', url: `${URL}/1.10.0/reject`, payload: { comment: 'no' } })),
    ).toMatchObject({ status: 409, code: 'RELEASE_INVALID_TRANSITION' });

    await waitFor(() => rx.received.length >= 3);
    const types = rx.received.map((r) => (JSON.parse(r.body) as { type: string }).type);
    expect(types).toEqual(['release.created', 'release.created', 'release.approved']);
    await rx.close();
  });

  it('refuses what a careless or hostile caller sends, naming the problem', async () => {
    const post = (payload: Record<string, unknown>) =>
      api.call('requester', { method: 'POST', url: '/api/v1/releases', payload });
    expect(problemOf(await post({ service: 'application/shop-frontend', version: '01.0.0' }))).toMatchObject({
      status: 400,
      code: 'RELEASE_INVALID',
      errors: [{ path: 'version', message: expect.stringMatching(/semantic version/) }],
    });
    expect(problemOf(await post({ service: 'application/nowhere', version: '1.0.0' }))).toMatchObject({
      status: 404,
      code: 'CI_NOT_FOUND',
    });
    expect(problemOf(await post({ service: 'application/shop-frontend', version: '1.10.0' }))).toMatchObject({
      status: 409,
      code: 'RELEASE_EXISTS',
    });
    expect(problemOf(await post({ service: 'application/shop-frontend', version: '2.0.0', extra: 1 })).status).toBe(
      400,
    );
    expect(problemOf(await api.call('viewer', { url: `${URL}/3.0.0` }))).toMatchObject({
      status: 404,
      code: 'RELEASE_NOT_FOUND',
    });
    // A requester may not approve their own release, whatever their roles: an admin who requested it.
    await api.call('admin', {
      method: 'POST',
      url: '/api/v1/releases',
      payload: { service: 'application/shop-frontend', version: '2.0.0' },
    });
    expect(
      problemOf(await api.call('admin', { method: 'POST', url: `${URL}/2.0.0/approve`, payload: {} })),
    ).toMatchObject({ status: 403, code: 'RELEASE_SOD' });
  });
});
