/* eslint-disable @typescript-eslint/no-unsafe-call -- response bodies are untyped JSON */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../helpers/engines.js';
import { newApi, problemOf, type ApiHarness } from './api-harness.js';

const harness = engines()[0]!;

/** What the web UI asks of the server so that it computes nothing the server decides. */
describe('the API the web UI relies on', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await newApi(harness);
    await api.s.policies.apply(
      {
        groups: [
          { name: 'change-managers', members: ['token:t-change_manager'] },
          { name: 'cab', members: ['token:t-cab_member'] },
        ],
        rules: [{ match: { type: 'normal' }, require: [{ group: 'change-managers', quorum: 1 }] }],
      },
      'admin',
    );
  });
  afterAll(async () => {
    await api.close();
    await harness.cleanup();
  });

  const draft = async () => {
    const created = await api.call('requester', {
      method: 'POST',
      url: '/api/v1/changes',
      payload: {
        type: 'normal',
        title: 'More memory for web-01',
        window: { start: '2030-12-01T22:00:00Z', end: '2030-12-01T23:00:00Z' },
        plan: { cis: [{ class: 'server', name: 'web-01', attributes: { cpu: 8 } }] },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json().ref as string;
  };
  const allowed = async (role: Parameters<ApiHarness['call']>[0], ref: string) =>
    (await api.call(role, { url: `/api/v1/changes/${ref}` })).json().allowedActions as string[];

  it('says per change and caller which actions are allowed, and lists as pending only what the caller may decide', async () => {
    const ref = await draft();
    expect(await allowed('requester', ref)).toEqual(['submit', 'cancel', 'edit', 'replan']);
    expect(await allowed('viewer', ref)).toEqual([]);
    // A CAB member is never offered to cancel someone else's change.
    expect(await allowed('cab_member', ref)).toEqual([]);
    const submitted = await api.call('requester', {
      method: 'POST',
      url: `/api/v1/changes/${ref}/submit`,
      payload: {},
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    // Only the change managers must approve: the CAB member sees nothing to decide.
    expect(await allowed('cab_member', ref)).toEqual([]);
    expect((await api.call('cab_member', { url: '/api/v1/changes/pending' })).json().items).toEqual([]);
    // Submitted: a change manager decides, cancels or replans it; it has no window to move until authorized.
    expect(await allowed('change_manager', ref)).toEqual(['cancel', 'approve', 'reject', 'replan']);
    expect(await allowed('requester', ref)).toEqual(['cancel', 'replan']);
    const pending = (await api.call('change_manager', { url: '/api/v1/changes/pending' })).json();
    expect(pending.items.map((i: { ref: string }) => i.ref)).toEqual([ref]);
    expect((await api.call('change_manager', { url: '/api/v1/summary' })).json().pendingApprovals).toBe(1);

    const empty = await api.call('change_manager', {
      method: 'POST',
      url: `/api/v1/changes/${ref}/reject`,
      payload: { comment: '  ' },
    });
    expect(problemOf(empty)).toMatchObject({ status: 400, code: 'CHANGE_REASON_REQUIRED' });
    expect(problemOf(empty).errors).toEqual([{ path: 'comment', message: 'is required to reject' }]);
  });

  it('answers the dashboard with true counts in one request', async () => {
    const summary = (await api.call('viewer', { url: '/api/v1/summary' })).json();
    const total = (await api.call('viewer', { url: '/api/v1/cis?limit=1' })).json().total as number;
    expect(summary.cis.total).toBe(total);
    expect(summary.cis.byClass).toEqual(expect.arrayContaining([{ class: 'rack', count: 1 }]));
    expect(summary.changes.byState.submitted).toBeGreaterThanOrEqual(1);
    expect(summary.changes.byState.closed).toBe(0);
    expect(summary).toMatchObject({ pendingApprovals: 0, unauthorizedChanges: 0, openDriftFindings: 0 });
  });

  it('searches CIs by name on the server, with a total, and matches a label key alone', async () => {
    const page = (await api.call('viewer', { url: '/api/v1/cis?q=WEB&limit=1' })).json();
    expect(page.items).toHaveLength(1);
    expect(page.total).toBe(2);
    const names = (await api.call('viewer', { url: '/api/v1/cis?q=web-0' }))
      .json()
      .items.map((c: { name: string }) => c.name);
    expect(names.sort()).toEqual(['web-01', 'web-02']);
    // LIKE's wildcards are text: "%" matches no name.
    expect((await api.call('viewer', { url: '/api/v1/cis?q=%25' })).json().total).toBe(0);
    const byKey = (await api.call('viewer', { url: '/api/v1/cis?label=team' })).json();
    expect(byKey.items.map((c: { name: string }) => c.name).sort()).toEqual(['web-01', 'web-02']);
    expect((await api.call('viewer', { url: '/api/v1/cis?label=team=db' })).json().total).toBe(0);
  });

  it('offers the edits per caller: replan to the requester, reschedule once authorized to a change manager', async () => {
    const ref = await draft();
    await api.call('requester', { method: 'POST', url: `/api/v1/changes/${ref}/submit`, payload: {} });
    const approved = await api.call('change_manager', {
      method: 'POST',
      url: `/api/v1/changes/${ref}/approve`,
      payload: {},
    });
    expect(approved.statusCode, approved.body).toBe(200);
    // Authorized: the window can move (POST …/reschedule needs change:manage), the requester still replans.
    expect(await allowed('change_manager', ref)).toEqual(['cancel', 'schedule', 'replan', 'reschedule']);
    expect(await allowed('requester', ref)).toEqual(['cancel', 'replan']);
    const byRequester = await api.call('requester', {
      method: 'POST',
      url: `/api/v1/changes/${ref}/reschedule`,
      payload: { window: { start: '2030-12-02T22:00:00Z', end: '2030-12-02T23:00:00Z' } },
    });
    expect(byRequester.statusCode).toBe(403);
  });
});
