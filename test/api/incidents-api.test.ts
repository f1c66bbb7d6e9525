/* eslint-disable @typescript-eslint/no-unsafe-call -- response bodies are untyped JSON */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../helpers/engines.js';
import { newApi, problemOf, type ApiHarness } from './api-harness.js';
import { startReceiver, waitFor } from './receiver.js';

const harness = engines()[0]!;
const SERVICE = 'application/shop-frontend';
const OUTAGE = {
  service: SERVICE,
  title: 'Checkout returns 502',
  severity: 'major',
  startedAt: '2026-12-01T09:30:00Z',
};

describe('incidents over HTTP', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await newApi(harness);
    api.s.jobs.start();
  });
  afterAll(async () => {
    await api.close();
    await harness.cleanup();
  });

  it('records, shows, lists, updates, resolves and links incidents, publishing incident.* events', async () => {
    const rx = await startReceiver();
    await api.call('admin', {
      method: 'POST',
      url: '/api/v1/webhooks',
      payload: { url: rx.url, events: ['incident.*'] },
    });
    expect(
      problemOf(await api.call('viewer', { method: 'POST', url: '/api/v1/incidents', payload: OUTAGE })).status,
    ).toBe(403);
    const created = await api.call('implementer', { method: 'POST', url: '/api/v1/incidents', payload: OUTAGE });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect(created.json()).toMatchObject({ service: SERVICE, endedAt: null, recordedBy: 'token:t-implementer' });
    expect((await api.call('auditor', { url: `/api/v1/incidents/${id}` })).json()).toEqual(created.json());

    const patched = await api.call('change_manager', {
      method: 'PATCH',
      url: `/api/v1/incidents/${id}`,
      payload: { severity: 'critical', ticket: { system: 'jira', key: 'OPS-9' } },
    });
    expect(patched.json()).toMatchObject({ severity: 'critical', ticket: { system: 'jira', key: 'OPS-9', url: null } });

    // A change planned on the service is linked; the response names the cause.
    const change = await api.s.changes.create(
      {
        type: 'normal',
        title: 'Tune',
        description: 'd',
        justification: 'j',
        plan: { cis: [{ class: 'application', name: 'shop-frontend', attributes: { owner: 'web' } }] },
      },
      'alice',
    );
    const linked = await api.call('release_manager', {
      method: 'POST',
      url: `/api/v1/incidents/${id}/link`,
      payload: { change: change.ref },
    });
    expect(linked.json()).toMatchObject({ change: change.ref, deployment: null });
    expect(
      problemOf(
        await api.call('release_manager', {
          method: 'POST',
          url: `/api/v1/incidents/${id}/link`,
          payload: { deployment: 'dep_none' },
        }),
      ),
    ).toMatchObject({ status: 404, code: 'DEPLOYMENT_NOT_FOUND' });

    const resolved = await api.call('implementer', {
      method: 'POST',
      url: `/api/v1/incidents/${id}/resolve`,
      payload: { endedAt: '2026-12-01T11:00:00Z' },
    });
    expect(resolved.json().endedAt).toBe('2026-12-01T11:00:00.000Z');
    expect(
      problemOf(await api.call('implementer', { method: 'POST', url: `/api/v1/incidents/${id}/resolve`, payload: {} })),
    ).toMatchObject({ status: 409, code: 'INCIDENT_RESOLVED' });

    await api.call('implementer', {
      method: 'POST',
      url: '/api/v1/incidents',
      payload: { ...OUTAGE, startedAt: '2026-12-02T00:00:00Z' },
    });
    const open = (await api.call('viewer', { url: `/api/v1/incidents?service=${SERVICE}&open=true` })).json();
    expect(open).toMatchObject({ total: 1, items: [{ startedAt: '2026-12-02T00:00:00.000Z' }] });
    const byChange = (await api.call('viewer', { url: `/api/v1/incidents?change=${change.ref}` })).json();
    expect(byChange.items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect(problemOf(await api.call('viewer', { url: '/api/v1/incidents/INC-99' }))).toMatchObject({
      status: 404,
      code: 'INCIDENT_NOT_FOUND',
    });

    await waitFor(() => rx.received.length >= 4);
    const types = rx.received.map((r) => (JSON.parse(r.body) as { type: string }).type);
    expect(types).toEqual(['incident.recorded', 'incident.linked', 'incident.resolved', 'incident.recorded']);
    await rx.close();
  });

  it('takes a service desk’s posts with a service_desk token: the first records, the next update the same incident', async () => {
    const url = `/api/v1/incidents/inbound/servicenow?service=${encodeURIComponent('database/orders-db')}`;
    const ticket = {
      number: 'INC0010042',
      short_description: 'Orders DB unreachable',
      state: '2',
      priority: '1',
      opened_at: '2026-12-03 08:00:00',
    };
    const first = await api.call('service_desk', { method: 'POST', url, payload: ticket });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      created: true,
      incident: {
        service: 'database/orders-db',
        severity: 'critical',
        startedAt: '2026-12-03T08:00:00.000Z',
        endedAt: null,
      },
    });
    const resolved = await api.call('service_desk', {
      method: 'POST',
      url,
      payload: { ...ticket, state: '6', resolved_at: '2026-12-03 09:30:00' },
    });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({
      created: false,
      incident: { id: first.json().incident.id, endedAt: '2026-12-03T09:30:00.000Z' },
    });
    // The desk's token posts tickets and reads nothing; people cannot post as a desk.
    expect(problemOf(await api.call('service_desk', { url: '/api/v1/incidents' })).status).toBe(403);
    expect(problemOf(await api.call('implementer', { method: 'POST', url, payload: ticket })).status).toBe(403);
    expect(problemOf(await api.call(null, { method: 'POST', url, payload: ticket })).status).toBe(401);
    expect(
      problemOf(await api.call('service_desk', { method: 'POST', url: '/api/v1/incidents/inbound/otrs', payload: {} })),
    ).toMatchObject({ status: 404, code: 'INCIDENT_SYSTEM_UNKNOWN' });
    expect(
      problemOf(await api.call('service_desk', { method: 'POST', url, payload: { number: 'INC1' } })),
    ).toMatchObject({ status: 400, code: 'INCIDENT_PAYLOAD_INVALID', errors: [{ path: 'opened_at' }] });
  });

  it('refuses bad input naming the field', async () => {
    const post = (payload: object) => api.call('implementer', { method: 'POST', url: '/api/v1/incidents', payload });
    expect(problemOf(await post({ ...OUTAGE, severity: 'huge' }))).toMatchObject({
      status: 400,
      errors: [{ path: 'body.severity' }],
    });
    expect(problemOf(await post({ ...OUTAGE, startedAt: 'yesterday' }))).toMatchObject({
      status: 400,
      code: 'INCIDENT_INVALID',
      errors: [{ path: 'startedAt' }],
    });
    expect(problemOf(await post({ ...OUTAGE, service: 'application/nowhere' }))).toMatchObject({
      status: 404,
      code: 'CI_NOT_FOUND',
    });
  });
});
