/* eslint-disable @typescript-eslint/no-unsafe-call -- response bodies are untyped JSON */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../helpers/engines.js';
import { newApi, problemOf, type ApiHarness } from './api-harness.js';
import { startReceiver, waitFor } from './receiver.js';

const harness = engines()[0]!;

describe('change workflow over HTTP', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await newApi(harness);
    api.s.jobs.start();
  });
  afterAll(async () => {
    await api.close();
    await harness.cleanup();
  });

  it('creates, shows, lists and submits a change, publishing the transition', async () => {
    const rx = await startReceiver();
    await api.call('admin', {
      method: 'POST',
      url: '/api/v1/webhooks',
      payload: { url: rx.url, events: ['change.*'] },
    });
    const doc = {
      type: 'normal',
      title: 'Upgrade orders-db to PostgreSQL 16.4',
      description: 'Minor upgrade',
      justification: 'Security fixes',
      backout_plan: 'Restore the snapshot',
      window: { start: '2030-12-01T22:00:00Z', end: '2030-12-01T23:00:00Z' },
      plan: { cis: [{ class: 'database', name: 'orders-db', attributes: { version: '16.4' } }] },
    };
    expect(problemOf(await api.call('viewer', { method: 'POST', url: '/api/v1/changes', payload: doc })).status).toBe(
      403,
    );
    const created = await api.call('requester', { method: 'POST', url: '/api/v1/changes', payload: doc });
    expect(created.statusCode, created.body).toBe(201);
    const ref = created.json().ref as string;
    expect(created.json()).toMatchObject({ state: 'draft', requester: 'token:t-requester' });
    expect((await api.call('viewer', { url: `/api/v1/changes/${ref}` })).json().change.ref).toBe(ref);
    expect(
      (await api.call('viewer', { url: '/api/v1/changes?state=draft' }))
        .json()
        .items.map((c: { ref: string }) => c.ref),
    ).toContain(ref);
    expect(problemOf(await api.call('viewer', { method: 'POST', url: `/api/v1/changes/${ref}/submit` })).status).toBe(
      403,
    );
    const submitted = await api.call('requester', {
      method: 'POST',
      url: `/api/v1/changes/${ref}/submit`,
      payload: { comment: 'please' },
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().change.state).toBe('submitted');
    await waitFor(() => rx.received.length === 1);
    expect(JSON.parse(rx.received[0]!.body)).toMatchObject({
      type: 'change.transitioned',
      data: { change: { id: ref, state: 'submitted', previousState: 'draft' }, actor: 'token:t-requester' },
    });
    expect(problemOf(await api.call('requester', { method: 'POST', url: `/api/v1/changes/${ref}/close` })).status).toBe(
      403,
    );
    expect(problemOf(await api.call('viewer', { url: '/api/v1/changes/CHG-999' })).status).toBe(404);
    expect(problemOf(await api.call('admin', { method: 'POST', url: `/api/v1/changes/${ref}/explode` })).status).toBe(
      400,
    );
    await rx.close();
  });

  it('lists changes in cursor pages, the first saying how many match', async () => {
    for (const title of ['Paged one', 'Paged two']) {
      const created = await api.call('requester', {
        method: 'POST',
        url: '/api/v1/changes',
        payload: {
          type: 'normal',
          title,
          justification: 'j',
          plan: { cis: [{ class: 'database', name: 'orders-db', attributes: { version: '16.5' } }] },
        },
      });
      expect(created.statusCode, created.body).toBe(201);
    }
    const all = (await api.call('viewer', { url: '/api/v1/changes?limit=1000' })).json();
    expect(all).toMatchObject({ nextCursor: null, total: all.items.length });
    const first = (await api.call('viewer', { url: '/api/v1/changes?limit=2' })).json();
    expect(first).toMatchObject({ total: all.items.length, nextCursor: expect.any(String) });
    const refs: string[] = first.items.map((c: { ref: string }) => c.ref);
    for (let cursor = first.nextCursor as string | null; cursor !== null;) {
      const page = (await api.call('viewer', { url: `/api/v1/changes?limit=2&cursor=${cursor}` })).json();
      expect(page.total).toBeUndefined();
      refs.push(...page.items.map((c: { ref: string }) => c.ref));
      cursor = page.nextCursor;
    }
    expect(refs).toEqual(all.items.map((c: { ref: string }) => c.ref));
    expect(problemOf(await api.call('viewer', { url: '/api/v1/changes?limit=1001' })).status).toBe(400);
    expect(problemOf(await api.call('viewer', { url: '/api/v1/changes?cursor=nonsense' })).code).toBe('INVALID_CURSOR');
  });

  it('serves the calendar as JSON and iCalendar', async () => {
    const q = 'from=2030-01-01T00:00:00Z&to=2031-01-01T00:00:00Z';
    expect((await api.call('viewer', { url: `/api/v1/calendar?${q}` })).statusCode).toBe(200);
    const ics = await api.call('viewer', { url: `/api/v1/calendar?${q}&format=ics` });
    expect(ics.headers['content-type']).toMatch(/^text\/calendar/);
    expect(ics.body).toContain('BEGIN:VCALENDAR');
  });
});
