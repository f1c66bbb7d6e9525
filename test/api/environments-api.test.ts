/* eslint-disable @typescript-eslint/no-unsafe-call -- response bodies are untyped JSON */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../helpers/engines.js';
import { newApi, problemOf, type ApiHarness } from './api-harness.js';

const harness = engines()[0]!;

const POLICY = {
  groups: [
    { name: 'cab', members: ['carol', 'dave'] },
    { name: 'release-managers', members: ['rita'] },
  ],
  freeze: [{ name: 'year-end', start: '2026-12-20T00:00:00Z', end: '2027-01-04T00:00:00Z' }],
};

const ENVIRONMENTS = {
  environments: [
    { name: 'development' },
    { name: 'staging', require: [{ group: 'release-managers', quorum: 1 }] },
    { name: 'production', controlled: true, require: [{ group: 'cab', quorum: 2 }], freeze: ['year-end'] },
  ],
};

describe('environments over HTTP', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await newApi(harness);
    expect((await api.call('admin', { method: 'POST', url: '/api/v1/policy', payload: POLICY })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await api.close();
    await harness.cleanup();
  });

  it('answers the built-in default before any document is applied', async () => {
    const res = await api.call('viewer', { url: '/api/v1/environments' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: 0, appliedBy: null, hash: null });
    expect(res.json().environments.map((e: { name: string }) => e.name)).toEqual([
      'development',
      'test',
      'staging',
      'production',
    ]);
  });

  it('checks, applies and versions a document, as a release manager', async () => {
    const check = await api.call('release_manager', {
      method: 'POST',
      url: '/api/v1/environments/check',
      payload: ENVIRONMENTS,
    });
    expect(check.json()).toMatchObject({ valid: true, changed: true, leavingControl: [] });
    expect((await api.call('viewer', { url: '/api/v1/environments' })).json().version).toBe(0);

    const applied = await api.call('release_manager', {
      method: 'POST',
      url: '/api/v1/environments',
      payload: ENVIRONMENTS,
    });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toMatchObject({ version: 1, changed: true, appliedBy: 'token:t-release_manager' });
    expect(applied.json().environments[2]).toEqual({
      name: 'production',
      require: [{ group: 'cab', quorum: 2 }],
      controlled: true,
      freezes: ['year-end'],
      windows: [],
    });
    const again = await api.call('release_manager', {
      method: 'POST',
      url: '/api/v1/environments',
      payload: ENVIRONMENTS,
    });
    expect(again.json()).toMatchObject({ version: 1, changed: false });

    const versions = (await api.call('auditor', { url: '/api/v1/environments/versions' })).json();
    expect(versions.items).toEqual([
      expect.objectContaining({ version: 1, appliedBy: 'token:t-release_manager', hash: applied.json().hash }),
    ]);
    const one = await api.call('viewer', { url: '/api/v1/environments/versions/1' });
    expect(one.json().environments).toHaveLength(3);
    expect(problemOf(await api.call('viewer', { url: '/api/v1/environments/versions/9' }))).toMatchObject({
      status: 404,
      code: 'ENVIRONMENTS_VERSION_NOT_FOUND',
    });
  });

  it('refuses a bad document with 400, each field named', async () => {
    const bad = {
      environments: [{ name: 'prod', require: [{ group: 'qa', quorum: 1 }], controlled: 'yes' }],
    };
    const problem = problemOf(
      await api.call('release_manager', { method: 'POST', url: '/api/v1/environments', payload: bad }),
    );
    expect(problem).toMatchObject({ status: 400, code: 'ENVIRONMENTS_INVALID' });
    expect(problem.errors).toContainEqual({ path: 'environments[0].controlled', message: 'must be true or false' });
    const unknownGroup = problemOf(
      await api.call('release_manager', {
        method: 'POST',
        url: '/api/v1/environments',
        payload: { environments: [{ name: 'prod', require: [{ group: 'qa' }] }] },
      }),
    );
    expect(unknownGroup.errors).toEqual([
      {
        path: 'environments[0].require[0].group',
        message: 'names group "qa", which the policy in force does not define',
      },
    ]);
    expect(
      problemOf(await api.call('release_manager', { method: 'POST', url: '/api/v1/environments', payload: [] })),
    ).toMatchObject({ status: 400, code: 'ENVIRONMENTS_INVALID' });
  });

  it('lets only those who keep environments apply them, and only an admin relax change control', async () => {
    expect(
      problemOf(await api.call('requester', { method: 'POST', url: '/api/v1/environments', payload: ENVIRONMENTS })),
    ).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    const relaxed = {
      environments: ENVIRONMENTS.environments.map((e) => (e.name === 'production' ? { ...e, controlled: false } : e)),
    };
    expect(
      problemOf(await api.call('change_manager', { method: 'POST', url: '/api/v1/environments', payload: relaxed })),
    ).toMatchObject({ status: 403, code: 'CONTROL_RELAXATION' });
    const byAdmin = await api.call('admin', { method: 'POST', url: '/api/v1/environments', payload: relaxed });
    expect(byAdmin.json()).toMatchObject({ version: 2, changed: true });
  });
});
