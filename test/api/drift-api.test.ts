/* eslint-disable @typescript-eslint/no-unsafe-call -- response bodies are untyped JSON */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiServices } from '../../src/api/services.js';
import { readObservation } from '../../src/cli/commands/drift-output.js';
import { DriftService } from '../../src/core/drift/drift.service.js';
import { createCmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import { systemClock } from '../../src/core/shared/clock.js';
import { openStore } from '../../src/store/connect.js';
import { KyselyDriftStore } from '../../src/store/repositories/drift/drift.store.js';
import { engines } from '../helpers/engines.js';
import { newApi, problemOf, type ApiHarness } from './api-harness.js';
import { startReceiver, waitFor } from './receiver.js';

const observed = (version: string) =>
  `cis:\n  - { class: database, name: orders-db, attributes: { engine: postgresql, version: "${version}", environment: production } }\n`;

for (const harness of engines()) {
  describe(`drift over HTTP on ${harness.engine}`, () => {
    let api: ApiHarness;
    let dbUrl: string;
    const dir = mkdtempSync(join(tmpdir(), 'cairn-drift-api-'));
    beforeAll(async () => {
      dbUrl = await harness.newDatabaseUrl();
      api = await newApi(
        { ...harness, newStore: () => openStore(dbUrl) },
        { services: { readObservation, changeControl: false } },
      );
      api.s.jobs.start();
    });
    afterAll(async () => {
      await api.close();
      await api.store.close();
      await harness.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it('publishes drift.detected with the unauthorized findings, and serves findings and observations', async () => {
      const rx = await startReceiver();
      const { id } = (
        await api.call('admin', {
          method: 'POST',
          url: '/api/v1/webhooks',
          payload: { url: rx.url, events: ['drift.*'] },
        })
      ).json();
      const file = join(dir, 'live.yaml');
      writeFileSync(file, observed('16.9'));
      const obs = await readObservation(file, undefined, undefined);
      const report = await api.s.drift.check({
        observed: obs.state,
        source: 'probe',
        format: obs.format,
        author: 'tester',
      });
      expect(report.summary.unauthorized).toBe(1);
      await waitFor(() => rx.received.length === 1);
      const event = JSON.parse(rx.received[0]!.body);
      expect(event).toMatchObject({
        type: 'drift.detected',
        data: {
          observation: { id: report.observation.id, source: 'probe' },
          source: 'probe',
          summary: { modified: 1, unauthorized: 1 },
          truncated: false,
        },
      });
      expect(event.data.findings).toEqual([
        expect.objectContaining({ ref: 'database/orders-db', kind: 'modified', classification: 'unauthorized' }),
      ]);

      const findings = await api.call('viewer', { url: '/api/v1/drift/findings?source=probe&state=open' });
      expect(findings.statusCode).toBe(200);
      const stored = await api.s.drift.listFindings({ source: 'probe', state: 'open', limit: 1000 });
      expect(findings.json()).toEqual({ items: stored, nextCursor: null, total: stored.length });
      const o = await api.call('viewer', { url: `/api/v1/drift/observations/${report.observation.id}` });
      expect(o.json()).toEqual(report.observation);
      expect(problemOf(await api.call('viewer', { url: '/api/v1/drift/observations/OBS-999' })).code).toBe(
        'DRIFT_OBSERVATION_NOT_FOUND',
      );
      expect(problemOf(await api.call('viewer', { url: '/api/v1/drift/findings?kind=odd' })).status).toBe(400);
      expect((await api.call(null, { url: '/api/v1/drift/findings' })).statusCode).toBe(401);
      await api.call('admin', { method: 'DELETE', url: `/api/v1/webhooks/${id}` });
      await rx.close();
    });

    it('manages schedules with roles, and runs a due one through the job queue once, with two servers', async () => {
      const file = join(dir, 'scheduled.yaml');
      writeFileSync(file, observed('17.0'));
      const body = { source: 'nightly', file, every: '1h' };
      expect(
        problemOf(await api.call('viewer', { method: 'POST', url: '/api/v1/drift/schedules', payload: body })).status,
      ).toBe(403);
      expect(
        problemOf(
          await api.call('configuration_manager', {
            method: 'POST',
            url: '/api/v1/drift/schedules',
            payload: { ...body, every: '5s' },
          }),
        ).code,
      ).toBe('DRIFT_SCHEDULE_INVALID');
      const created = await api.call('configuration_manager', {
        method: 'POST',
        url: '/api/v1/drift/schedules',
        payload: body,
      });
      expect(created.statusCode, created.body).toBe(201);
      const schedule = created.json();
      expect(schedule).toMatchObject({ source: 'nightly', format: 'cairn', everySeconds: 3600, lastRunAt: null });
      expect(
        problemOf(
          await api.call('configuration_manager', { method: 'POST', url: '/api/v1/drift/schedules', payload: body }),
        ).code,
      ).toBe('DRIFT_SCHEDULE_EXISTS');
      expect(
        (await api.call('viewer', { url: '/api/v1/drift/schedules' })).json().map((s: { id: string }) => s.id),
      ).toEqual([schedule.id]);

      // A second server on the same database: both look for due schedules at once; one enqueues.
      const otherStore = await openStore(dbUrl);
      const other = await createApiServices(otherStore, { readObservation, worker: 'other' });
      try {
        const rx = await startReceiver();
        await api.call('admin', {
          method: 'POST',
          url: '/api/v1/webhooks',
          payload: { url: rx.url, events: ['drift.detected'] },
        });
        const queued = await Promise.all([api.s.driftSchedules.enqueueDue(), other.driftSchedules.enqueueDue()]);
        expect(queued.sort()).toEqual([0, 1]);
        expect(await other.driftSchedules.enqueueDue()).toBe(0); // not due again for an hour
        await Promise.all([api.s.jobs.poll(), other.jobs.poll()]);
        await api.s.jobs.drain();
        await other.jobs.drain();
        await waitFor(
          async () => (await api.call('viewer', { url: '/api/v1/drift/schedules' })).json()[0].lastObservation !== null,
        );
        const [ran] = (await api.call('viewer', { url: '/api/v1/drift/schedules' })).json();
        expect(ran).toMatchObject({ lastError: null, lastObservation: expect.stringMatching(/^OBS-\d+$/) });
        expect(Date.parse(ran.nextRunAt) - Date.parse(ran.lastRunAt)).toBeGreaterThan(3_500_000);
        const stored = (await api.call('viewer', { url: `/api/v1/drift/findings?source=nightly` })).json().items;
        expect(stored).toEqual([
          expect.objectContaining({ ref: 'database/orders-db', observationId: ran.lastObservation }),
        ]);
        await waitFor(() => rx.received.length === 1);
        expect(JSON.parse(rx.received[0]!.body).data.observation.id).toBe(ran.lastObservation);
        await rx.close();
      } finally {
        await other.jobs.stop();
        await otherStore.close();
      }
      expect(
        (await api.call('configuration_manager', { method: 'DELETE', url: `/api/v1/drift/schedules/${schedule.id}` }))
          .statusCode,
      ).toBe(204);
      expect(
        problemOf(
          await api.call('configuration_manager', { method: 'DELETE', url: `/api/v1/drift/schedules/${schedule.id}` }),
        ).code,
      ).toBe('DRIFT_SCHEDULE_NOT_FOUND');
    });

    it('serves findings a page at a time: limit, cursor, the total on the first page, at most 1000 a page', async () => {
      const cis = ['a', 'b', 'c'].map((name) => ({ class: 'server', name: `paged-${name}` }));
      await api.s.drift.check({ observed: { cis, relations: [] }, source: 'pager', format: 'cairn', author: 'tester' });
      const first = await api.call('viewer', { url: '/api/v1/drift/findings?source=pager&kind=unexpected&limit=2' });
      expect(first.statusCode, first.body).toBe(200);
      const page = first.json();
      expect(page).toMatchObject({
        items: [{ ref: 'server/paged-a' }, { ref: 'server/paged-b' }],
        total: 3,
        nextCursor: expect.any(String),
      });
      const second = (
        await api.call('viewer', {
          url: `/api/v1/drift/findings?source=pager&kind=unexpected&limit=2&cursor=${page.nextCursor}`,
        })
      ).json();
      expect(second).toEqual({ items: [expect.objectContaining({ ref: 'server/paged-c' })], nextCursor: null });
      expect(problemOf(await api.call('viewer', { url: '/api/v1/drift/findings?limit=1001' })).status).toBe(400);
      expect(problemOf(await api.call('viewer', { url: '/api/v1/drift/findings?cursor=nonsense' })).code).toBe(
        'INVALID_CURSOR',
      );
    });

    it('reviews accepted drift and accepts with --emergency only for roles that may write the CMDB', async () => {
      await api.s.drift.check({
        observed: { cis: [{ class: 'server', name: 'reviewed-1' }], relations: [] },
        source: 'review',
        format: 'cairn',
        author: 'tester',
      });
      const body = { allOpen: true, source: 'review', emergency: { reason: 'outage' } };
      expect(
        problemOf(await api.call('viewer', { method: 'POST', url: '/api/v1/drift/accept', payload: body })).status,
      ).toBe(403);
      expect(
        problemOf(
          await api.call('configuration_manager', {
            method: 'POST',
            url: '/api/v1/drift/accept',
            payload: { ...body, emergency: { reason: '' } },
          }),
        ).status,
      ).toBe(400);
      const accepted = await api.call('configuration_manager', {
        method: 'POST',
        url: '/api/v1/drift/accept',
        payload: body,
      });
      expect(accepted.statusCode, accepted.body).toBe(200);
      const { revision } = accepted.json();
      const url = `/api/v1/drift/reviews/${revision}`;
      expect(problemOf(await api.call('viewer', { method: 'POST', url, payload: {} })).status).toBe(403);
      const reviewed = await api.call('configuration_manager', {
        method: 'POST',
        url,
        payload: { note: 'planned upgrade' },
      });
      expect(reviewed.json()).toEqual({
        rev: revision,
        reviewedBy: 'token:t-configuration_manager',
        reviewedAt: expect.any(String),
        note: 'planned upgrade',
      });
      expect(problemOf(await api.call('configuration_manager', { method: 'POST', url, payload: {} })).code).toBe(
        'DRIFT_REVIEW_NOT_FOUND',
      );
    });

    it('stores and serves source authority rules, refusing bad ones with every field named', async () => {
      const latest = await api.s.drift.authorityRules();
      const before = await api.call('viewer', { url: '/api/v1/drift/authority' });
      expect(before.statusCode).toBe(200);
      expect(before.json()).toEqual(latest ? expect.objectContaining({ version: latest.version }) : null);
      const rules = {
        sources: [{ name: 'probe', classes: ['server'], attributes: ['serial_number'], description: 'the probe' }],
      };
      expect(
        problemOf(await api.call('viewer', { method: 'PUT', url: '/api/v1/drift/authority', payload: rules })).status,
      ).toBe(403);
      const applied = await api.call('configuration_manager', {
        method: 'PUT',
        url: '/api/v1/drift/authority',
        payload: rules,
      });
      expect(applied.json()).toMatchObject({ version: (latest?.version ?? 0) + 1, rules, created: true });
      expect(
        (
          await api.call('configuration_manager', { method: 'PUT', url: '/api/v1/drift/authority', payload: rules })
        ).json(),
      ).toMatchObject({ created: false });
      expect((await api.call('viewer', { url: '/api/v1/drift/authority' })).json()).toMatchObject({
        rules,
        author: 'token:t-configuration_manager',
      });
      const bad = problemOf(
        await api.call('configuration_manager', {
          method: 'PUT',
          url: '/api/v1/drift/authority',
          payload: { sources: [{ name: 'x', classes: ['nope'], colour: 1 }] },
        }),
      );
      expect(bad).toMatchObject({
        code: 'DRIFT_AUTHORITY_INVALID',
        errors: expect.arrayContaining([expect.objectContaining({ path: 'sources[0].colour' })]),
      });
    });

    it('refuses a check whose items are not CIs, naming each bad one', async () => {
      const res = await api.call('configuration_manager', {
        method: 'POST',
        url: '/api/v1/drift/check',
        payload: { source: 'probe', observed: { cis: [{ class: 'server' }, { name: 'x', colour: 1 }] } },
      });
      expect(problemOf(res)).toMatchObject({
        status: 400,
        code: 'DRIFT_OBSERVATION_INVALID',
        errors: expect.arrayContaining([
          expect.objectContaining({ path: 'observed.cis[0].name' }),
          expect.objectContaining({ path: 'observed.cis[1].colour' }),
        ]),
      });
    });

    it('records a schedule whose file cannot be read, and keeps running', async () => {
      const s = await api.s.driftSchedules.add(
        { source: 'broken', file: join(dir, 'nope.yaml'), every: '1m' },
        'tester',
      );
      const ran = await api.s.driftSchedules.run(s.id);
      expect(ran).toMatchObject({ lastObservation: null, lastError: expect.stringMatching(/nope\.yaml/) });
      await api.s.driftSchedules.remove(s.id);
    });

    it('applies source authority rules stored by another process from its next write request', async () => {
      const importWrite = (version: string) =>
        api.s.cmdb.apply(
          { cis: [{ class: 'database', name: 'orders-db', attributes: { version } }] },
          { author: 'tester', message: 'import', source: 'import:other' },
        );
      expect(api.s.authority.check('database', 'version', 'import:other')).toBe(true);
      // `cairn drift authority apply` in a CLI process: another connection, another DriftService.
      const store = await openStore(dbUrl);
      try {
        const cmdb = createCmdbServices(store);
        const drift = new DriftService({
          store,
          drift: new KyselyDriftStore(store),
          cmdb: cmdb.cmdb,
          clock: systemClock,
        });
        await drift.applyAuthority(
          { sources: [{ name: 'glpi', classes: ['database'], attributes: ['version'] }] },
          'admin',
        );
      } finally {
        await store.close();
      }
      // Any write request makes the server look at the rules' version first.
      expect(
        (
          await api.call('configuration_manager', {
            method: 'PUT',
            url: '/api/v1/cis/database/orders-db',
            payload: { attributes: { version: '16.5' } },
          })
        ).statusCode,
      ).toBe(200);
      expect(api.s.authority.check('database', 'version', 'import:other')).toBe(false);
      expect(api.s.authority.check('database', 'version', 'import:glpi')).toBe(true);
      await importWrite('16.6');
      const ci = (await api.call('viewer', { url: '/api/v1/cis/database/orders-db' })).json();
      expect(ci.attributes.version).toBe('16.5'); // glpi owns it now: another source's import leaves it alone
    });
  });
}
