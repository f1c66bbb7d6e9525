import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { engines } from '../helpers/engines.js';
import { newApi, problemOf, type ApiHarness } from './api-harness.js';

// A bug is the server's fault, not the caller's: whatever the route, an error that is none of
// Cairn's answers 500 with the request id to quote, and nothing of the error itself.
describe('an unknown error in the API', () => {
  const harness = engines().find((h) => h.engine === 'sqlite')!;
  let api: ApiHarness;
  beforeAll(async () => {
    api = await newApi(harness, { estate: false });
  });
  afterAll(async () => {
    await api.close();
    await harness.cleanup();
  });

  it.each([
    ['a TypeError', new TypeError("cannot read properties of undefined (reading 'rev')")],
    ['a plain Error', new Error('secret detail of the bug')],
    ['an Error with a code', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
  ])('answers %s with 500 INTERNAL and the request id', async (_name, bug) => {
    vi.spyOn(api.s.auth, 'fromToken').mockRejectedValueOnce(bug);
    const res = await api.call('viewer', { url: '/api/v1/cis', headers: { 'x-request-id': 'req-bug-1' } });
    const body = problemOf(res);
    expect(res.statusCode).toBe(500);
    expect(body).toMatchObject({
      status: 500,
      code: 'INTERNAL',
      type: 'urn:cairn:error:INTERNAL',
      requestId: 'req-bug-1',
    });
    expect(body.detail).toContain('req-bug-1');
    expect(res.headers['x-request-id']).toBe('req-bug-1');
    expect(res.body).not.toContain(bug.message);
    expect(Object.keys(body)).not.toContain('stack');
  });
});

// Found by the API fuzzer (test/fuzz): the router answers these before any handler, and sent
// bare JSON rather than a problem document.
describe('URLs the router refuses', () => {
  const harness = engines().find((h) => h.engine === 'sqlite')!;
  let api: ApiHarness;
  beforeAll(async () => {
    api = await newApi(harness, { estate: false });
  });
  afterAll(async () => {
    await api.close();
    await harness.cleanup();
  });

  it('answers a path segment over the length limit with a 414 problem', async () => {
    const res = await api.call('admin', { method: 'DELETE', url: `/api/v1/tokens/${'a'.repeat(500)}` });
    expect(res.statusCode).toBe(414);
    expect(problemOf(res)).toMatchObject({ status: 414, code: 'FST_ERR_MAX_PARAM_LENGTH' });
  });

  it('answers a path segment that is not valid percent-encoding with a 400 problem', async () => {
    const res = await api.call('admin', { url: '/api/v1/classes/%E0%A4%A' });
    expect(res.statusCode).toBe(400);
    expect(problemOf(res)).toMatchObject({ status: 400, code: 'FST_ERR_BAD_URL' });
  });
});
