/* eslint-disable @typescript-eslint/no-unsafe-call -- response bodies are untyped JSON */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../helpers/engines.js';
import { newApi, problemOf, type ApiHarness } from './api-harness.js';
import { startReceiver, waitFor } from './receiver.js';

const harness = engines()[0]!;
const SERVICE = 'application/shop-frontend';
const URL = `/api/v1/releases/${SERVICE}`;

describe('promotion, deployments and the pipeline gate over HTTP', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await newApi(harness);
    api.s.jobs.start();
    for (const version of ['1.0.0', '1.1.0']) {
      await api.s.releases.create(SERVICE, version, {}, 'alice');
      await api.s.releases.approve(SERVICE, version, 'rita');
    }
  });
  afterAll(async () => {
    await api.close();
    await harness.cleanup();
  });

  it('lets a pipeline token check and report, and nothing else; a deny answers 200 with the reasons', async () => {
    const check = (payload: object) => api.call('pipeline', { method: 'POST', url: '/api/v1/gates/check', payload });
    const denied = await check({ service: SERVICE, environment: 'test', release: '1.0.0' });
    expect(denied.statusCode, denied.body).toBe(200);
    expect(denied.json()).toMatchObject({
      decision: 'deny',
      reasons: ['previous: application/shop-frontend 1.0.0 has not been deployed and verified in development'],
    });
    const started = await check({
      service: SERVICE,
      environment: 'development',
      release: '1.0.0',
      start: true,
      pipeline: 'ci#7',
    });
    expect(started.json()).toMatchObject({
      decision: 'allow',
      deployment: { state: 'running', by: 'token:t-pipeline', pipeline: 'ci#7' },
    });
    const reported = await api.call('pipeline', {
      method: 'POST',
      url: '/api/v1/gates/report',
      payload: { service: SERVICE, environment: 'development', release: '1.0.0', result: 'success' },
    });
    expect(reported.statusCode, reported.body).toBe(200);
    expect(reported.json()).toMatchObject({ state: 'succeeded', id: started.json().deployment.id });
    expect(
      problemOf(
        await api.call('pipeline', { method: 'POST', url: '/api/v1/gates/report', payload: { result: 'success' } }),
      ),
    ).toMatchObject({ status: 400, code: 'GATE_REPORT_INVALID' });
    for (const url of ['/api/v1/cis', '/api/v1/releases', '/api/v1/deployments'])
      expect(problemOf(await api.call('pipeline', { url })).status).toBe(403);
    expect(
      problemOf(
        await api.call('pipeline', { method: 'POST', url: `${URL}/1.0.0/promote`, payload: { environment: 'test' } }),
      ).status,
    ).toBe(403);
    expect(
      problemOf(await api.call('viewer', { method: 'POST', url: '/api/v1/gates/check', payload: {} })).status,
    ).toBe(403);
  });

  it('promotes, lists and rolls back; refuses a denied promotion with each gate as a field error', async () => {
    const rx = await startReceiver();
    await api.call('admin', {
      method: 'POST',
      url: '/api/v1/webhooks',
      payload: { url: rx.url, events: ['deployment.*'] },
    });
    const denied = problemOf(
      await api.call('release_manager', {
        method: 'POST',
        url: `${URL}/1.1.0/promote`,
        payload: { environment: 'test' },
      }),
    );
    expect(denied).toMatchObject({
      status: 409,
      code: 'PROMOTION_DENIED',
      errors: [
        {
          path: 'previous',
          message: 'application/shop-frontend 1.1.0 has not been deployed and verified in development',
        },
      ],
    });
    for (const v of ['1.0.0', '1.1.0']) {
      const env = v === '1.0.0' ? 'test' : 'development';
      const res = await api.call('release_manager', {
        method: 'POST',
        url: `${URL}/${v}/promote`,
        payload: { environment: env },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    await api.call('release_manager', {
      method: 'POST',
      url: `${URL}/1.1.0/promote`,
      payload: { environment: 'test' },
    });
    const gates = (await api.call('viewer', { url: `${URL}/1.1.0/gates?environment=staging` })).json();
    expect(gates).toMatchObject({ decision: 'allow', environment: 'staging' });
    expect(
      problemOf(
        await api.call('implementer', {
          method: 'POST',
          url: '/api/v1/deployments/rollback',
          payload: { service: SERVICE, environment: 'test', emergency: 'now' },
        }),
      ),
    ).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    const back = await api.call('implementer', {
      method: 'POST',
      url: '/api/v1/deployments/rollback',
      payload: { service: SERVICE, environment: 'test' },
    });
    expect(back.statusCode, back.body).toBe(201);
    expect(back.json()).toMatchObject({
      kind: 'rollback',
      version: '1.0.0',
      rollbackOf: '1.1.0',
      by: 'token:t-implementer',
    });
    const list = (await api.call('auditor', { url: `/api/v1/deployments?service=${SERVICE}&environment=test` })).json();
    expect(list.items.map((d: { version: string; kind: string }) => `${d.kind} ${d.version}`)).toEqual([
      'rollback 1.0.0',
      'promotion 1.1.0',
      'promotion 1.0.0',
    ]);
    expect((await api.call('viewer', { url: `/api/v1/deployments/${back.json().id}` })).json().state).toBe('succeeded');
    expect(problemOf(await api.call('viewer', { url: '/api/v1/deployments/dep_none' })).code).toBe(
      'DEPLOYMENT_NOT_FOUND',
    );
    const typeOf = (r: { body: string }) => (JSON.parse(r.body) as { type: string }).type;
    await waitFor(() => rx.received.filter((r) => typeOf(r) === 'deployment.succeeded').length >= 4);
    const types = new Set(rx.received.map(typeOf));
    expect([...types].sort()).toEqual(['deployment.started', 'deployment.succeeded']);
    await rx.close();
  });
});
