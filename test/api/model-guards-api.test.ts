import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../helpers/engines.js';
import { newApi, problemOf, type ApiHarness } from './api-harness.js';

/**
 * Issue 12, findings 1, 2, 8 and 14 over the API, on every engine: change control cannot be
 * relaxed around a change, stored patterns cannot hang the server, a policy is applied whole and
 * by those with the rights it exercises, and names cannot hide what they are.
 */
describe.each(engines())('model and policy guards on $engine', (harness) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await newApi(harness);
  });
  afterAll(async () => {
    await api.close();
    await harness.cleanup();
  });

  const applyClasses = (role: 'configuration_manager' | 'admin', classes: unknown[]) =>
    api.call(role, { method: 'POST', url: '/api/v1/classes/apply', payload: { classes } });
  const applyPolicy = (role: 'change_manager' | 'admin', payload: unknown) =>
    api.call(role, { method: 'POST', url: '/api/v1/policy', payload: payload as Record<string, unknown> });
  const put = (name: string) =>
    api.call('configuration_manager', {
      method: 'PUT',
      url: `/api/v1/cis/software/${encodeURIComponent(name)}`,
      payload: { attributes: {} },
    });

  describe('finding 1: taking a class out of change control', () => {
    it('is refused to a configuration manager, and the controlled database stays guarded', async () => {
      const head = await api.s.history.headRev();
      const res = await applyClasses('configuration_manager', [{ name: 'database', controlled: false }]);
      const problem = problemOf(res);
      expect(res.statusCode).toBe(403);
      expect(problem.code).toBe('CONTROL_RELAXATION');
      expect(problem.detail).toContain('class database');
      expect(await api.s.history.headRev()).toBe(head);
      const write = await api.call('configuration_manager', {
        method: 'PUT',
        url: '/api/v1/cis/database/orders-db',
        payload: { attributes: { version: '17' } },
      });
      expect(problemOf(write).code).toBe('CHANGE_CONTROL');
    });

    it('is refused when a child class stops inheriting control from its parent', async () => {
      // linux_server inherits control from server: giving it controlled: false relaxes it too.
      const res = await applyClasses('configuration_manager', [
        { name: 'linux_server', parent: 'server', controlled: false },
      ]);
      expect(problemOf(res).code).toBe('CONTROL_RELAXATION');
    });

    it('a write that relaxes a class and changes its CI at once is judged by the model before it', async () => {
      const head = await api.s.history.headRev();
      const res = await api.call('admin', {
        method: 'POST',
        url: '/api/v1/apply',
        payload: {
          classes: [{ name: 'database', controlled: false }],
          cis: [{ class: 'database', name: 'orders-db', attributes: { version: '17' } }],
        },
      });
      expect(problemOf(res).code).toBe('CHANGE_CONTROL');
      expect(await api.s.history.headRev()).toBe(head);
    });

    it('is an admin act, recorded as a revision with its author', async () => {
      const res = await applyClasses('admin', [{ name: 'rack', controlled: false }]);
      expect(res.statusCode).toBe(200);
      const rev = await api.s.history.headRev();
      const log = await api.call('viewer', { url: '/api/v1/revisions?limit=1' });
      expect(JSON.stringify(log.json())).toContain('token:t-admin');
      expect(rev).toBe(res.json().revision);
    });

    it('putting a class under control stays open to a configuration manager', async () => {
      const res = await applyClasses('configuration_manager', [{ name: 'rack', controlled: true }]);
      expect(res.statusCode).toBe(200);
    });
  });

  describe('finding 2: stored patterns', () => {
    it('refuses a super-linear pattern when the class is applied, naming where it is', async () => {
      const res = await applyClasses('configuration_manager', [
        { name: 'tagged', attributes: { type: 'object', properties: { tag: { type: 'string', pattern: '^(a+)+$' } } } },
      ]);
      const problem = problemOf(res);
      expect(problem.code).toBe('INVALID_DOCUMENT');
      expect(problem.errors?.map((e) => e.path)).toContain('classes[0].attributes.properties.tag.pattern');
      expect(problem.detail).toContain('super-linear');
    });

    it('refuses a pattern with lookaround, which a linear-time engine cannot run', async () => {
      const res = await applyClasses('configuration_manager', [
        { name: 'looking', attributes: { type: 'object', patternProperties: { '^(?!x)': { type: 'string' } } } },
      ]);
      expect(problemOf(res).errors?.[0]?.path).toBe('classes[0].attributes.patternProperties.^(?!x)');
    });

    it('evaluates an accepted pattern as before', async () => {
      const applied = await applyClasses('configuration_manager', [
        {
          name: 'coded',
          attributes: { type: 'object', properties: { code: { type: 'string', pattern: '^[A-Z]{3}-[0-9]+$' } } },
        },
      ]);
      expect(applied.statusCode).toBe(200);
      const ok = await api.call('configuration_manager', {
        method: 'PUT',
        url: '/api/v1/cis/coded/c1',
        payload: { attributes: { code: 'ABC-12' } },
      });
      expect(ok.statusCode).toBe(201);
      const bad = await api.call('configuration_manager', {
        method: 'PUT',
        url: '/api/v1/cis/coded/c2',
        payload: { attributes: { code: 'abc-12' } },
      });
      expect(problemOf(bad).errors?.[0]?.path).toBe('cis[0].attributes.code');
    });
  });

  describe('finding 8: the policy document', () => {
    const policy = {
      groups: [
        { name: 'cab', members: ['carol', 'dave'] },
        { name: 'change-managers', members: ['erin'] },
      ],
      rules: [{ match: { type: 'normal' }, require: [{ group: 'change-managers', quorum: 1 }] }],
      control: { environments: ['production', 'staging'] },
    };

    it('an admin sets the policy', async () => {
      expect((await applyPolicy('admin', policy)).statusCode).toBe(200);
    });

    it('{} does not replace the policy: the sections it leaves out are named, and nothing changes', async () => {
      const before = (await api.call('viewer', { url: '/api/v1/policy' })).json();
      const res = await applyPolicy('admin', {});
      const problem = problemOf(res);
      expect(res.statusCode).toBe(400);
      expect(problem.code).toBe('POLICY_INVALID');
      expect(problem.errors?.map((e) => e.path).sort()).toEqual(['control', 'groups', 'rules']);
      expect((await api.call('viewer', { url: '/api/v1/policy' })).json()).toEqual(before);
    });

    it('a section is removed by saying so', async () => {
      const res = await applyPolicy('admin', { ...policy, rules: [] });
      expect(res.statusCode).toBe(200);
      expect(res.json().changed).toBe(true);
    });

    it('a change manager cannot add themselves to the CAB through the policy', async () => {
      const res = await applyPolicy('change_manager', {
        ...policy,
        rules: [],
        groups: [{ name: 'cab', members: ['carol', 'dave', 'token:t-change_manager'] }, policy.groups[1]],
      });
      expect(res.statusCode).toBe(403);
      expect(problemOf(res).code).toBe('POLICY_MEMBERSHIP');
      const groups = await api.call('viewer', { url: '/api/v1/workflow/groups' });
      expect(
        groups.json<{ items: { name: string; members: string[] }[] }>().items.find((g) => g.name === 'cab'),
      ).toMatchObject({ members: ['carol', 'dave'] });
    });

    it('a change manager may change the rules when the members stay as they are', async () => {
      expect((await applyPolicy('change_manager', policy)).statusCode).toBe(200);
    });

    it('a change manager cannot take an environment out of change control; an admin can', async () => {
      const relaxed = { ...policy, control: { environments: ['production'] } };
      const res = await applyPolicy('change_manager', relaxed);
      expect(res.statusCode).toBe(403);
      expect(problemOf(res).code).toBe('CONTROL_RELAXATION');
      expect(problemOf(res).detail).toContain('environment staging');
      expect((await applyPolicy('admin', relaxed)).statusCode).toBe(200);
    });
  });

  describe('finding 14: names', () => {
    it.each([
      ['a right-to-left override', 'gnp\u202e.exe'],
      ['a zero-width space', 'web\u200b-01'],
      ['a zero-width joiner', 'db\u200d1'],
      ['a byte-order mark', '\ufeffapp'],
      ['a first-strong isolate', 'x\u2068y'],
      ['a single dot', '.'],
      ['two dots', '..'],
    ])('refuses %s in a CI name', async (_label, name) => {
      const head = await api.s.history.headRev();
      const res = await api.call('configuration_manager', {
        method: 'POST',
        url: '/api/v1/apply',
        payload: { cis: [{ class: 'software', name }] },
      });
      const problem = problemOf(res);
      expect(res.statusCode).toBe(400);
      expect(problem.errors?.map((e) => e.path)).toContain('cis[0].name');
      expect(await api.s.history.headRev()).toBe(head);
    });

    it('accepts a mixed-script name with a warning in the outcome', async () => {
      const res = await put('p\u0430ypal');
      expect(res.statusCode).toBe(201);
      expect(res.json().warnings).toEqual([
        'software/p\u0430ypal: the name mixes Latin and Cyrillic letters, so it can be mistaken for another name',
      ]);
    });

    it('gives no warning for names in one script, or in Japanese', async () => {
      for (const name of ['paypal-2', 'сервер-1', '東京サーバー']) {
        const res = await put(name);
        expect(res.statusCode).toBe(201);
        expect(res.json().warnings).toBeUndefined();
      }
    });
  });
});
