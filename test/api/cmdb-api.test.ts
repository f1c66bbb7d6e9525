/* eslint-disable @typescript-eslint/no-unsafe-call -- response bodies are untyped JSON */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../helpers/engines.js';
import { newApi, problemOf, type ApiHarness } from './api-harness.js';

const cm = 'configuration_manager' as const;

for (const harness of engines()) {
  describe(`CMDB API on ${harness.engine}`, () => {
    let api: ApiHarness;
    beforeAll(async () => {
      api = await newApi(harness);
    });
    afterAll(async () => {
      await api.close();
      await harness.cleanup();
    });

    it('lists CIs with filters and cursor pages pinned to one revision', async () => {
      const first = await api.call('viewer', { url: '/api/v1/cis?limit=2' });
      expect(first.statusCode).toBe(200);
      const page1 = first.json();
      expect(page1.items).toHaveLength(2);
      expect(page1.nextCursor).toEqual(expect.any(String));
      await api.call(cm, {
        method: 'PUT',
        url: '/api/v1/cis/software/aaa-new',
        payload: { attributes: { version: '1' } },
      });
      const names: string[] = page1.items.map((c: { name: string }) => c.name);
      let cursor = page1.nextCursor as string | null;
      while (cursor) {
        const page = (await api.call('viewer', { url: `/api/v1/cis?limit=2&cursor=${cursor}` })).json();
        names.push(...page.items.map((c: { name: string }) => c.name));
        cursor = page.nextCursor;
      }
      expect(names).toHaveLength(6);
      expect(names).not.toContain('aaa-new');
      const servers = (await api.call('viewer', { url: '/api/v1/cis?class=server&label=team=web' })).json();
      expect(servers.items.map((c: { name: string }) => c.name).sort()).toEqual(['web-01', 'web-02']);
      const staging = (await api.call('viewer', { url: '/api/v1/cis?class=server&attr=environment=staging' })).json();
      expect(staging.items.map((c: { name: string }) => c.name)).toEqual(['web-02']);
      const asOf = (await api.call('viewer', { url: '/api/v1/cis?at=1' })).json();
      expect(asOf.items).toEqual([]);
    });

    it('refuses bad list parameters with field errors', async () => {
      const tooMany = problemOf(await api.call('viewer', { url: '/api/v1/cis?limit=1001' }));
      expect(tooMany).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      expect(tooMany.errors![0]!.path).toBe('querystring.limit');
      expect(problemOf(await api.call('viewer', { url: '/api/v1/cis?class=nope' }))).toMatchObject({
        code: 'UNKNOWN_CLASS',
        errors: [{ path: 'class' }],
      });
      expect(problemOf(await api.call('viewer', { url: '/api/v1/cis?cursor=zzz' })).code).toBe('INVALID_CURSOR');
      // A label key alone is a filter (the label is set); a label with no key is not.
      expect((await api.call('viewer', { url: '/api/v1/cis?label=novalue' })).statusCode).toBe(200);
      expect(problemOf(await api.call('viewer', { url: '/api/v1/cis?label==v' })).errors![0]!.path).toBe(
        'querystring.label[0]',
      );
    });

    it('gets one CI with its revision as ETag, by name, by id and as of a point', async () => {
      const res = await api.call('viewer', { url: '/api/v1/cis/server/web-01' });
      expect(res.statusCode).toBe(200);
      const ci = res.json();
      expect(res.headers.etag).toBe(`"${ci.revision}"`);
      expect((await api.call('viewer', { url: `/api/v1/cis/by-id/${ci.id}` })).json()).toEqual(ci);
      expect(problemOf(await api.call('viewer', { url: '/api/v1/cis/server/web-01?at=1' }))).toMatchObject({
        status: 404,
        code: 'CI_NOT_FOUND',
      });
      expect(problemOf(await api.call('viewer', { url: '/api/v1/cis/server/ghost' }))).toMatchObject({
        status: 404,
        code: 'CI_NOT_FOUND',
        type: 'urn:cairn:error:CI_NOT_FOUND',
      });
      expect(problemOf(await api.call('viewer', { url: '/api/v1/cis/by-id/ci_nope' })).status).toBe(404);
      expect(problemOf(await api.call('viewer', { url: '/api/v1/cis/server/web-01?at=nonsense' })).code).toBe(
        'POINT_NOT_FOUND',
      );
      const rels = (await api.call('viewer', { url: '/api/v1/cis/server/web-01/relations' })).json();
      expect(
        rels.map((r: { from: string; type: string; inverse: string }) => `${r.from} ${r.type}/${r.inverse}`).sort(),
      ).toEqual(['application/shop-frontend runs_on/hosts', 'rack/r1 contains/contained_in']);
    });

    it('creates and updates one CI with If-Match and If-None-Match', async () => {
      const created = await api.call(cm, {
        method: 'PUT',
        url: '/api/v1/cis/software/nginx',
        payload: { status: 'active', attributes: { version: '1.25' } },
        headers: { 'if-none-match': '*' },
      });
      expect(created.statusCode).toBe(201);
      const etag = created.headers.etag as string;
      expect(created.json().ci).toMatchObject({ class: 'software', name: 'nginx', attributes: { version: '1.25' } });
      expect(
        problemOf(
          await api.call(cm, {
            method: 'PUT',
            url: '/api/v1/cis/software/nginx',
            payload: { status: 'active' },
            headers: { 'if-none-match': '*' },
          }),
        ).status,
      ).toBe(412);
      const updated = await api.call(cm, {
        method: 'PUT',
        url: '/api/v1/cis/software/nginx',
        payload: { attributes: { version: '1.26' } },
        headers: { 'if-match': etag },
      });
      expect(updated.statusCode).toBe(200);
      expect(updated.headers.etag).not.toBe(etag);
      const stale = problemOf(
        await api.call(cm, {
          method: 'PUT',
          url: '/api/v1/cis/software/nginx',
          payload: { attributes: { version: '1.27' } },
          headers: { 'if-match': etag },
        }),
      );
      expect(stale).toMatchObject({ status: 412, code: 'CI_MOVED' });
      expect((await api.call('viewer', { url: '/api/v1/cis/software/nginx' })).json().attributes.version).toBe('1.26');
      const bad = problemOf(
        await api.call(cm, { method: 'PUT', url: '/api/v1/cis/software/nginx', payload: { color: 'red' } }),
      );
      expect(bad.errors).toEqual([
        { path: 'body.color', message: 'is not a known field (expected one of status, attributes, labels, message)' },
      ]);
    });

    it.each([
      ['a weak tag of the current version', (etag: string) => `W/${etag}`, 412, 'CI_MOVED'],
      ['only weak tags, one of them current', (etag: string) => `W/"1", W/${etag}`, 412, 'CI_MOVED'],
      ['an empty header', () => '', 400, 'INVALID_IF_MATCH'],
      ['only spaces and commas', () => ' , ', 400, 'INVALID_IF_MATCH'],
      ['an unquoted revision', (etag: string) => etag.replace(/"/g, ''), 400, 'INVALID_IF_MATCH'],
      ['a tag with a stray character', (etag: string) => `${etag}x`, 400, 'INVALID_IF_MATCH'],
    ])('If-Match with %s is refused for a write (RFC 9110 strong comparison)', async (_, ifMatch, status, code) => {
      await api.call(cm, {
        method: 'PUT',
        url: '/api/v1/cis/software/guarded',
        payload: { attributes: { version: '1' } },
      });
      const etag = (await api.call('viewer', { url: '/api/v1/cis/software/guarded' })).headers.etag as string;
      const put = problemOf(
        await api.call(cm, {
          method: 'PUT',
          url: '/api/v1/cis/software/guarded',
          payload: { attributes: { version: 'changed' } },
          headers: { 'if-match': ifMatch(etag) },
        }),
      );
      expect(put).toMatchObject({ status, code });
      const head = (await api.call('viewer', { url: '/api/v1/head' })).headers.etag as string;
      const apply = problemOf(
        await api.call(cm, {
          method: 'POST',
          url: '/api/v1/apply',
          payload: { cis: [{ class: 'software', name: 'guarded', attributes: { version: 'changed' } }] },
          headers: { 'if-match': ifMatch(head) },
        }),
      );
      expect(apply).toMatchObject({ status, code: code === 'CI_MOVED' ? 'HEAD_MOVED' : code });
      expect((await api.call('viewer', { url: '/api/v1/cis/software/guarded' })).json().attributes.version).toBe('1');
    });

    it('If-Match with the strong tag among weak and unknown ones lets the write through', async () => {
      const etag = (await api.call('viewer', { url: '/api/v1/cis/software/guarded' })).headers.etag as string;
      const res = await api.call(cm, {
        method: 'PUT',
        url: '/api/v1/cis/software/guarded',
        payload: { attributes: { version: '2' } },
        headers: { 'if-match': `W/"1", "other", ${etag}` },
      });
      expect(res.statusCode).toBe(200);
    });

    it('deletes one CI honouring If-Match', async () => {
      await api.call(cm, { method: 'PUT', url: '/api/v1/cis/software/tmp', payload: { attributes: { version: '1' } } });
      expect(
        problemOf(
          await api.call(cm, { method: 'DELETE', url: '/api/v1/cis/software/tmp', headers: { 'if-match': '"1"' } }),
        ).status,
      ).toBe(412);
      const etag = (await api.call('viewer', { url: '/api/v1/cis/software/tmp' })).headers.etag as string;
      const res = await api.call(cm, {
        method: 'DELETE',
        url: '/api/v1/cis/software/tmp',
        headers: { 'if-match': etag },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().cis.removed).toBe(1);
      expect(problemOf(await api.call(cm, { method: 'DELETE', url: '/api/v1/cis/software/tmp' })).status).toBe(404);
    });

    it('applies a document as one revision, with If-Match on the head and field errors from the core', async () => {
      const head = await api.call('viewer', { url: '/api/v1/head' });
      const doc = {
        cis: [{ class: 'software', name: 'redis', attributes: { version: '7' } }],
        relations: [{ type: 'runs_on', from: 'software/redis', to: 'server/web-01' }],
        message: 'add redis',
      };
      const applied = await api.call(cm, {
        method: 'POST',
        url: '/api/v1/apply',
        payload: doc,
        headers: { 'if-match': head.headers.etag as string },
      });
      expect(applied.statusCode).toBe(200);
      expect(applied.json()).toMatchObject({
        revision: head.json().rev + 1,
        cis: { added: 1 },
        relations: { added: 1 },
      });
      expect(
        problemOf(
          await api.call(cm, {
            method: 'POST',
            url: '/api/v1/apply',
            payload: doc,
            headers: { 'if-match': head.headers.etag as string },
          }),
        ).code,
      ).toBe('HEAD_MOVED');
      const invalid = problemOf(
        await api.call(cm, {
          method: 'POST',
          url: '/api/v1/apply',
          payload: { cis: [{ class: 'server', name: 'x', attributes: { cpu: 0 } }] },
        }),
      );
      expect(invalid).toMatchObject({
        status: 400,
        code: 'INVALID_DOCUMENT',
        errors: [{ path: 'cis[0].attributes.cpu' }],
      });
      expect(
        problemOf(await api.call(cm, { method: 'POST', url: '/api/v1/apply', payload: { cis: [], extra: 1 } }))
          .errors![0]!.path,
      ).toBe('body.extra');
    });

    it('replays an idempotent POST and refuses the key for another body', async () => {
      const send = (version: string) =>
        api.call(cm, {
          method: 'POST',
          url: '/api/v1/apply',
          payload: { cis: [{ class: 'software', name: 'idem', attributes: { version } }] },
          headers: { 'idempotency-key': `k-${harness.engine}` },
        });
      const first = await send('1');
      const again = await send('1');
      expect(again.statusCode).toBe(first.statusCode);
      expect(again.body).toBe(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(problemOf(await send('2'))).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
      const log = (await api.call('viewer', { url: '/api/v1/revisions?ci=software/idem' })).json();
      expect(log.items).toHaveLength(1);
    });

    it('plans without writing, with impact', async () => {
      const before = (await api.call('viewer', { url: '/api/v1/head' })).json().rev;
      const res = await api.call('requester', {
        method: 'POST',
        url: '/api/v1/plan',
        payload: { cis: [{ class: 'database', name: 'orders-db', attributes: { version: '16.4' } }] },
      });
      expect(res.statusCode).toBe(200);
      const plan = res.json();
      expect(plan.cis[0]).toMatchObject({ ref: 'database/orders-db', action: 'modify' });
      expect(plan.impact.impacted.map((i: { ref: string }) => i.ref)).toEqual([
        'application/shop-frontend',
        'business_service/shop',
      ]);
      expect((await api.call('viewer', { url: '/api/v1/head' })).json().rev).toBe(before);
    });

    it('keeps change control over HTTP: a controlled CI cannot be edited directly', async () => {
      const res = problemOf(
        await api.call(cm, {
          method: 'PUT',
          url: '/api/v1/cis/database/orders-db',
          payload: { attributes: { version: '17' } },
        }),
      );
      expect(res.status).toBe(403);
      expect(res.detail).toMatch(/change/);
    });

    it('deletes several CIs, walks impact, log, one revision, diff and revert plan', async () => {
      await api.call(cm, {
        method: 'POST',
        url: '/api/v1/apply',
        payload: {
          cis: [
            { class: 'software', name: 'd1' },
            { class: 'software', name: 'd2' },
          ],
        },
      });
      const del = await api.call(cm, {
        method: 'POST',
        url: '/api/v1/delete',
        payload: { cis: ['software/d1', 'software/d2'] },
      });
      expect(del.json().cis.removed).toBe(2);
      expect(
        problemOf(await api.call(cm, { method: 'POST', url: '/api/v1/delete', payload: { cis: ['software/d1'] } }))
          .status,
      ).toBe(404);
      expect(
        problemOf(await api.call(cm, { method: 'POST', url: '/api/v1/delete', payload: { cis: ['nope'] } })).status,
      ).toBe(400);
      const impact = (await api.call('viewer', { url: '/api/v1/impact?ci=server/web-01&depth=1' })).json();
      expect(impact.impacted.map((i: { ref: string }) => i.ref)).toEqual([
        'application/shop-frontend',
        'software/redis',
      ]);
      expect((await api.call('viewer', { url: '/api/v1/impact?ci=server/web-01&at=2' })).json().count).toBe(2);
      expect(problemOf(await api.call('viewer', { url: '/api/v1/impact?ci=server/web-01&depth=99' })).status).toBe(400);
      const log = (await api.call('viewer', { url: '/api/v1/revisions?limit=2' })).json();
      expect(log.items).toHaveLength(2);
      // Revisions are numbered without gaps: the first page's total is the head revision.
      expect(log.total).toBe(log.items[0].rev);
      const older = (await api.call('viewer', { url: `/api/v1/revisions?limit=2&cursor=${log.nextCursor}` })).json();
      expect(older.items[0].rev).toBe(log.items[1].rev - 1);
      expect(older.total).toBeUndefined();
      expect((await api.call('viewer', { url: '/api/v1/revisions/2' })).json()).toMatchObject({
        rev: 2,
        author: 'tester',
      });
      expect(problemOf(await api.call('viewer', { url: '/api/v1/revisions/9999' })).code).toBe('REVISION_NOT_FOUND');
      const diff = (await api.call('viewer', { url: '/api/v1/diff?from=1&to=2' })).json();
      expect(diff.added).toHaveLength(6);
      expect(problemOf(await api.call('viewer', { url: '/api/v1/diff' })).errors![0]!.path).toBe('querystring.from');
      const revert = (await api.call('viewer', { url: '/api/v1/revert-plan?to=2' })).json();
      expect(revert.target).toBe(2);
      expect(revert.plan.delete.cis).toContain('software/redis');
      expect((await api.call('auditor', { url: '/api/v1/audit/verify' })).json()).toMatchObject({ ok: true });
      expect((await api.call('viewer', { url: '/api/v1/audit/verify' })).statusCode).toBe(403);
    });

    it('creates, lists and shows baselines; refuses duplicates', async () => {
      const created = await api.call(cm, {
        method: 'POST',
        url: '/api/v1/baselines',
        payload: { name: 'golden', at: '2', description: 'first estate' },
      });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ name: 'golden', rev: 2, author: 'token:t-configuration_manager' });
      expect(
        problemOf(await api.call(cm, { method: 'POST', url: '/api/v1/baselines', payload: { name: 'golden' } })),
      ).toMatchObject({ status: 409, code: 'BASELINE_EXISTS' });
      expect(
        problemOf(await api.call(cm, { method: 'POST', url: '/api/v1/baselines', payload: { name: '42' } })).code,
      ).toBe('INVALID_BASELINE_NAME');
      expect(
        (await api.call('viewer', { url: '/api/v1/baselines' })).json().map((b: { name: string }) => b.name),
      ).toEqual(['golden']);
      expect((await api.call('viewer', { url: '/api/v1/baselines/golden' })).json()).toMatchObject({ rev: 2, cis: 6 });
      expect(problemOf(await api.call('viewer', { url: '/api/v1/baselines/none' })).status).toBe(404);
      expect((await api.call('viewer', { url: '/api/v1/diff?from=golden' })).statusCode).toBe(200);
    });

    it('serves the class registry and applies class changes', async () => {
      const model = (await api.call('viewer', { url: '/api/v1/classes' })).json();
      expect(model.classes.map((c: { name: string }) => c.name)).toContain('server');
      expect((await api.call('viewer', { url: '/api/v1/classes/linux_server' })).json().lineage).toEqual([
        'linux_server',
        'server',
        'hardware',
      ]);
      expect(problemOf(await api.call('viewer', { url: '/api/v1/classes/nope' })).code).toBe('CLASS_NOT_FOUND');
      const applied = await api.call(cm, {
        method: 'POST',
        url: '/api/v1/classes/apply',
        payload: { classes: [{ name: 'printer', parent: 'hardware' }] },
      });
      expect(applied.json().classes).toBe(1);
      expect(
        problemOf(
          await api.call('implementer', { method: 'POST', url: '/api/v1/classes/apply', payload: { classes: [] } }),
        ).status,
      ).toBe(403);
    });

    it('answers unknown routes and health checks', async () => {
      expect(problemOf(await api.call('viewer', { url: '/api/v1/nothing' })).code).toBe('ROUTE_NOT_FOUND');
      expect((await api.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
      const head = await api.s.history.headRev();
      expect(head).toBeGreaterThan(0);
      expect((await api.app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready', revision: head });
      const metrics = await api.app.inject({ url: '/metrics' });
      expect(metrics.body).toMatch(/cairn_http_requests_total\{method="GET",route="\/api\/v1\/cis",status="200"\} \d+/);
      expect(metrics.body).toMatch(
        /cairn_http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/api\/v1\/cis"\}/,
      );
      expect(metrics.body).toContain(`\ncairn_revisions_total ${head}\n`);
      const res = await api.call('viewer', { url: '/api/v1/head', headers: { 'x-request-id': 'trace-123' } });
      expect(res.headers['x-request-id']).toBe('trace-123');
    });
  });
}
