/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- response bodies are untyped JSON */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../helpers/engines.js';
import { newApi, problemOf, type ApiHarness } from './api-harness.js';

/** A whole policy document: every section the policy in force sets, as `POST /policy` wants it. */
const POLICY = {
  groups: [{ name: 'cab', members: ['carol', 'dave'] }],
  rules: [{ name: 'risky', match: { type: 'normal', risk: ['high'] }, require: [{ group: 'cab', quorum: 1 }] }],
  control: { environments: ['production', 'staging'] },
};

for (const harness of engines()) {
  describe(`the administration pages' API on ${harness.engine}`, () => {
    let api: ApiHarness;
    beforeAll(async () => {
      api = await newApi(harness);
    });
    afterAll(async () => {
      await api.close();
      await harness.cleanup();
    });

    it('GET /roles answers every role with its purpose and the actions the permission table gives it', async () => {
      const res = await api.call('viewer', { url: '/api/v1/roles' });
      expect(res.statusCode).toBe(200);
      const { roles, actions } = res.json();
      expect(roles.map((r: { name: string }) => r.name)).toEqual([
        'viewer',
        'auditor',
        'requester',
        'implementer',
        'change_manager',
        'cab_member',
        'release_manager',
        'configuration_manager',
        'admin',
        'pipeline',
        'service_desk',
      ]);
      const of = (name: string) => roles.find((r: { name: string }) => r.name === name);
      expect(of('auditor')).toMatchObject({
        purpose: expect.stringMatching(/verifies the audit trail/),
        actions: ['cmdb:read', 'audit:verify', 'change:read', 'drift:read', 'release:read', 'incident:read'],
      });
      expect(of('viewer').actions).not.toContain('audit:verify');
      expect(of('admin').actions).toEqual(actions);
      // A pipeline's token asks the gate and reports; it reads nothing.
      expect(of('pipeline')).toMatchObject({
        purpose: expect.stringMatching(/CI\/CD pipeline/),
        actions: ['gate:check'],
      });
      // A service desk's token posts its tickets; it reads nothing.
      expect(of('service_desk')).toMatchObject({ actions: ['incident:inbound'] });
    });

    it('an auditor verifies the audit chain; a viewer may not', async () => {
      expect((await api.call('auditor', { url: '/api/v1/audit/verify' })).json()).toMatchObject({ ok: true });
      expect(problemOf(await api.call('viewer', { url: '/api/v1/audit/verify' }))).toMatchObject({
        status: 403,
        code: 'FORBIDDEN',
      });
    });

    it('POST /audit/verifications verifies, records who and what, and GET lists the records newest first', async () => {
      const first = await api.call('auditor', { method: 'POST', url: '/api/v1/audit/verifications' });
      expect(first.statusCode).toBe(201);
      const body = first.json();
      expect(body.result).toMatchObject({ ok: true });
      expect(body.record).toMatchObject({
        by: 'token:t-auditor',
        ok: true,
        revisions: body.result.revisions,
        firstBad: null,
        problemCount: 0,
      });
      const second = (await api.call('admin', { method: 'POST', url: '/api/v1/audit/verifications' })).json();
      const list = (await api.call('auditor', { url: '/api/v1/audit/verifications' })).json();
      expect(list.items.map((r: { id: string }) => r.id)).toEqual([second.record.id, body.record.id]);
      expect(list.items[0]).toMatchObject({ by: 'token:t-admin' });
      expect((await api.call('auditor', { url: '/api/v1/audit/verifications?limit=1' })).json().items).toHaveLength(1);
      expect(problemOf(await api.call('viewer', { method: 'POST', url: '/api/v1/audit/verifications' }))).toMatchObject(
        {
          status: 403,
        },
      );
    });

    it('POST /policy/check says a valid document would change the policy, and writes nothing', async () => {
      const before = (await api.call('viewer', { url: '/api/v1/policy' })).json();
      const res = await api.call('change_manager', { method: 'POST', url: '/api/v1/policy/check', payload: POLICY });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ valid: true, changed: true, leavingControl: [] });
      expect((await api.call('viewer', { url: '/api/v1/policy' })).json()).toEqual(before);
    });

    it('POST /policy/check refuses an invalid document with POLICY_INVALID naming the field', async () => {
      const bad = { ...POLICY, groups: [{ name: 'cab', members: ['carol'], quorum: 'two' }] };
      const problem = problemOf(
        await api.call('change_manager', { method: 'POST', url: '/api/v1/policy/check', payload: bad }),
      );
      expect(problem).toMatchObject({ status: 400, code: 'POLICY_INVALID' });
      // The bad key itself is named, not the list around it (a one-item list read as one value said "groups must be a list").
      expect(problem.errors).toEqual([
        { path: 'groups[0].quorum', message: expect.stringMatching(/^is not a known field/) },
      ]);
    });

    it('POST /policy/check names a bad value inside a one-item list, as it does in a longer list', async () => {
      for (const groups of [
        [{ name: 'cab', members: [''] }],
        [
          { name: 'cab', members: [''] },
          { name: 'ops', members: ['erin'] },
        ],
      ]) {
        const problem = problemOf(
          await api.call('change_manager', {
            method: 'POST',
            url: '/api/v1/policy/check',
            payload: { ...POLICY, groups },
          }),
        );
        expect(problem.errors).toEqual([{ path: 'groups[0].members[0]', message: 'must be a non-empty string' }]);
      }
    });

    it('POST /policy/check takes a JSON body as it is sent: a number written as text is refused, naming the field', async () => {
      const rules = [{ name: 'risky', match: { risk: 'high' }, require: [{ group: 'cab', quorum: '2' }] }];
      const problem = problemOf(
        await api.call('change_manager', {
          method: 'POST',
          url: '/api/v1/policy/check',
          payload: { ...POLICY, rules },
        }),
      );
      expect(problem.errors).toEqual([
        { path: 'rules[0].require[0].quorum', message: 'must be a whole number of at least 1' },
      ]);
    });

    it('POST /policy/check says when nothing would change and which environments would leave change control', async () => {
      expect((await api.call('admin', { method: 'POST', url: '/api/v1/policy', payload: POLICY })).statusCode).toBe(
        200,
      );
      const same = await api.call('change_manager', { method: 'POST', url: '/api/v1/policy/check', payload: POLICY });
      expect(same.json()).toEqual({ valid: true, changed: false, leavingControl: [] });
      const relaxed = { ...POLICY, control: { environments: ['production'] } };
      const res = await api.call('change_manager', { method: 'POST', url: '/api/v1/policy/check', payload: relaxed });
      expect(res.json()).toEqual({ valid: true, changed: true, leavingControl: ['staging'] });
      const partial = await api.call('change_manager', {
        method: 'POST',
        url: '/api/v1/policy/check',
        payload: { groups: POLICY.groups },
      });
      expect(problemOf(partial)).toMatchObject({ code: 'POLICY_INVALID' });
      expect(problemOf(partial).errors?.map((e) => e.path)).toEqual(expect.arrayContaining(['rules', 'control']));
    });
  });
}
