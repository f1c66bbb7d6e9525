/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- response bodies are untyped JSON */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../helpers/engines.js';
import { newApi, problemOf, type ApiHarness } from './api-harness.js';

const harness = engines()[0]!;
const CAB = 'token:t-cab_member';
const today = () => new Date().toISOString().slice(0, 10);

/** The CAB's agenda and minutes over HTTP: who may decide and record, what the minutes hold. */
describe('the CAB agenda and minutes API', () => {
  let api: ApiHarness;
  let ref: string;
  beforeAll(async () => {
    api = await newApi(harness);
    await api.s.policies.apply(
      {
        groups: [
          { name: 'change-managers', members: ['token:t-change_manager'] },
          { name: 'cab', members: [CAB] },
        ],
        rules: [{ match: { type: 'normal' }, require: [{ group: 'cab', quorum: 1 }] }],
      },
      'admin',
    );
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
    ref = created.json().ref as string;
    await api.call('requester', { method: 'POST', url: `/api/v1/changes/${ref}/submit`, payload: {} });
  });
  afterAll(async () => {
    await api.close();
    await harness.cleanup();
  });

  it('lists the change for decision with its impact, offering approve and reject only to whom decides', async () => {
    const agenda = async (role: Parameters<ApiHarness['call']>[0]) =>
      (await api.call(role, { url: `/api/v1/cab/agenda?date=${today()}` })).json();
    const asCab = await agenda('cab_member');
    expect(asCab.forDecision).toEqual([
      expect.objectContaining({
        ref,
        awaiting: ['cab (1 more)'],
        impact: expect.objectContaining({ touched: ['server/web-01'] }),
        allowedActions: ['approve', 'reject'],
      }),
    ]);
    expect((await agenda('viewer')).forDecision[0].allowedActions).toEqual([]);
    expect((await agenda('auditor')).forDecision[0].allowedActions).toEqual([]);
  });

  it('records minutes with the decisions taken, closes them, and keeps them closed', async () => {
    const decided = await api.call('cab_member', {
      method: 'POST',
      url: `/api/v1/changes/${ref}/approve`,
      payload: { comment: 'rollback rehearsed' },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const recorded = await api.call('cab_member', {
      method: 'POST',
      url: '/api/v1/cab/meetings',
      payload: { date: today(), attendees: [CAB], notes: 'One change approved.' },
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const minutes = recorded.json();
    expect(recorded.headers.location).toBe(`/api/v1/cab/meetings/${minutes.id}`);
    expect(minutes).toMatchObject({ recordedBy: CAB, closedAt: null, corrects: null });
    expect(minutes.decisions).toEqual([
      expect.objectContaining({ change: ref, decision: 'approve', by: CAB, comment: 'rollback rehearsed' }),
    ]);
    // Auditors read the minutes and cannot write them.
    const read = await api.call('auditor', { url: `/api/v1/cab/meetings?date=${today()}` });
    expect(read.json().map((m: { id: string }) => m.id)).toEqual([minutes.id]);
    expect(
      problemOf(await api.call('auditor', { method: 'POST', url: `/api/v1/cab/meetings/${minutes.id}/close` })),
    ).toMatchObject({ status: 403 });
    const edited = await api.call('change_manager', {
      method: 'PUT',
      url: `/api/v1/cab/meetings/${minutes.id}`,
      payload: { attendees: [CAB, 'token:t-change_manager'], notes: 'One change approved; erin chaired.' },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const closed = await api.call('cab_member', { method: 'POST', url: `/api/v1/cab/meetings/${minutes.id}/close` });
    expect(closed.json()).toMatchObject({ closedBy: CAB, notes: 'One change approved; erin chaired.' });
    const late = await api.call('cab_member', {
      method: 'PUT',
      url: `/api/v1/cab/meetings/${minutes.id}`,
      payload: { attendees: [CAB], notes: 'rewritten' },
    });
    expect(problemOf(late)).toMatchObject({ status: 409, code: 'CAB_MINUTES_CLOSED' });
    expect((await api.call('viewer', { url: `/api/v1/cab/meetings/${minutes.id}` })).json().notes).toBe(
      'One change approved; erin chaired.',
    );
    const correction = await api.call('cab_member', {
      method: 'POST',
      url: '/api/v1/cab/meetings',
      payload: { date: today(), attendees: [CAB], notes: 'erin did not chair: frank did.', corrects: minutes.id },
    });
    expect(correction.json()).toMatchObject({ corrects: minutes.id });
  });

  it('answers bad minutes with the field and the problem', async () => {
    const post = (payload: unknown) =>
      api.call('cab_member', { method: 'POST', url: '/api/v1/cab/meetings', payload: payload as object });
    expect(problemOf(await post({ date: today(), attendees: [], notes: '' })).detail).toMatch(/attendees/);
    expect(problemOf(await post({ date: '2026-02-30', attendees: [CAB], notes: '' }))).toMatchObject({
      status: 400,
      code: 'INVALID_DATE',
    });
    const stranger = problemOf(await post({ date: today(), attendees: [CAB, 'mallory'], notes: '' }));
    expect(stranger).toMatchObject({ status: 400, code: 'CAB_MINUTES_INVALID' });
    expect(stranger.detail).toMatch(/attendees\[1\] "mallory" is not a person of the change workflow/);
    expect(problemOf(await post({ date: today(), attendees: [CAB], notes: '', decisions: [] })).status).toBe(400);
    expect(problemOf(await api.call('viewer', { url: '/api/v1/cab/meetings/cab_none' }))).toMatchObject({
      status: 404,
      code: 'CAB_MINUTES_NOT_FOUND',
    });
  });
});
