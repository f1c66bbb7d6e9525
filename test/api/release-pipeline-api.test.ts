/* eslint-disable @typescript-eslint/no-unsafe-call -- response bodies are untyped JSON */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../helpers/engines.js';
import { newApi, problemOf, type ApiHarness } from './api-harness.js';

const harness = engines()[0]!;
const SERVICE = 'application/shop-frontend';

interface Cell {
  environment: string;
  current: { version: string; kind: string } | null;
  attempt: { version: string; state: string } | null;
  next: { version: string; state: string; answer: { decision: string; reasons: string[] } } | null;
  rollback: { version: string; answer: { decision: string; kind: string } } | null;
}

/**
 * The pipeline view: what runs in each environment, and the gates' answer for what may move next,
 * read from a history made here: 1.0.0 promoted to development and test, 1.1.0 to development,
 * 1.2.0 still proposed, and a pipeline deploying 1.0.0 into staging right now.
 */
describe('the release pipeline over HTTP (GET /api/v1/releases/pipeline)', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await newApi(harness);
    for (const version of ['1.0.0', '1.1.0', '1.2.0']) await api.s.releases.create(SERVICE, version, {}, 'alice');
    for (const version of ['1.0.0', '1.1.0']) await api.s.releases.approve(SERVICE, version, 'rita');
    const promote = (version: string, environment: string) =>
      api.s.promotions.promote({ service: SERVICE, version, environment }, 'bob');
    await promote('1.0.0', 'development');
    await promote('1.0.0', 'test');
    await promote('1.1.0', 'development');
    await api.s.promotions.gate({ service: SERVICE, version: '1.0.0', environment: 'staging', start: true }, 'ci');
  });
  afterAll(async () => {
    await api.close();
    await harness.cleanup();
  });

  it('answers services × environments: the release in each, the next promotion and a rollback, with the gates', async () => {
    const res = await api.call('viewer', { url: '/api/v1/releases/pipeline' });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json();
    expect(view.environments).toEqual([
      { name: 'development', controlled: false },
      { name: 'test', controlled: false },
      { name: 'staging', controlled: false },
      { name: 'production', controlled: true },
    ]);
    expect(view.services).toHaveLength(1);
    expect(view.services[0].service).toBe(SERVICE);
    expect(view.services[0].newest).toEqual({ version: '1.2.0', state: 'proposed' });
    const [dev, test, staging, production] = view.services[0].cells as Cell[];
    // development runs 1.1.0; the newest, 1.2.0, is next but not approved; a rollback goes back to 1.0.0.
    expect(dev!.current).toMatchObject({ version: '1.1.0', kind: 'promotion' });
    expect(dev!.next).toMatchObject({ version: '1.2.0', state: 'proposed', answer: { decision: 'deny' } });
    expect(dev!.next!.answer.reasons).toEqual([
      'release: application/shop-frontend 1.2.0 is proposed: only an approved release is promoted',
    ]);
    expect(dev!.rollback).toMatchObject({ version: '1.0.0', answer: { decision: 'allow', kind: 'rollback' } });
    // test runs 1.0.0 and may take 1.1.0 from development; nothing earlier to roll back to.
    expect(test!.current).toMatchObject({ version: '1.0.0' });
    expect(test!.next).toMatchObject({ version: '1.1.0', state: 'approved', answer: { decision: 'allow' } });
    expect(test!.rollback).toBeNull();
    // staging has nothing yet, and a pipeline's deployment of 1.0.0 is under way.
    expect(staging!.current).toBeNull();
    expect(staging!.attempt).toMatchObject({ version: '1.0.0', state: 'running' });
    expect(staging!.next).toMatchObject({ version: '1.0.0', answer: { decision: 'allow' } });
    // production: staging runs nothing, so nothing is on its way.
    expect(production).toMatchObject({ environment: 'production', current: null, attempt: null, next: null });
  });

  it('filters one service, and a pipeline token may not read it', async () => {
    const other = await api.call('viewer', { url: '/api/v1/releases/pipeline?service=service/nope' });
    expect(other.json()).toMatchObject({ services: [] });
    const one = await api.call('viewer', { url: `/api/v1/releases/pipeline?service=${SERVICE}` });
    expect(one.json().services.map((r: { service: string }) => r.service)).toEqual([SERVICE]);
    expect(problemOf(await api.call('pipeline', { url: '/api/v1/releases/pipeline' })).status).toBe(403);
  });
});
