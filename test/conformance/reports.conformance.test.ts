import { afterAll, describe, expect, it } from 'vitest';
import { MetricsService } from '../../src/core/report/metrics.service.js';
import { ReportService } from '../../src/core/report/report.service.js';
import type { ReportDocument, ReportRow } from '../../src/core/report/report-document.js';
import { KyselyCmdbStore } from '../../src/store/connect.js';
import { KyselyDeploymentStore } from '../../src/store/repositories/release/deployment.store.js';
import { KyselyReleaseStore } from '../../src/store/repositories/release/release.store.js';
import { engines } from '../helpers/engines.js';
import { meta } from '../helpers/fixtures.js';
import { authorized, changeDoc, changeWorld, cpu, implementInWindow, type ChangeWorld } from './change.harness.js';

/** The rows of the report's section with this heading. */
function rows(doc: ReportDocument, heading: string): ReportRow[] {
  const found = doc.sections.find((s) => s.heading === heading);
  if (!found) throw new Error(`no section "${heading}" in ${doc.sections.map((s) => s.heading).join(', ')}`);
  return found.rows;
}

function reports(w: ChangeWorld): ReportService {
  // changeWorld builds its services on the Kysely store it is given; deployments read the same database.
  if (!(w.store instanceof KyselyCmdbStore)) throw new Error('the change world is not on a Kysely store');
  return new ReportService({
    store: w.store,
    changes: w.changeStore,
    cmdb: w.cmdb,
    history: w.history,
    baselines: w.baselines,
    deployments: new KyselyDeploymentStore(w.store),
    environments: w.environments,
    clock: w.clock,
  });
}

function measures(w: ChangeWorld, store: KyselyCmdbStore): MetricsService {
  return new MetricsService({
    changes: w.changeStore,
    deployments: new KyselyDeploymentStore(store),
    releases: new KyselyReleaseStore(store.kysely, store.engine),
    clock: w.clock,
  });
}

/*
 * Status accounting and audit records read the same on both engines: grouped counts worked out by
 * hand from the small estate (business service, application, database, two servers, a rack), as of
 * now and as of a past revision, a baseline's contents, and the full record of a CI and a change.
 */
for (const harness of engines()) {
  describe(`reports on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it('counts CIs by class, status and environment, now and as of a past revision', async () => {
      const w = await changeWorld(await harness.newStore());
      const estate = await w.history.headRev();
      await w.cmdb.apply(
        {
          cis: [
            { class: 'rack', name: 'r1', status: 'retired' },
            { class: 'server', name: 'web-03', attributes: { environment: 'staging', cpu: 2 } },
            { class: 'server', name: 'web-04', attributes: { environment: 'staging', cpu: 2 } },
          ],
          relations: [],
        },
        meta('more servers'),
      );
      const now = await reports(w).cis();
      expect(now.revision).toBe(estate + 1);
      expect(rows(now, 'CIs by class, status and environment')).toEqual([
        { class: 'application', status: 'active', environment: 'production', count: 1 },
        { class: 'business_service', status: 'active', environment: null, count: 1 },
        { class: 'database', status: 'active', environment: 'production', count: 1 },
        { class: 'linux_server', status: 'active', environment: 'staging', count: 1 },
        { class: 'rack', status: 'retired', environment: null, count: 1 },
        { class: 'server', status: 'active', environment: 'production', count: 1 },
        { class: 'server', status: 'active', environment: 'staging', count: 2 },
      ]);
      expect(rows(now, 'CIs by environment')).toEqual([
        { environment: 'production', count: 3 },
        { environment: 'staging', count: 3 },
        { environment: null, count: 2 },
      ]);
      expect(now.summary).toEqual([
        { label: 'CIs', value: 8 },
        { label: 'Classes', value: 6 },
        { label: 'Environments', value: 2 },
      ]);

      const before = await reports(w).cis(String(estate));
      expect(before.revision).toBe(estate);
      expect(rows(before, 'CIs by status')).toEqual([{ status: 'active', count: 6 }]);
      expect(rows(before, 'CIs by class')).toContainEqual({ class: 'server', count: 1 });
    });

    it('counts changes by state, type and risk, in the lifecycle order', async () => {
      const w = await changeWorld(await harness.newStore());
      const draft = await w.changes.create(changeDoc(cpu(4)), 'alice');
      const first = await authorized(w);
      const second = await authorized(
        w,
        changeDoc(cpu(6), { window: { start: '2026-12-02T01:00:00Z', end: '2026-12-02T02:00:00Z' } }),
      );
      const standard = await w.changes.create(
        { ...changeDoc(cpu(16)), type: 'standard', template: 'resize-server' },
        'alice',
      );
      const riskOf = async (ref: string) => (await w.changes.get(ref)).risk?.level ?? null;
      const doc = await reports(w).changes();
      expect(doc.summary).toEqual([{ label: 'Changes', value: 4 }]);
      expect(rows(doc, 'Changes by state')).toEqual([
        { state: 'authorized', count: 2 },
        { state: 'draft', count: 2 },
      ]);
      expect(rows(doc, 'Changes by type')).toEqual([
        { type: 'normal', count: 3 },
        { type: 'standard', count: 1 },
      ]);
      // The state column follows the lifecycle (draft before authorized); each row's risk is the change's own.
      const detail = rows(doc, 'Changes by state, type and risk');
      expect([...new Set(detail.map((r) => `${r.state}/${r.type}`))]).toEqual([
        'draft/standard',
        'draft/normal',
        'authorized/normal',
      ]);
      expect(detail).toContainEqual({ state: 'draft', type: 'normal', risk: await riskOf(draft.ref), count: 1 });
      expect(detail).toContainEqual({ state: 'draft', type: 'standard', risk: await riskOf(standard.ref), count: 1 });
      const authorizedRisks = [await riskOf(first), await riskOf(second)];
      const authorizedRows = detail.filter((r) => r.state === 'authorized');
      expect(authorizedRows.reduce((n, r) => n + (r.count as number), 0)).toBe(2);
      for (const r of authorizedRows) expect(authorizedRisks).toContain(r.risk);
    });

    it('lists baselines with their CI counts, and a baseline holds what the CMDB held at its revision', async () => {
      const w = await changeWorld(await harness.newStore());
      await w.baselines.create({ name: 'go-live', author: 'erin', description: 'At go-live' });
      await w.cmdb.apply(
        { cis: [{ class: 'rack', name: 'r2', attributes: { u_height: 42 } }], relations: [] },
        meta('a second rack'),
      );
      await w.baselines.create({ name: 'after-racks', author: 'erin' });
      const list = await reports(w).baselines();
      expect(rows(list, 'Baselines, oldest first').map((r) => [r.name, r.cis, r.author])).toEqual([
        ['go-live', 6, 'erin'],
        ['after-racks', 7, 'erin'],
      ]);
      const held = await reports(w).baseline('go-live');
      const cis = rows(held, 'What go-live holds (CMDB revision ' + held.revision + ')');
      expect(cis.map((r) => `${r.class}/${r.name}`)).toEqual([
        'application/shop-frontend',
        'business_service/shop',
        'database/orders-db',
        'linux_server/web-02',
        'rack/r1',
        'server/web-01',
      ]);
      expect(cis.find((r) => r.name === 'web-02')).toMatchObject({ status: 'active', environment: 'staging' });
      await expect(reports(w).baseline('nope')).rejects.toMatchObject({ code: 'BASELINE_NOT_FOUND' });
    });

    it("gives a CI's full record: attributes with their source, relationships both ways, revisions and changes", async () => {
      const w = await changeWorld(await harness.newStore());
      const ref = await authorized(w);
      await w.changes.schedule(ref, 'bob');
      const implemented = await implementInWindow(w, ref, 'bob');
      const doc = await reports(w).ci({ class: 'server', name: 'web-01' });
      expect(rows(doc, 'Attributes')).toContainEqual({ attribute: 'cpu', value: 8, setBy: expect.any(String) });
      expect(rows(doc, 'Relationships')).toEqual(
        expect.arrayContaining([
          { relationship: 'hosts', ci: 'application/shop-frontend', since: expect.any(Number) },
          { relationship: 'contained in', ci: 'rack/r1', since: expect.any(Number) },
        ]),
      );
      const revisions = rows(doc, 'Revisions that wrote it, newest first');
      expect(revisions[0]).toMatchObject({ change: ref, rev: implemented.change.implementedRevision });
      expect(revisions).toHaveLength(2);
      expect(rows(doc, 'Changes whose plan touches it')).toEqual([
        expect.objectContaining({
          change: ref,
          state: 'implemented',
          implemented: implemented.change.implementedRevision,
        }),
      ]);
      await expect(reports(w).ci({ class: 'server', name: 'ghost' })).rejects.toMatchObject({ code: 'CI_NOT_FOUND' });
    });

    it('measures change metrics from the stored records, and refuses a period that ends before it starts', async () => {
      const store = await harness.newStore();
      const w = await changeWorld(store);
      const done = await authorized(w);
      await w.changes.schedule(done, 'bob');
      await implementInWindow(w, done, 'bob');
      await w.changes.create(changeDoc(cpu(4), { type: 'emergency' }), 'alice');
      const doc = await measures(w, store).report({ from: '2026-11-01T00:00:00Z', to: '2027-01-01T00:00:00Z' });
      expect(doc.title).toBe('Change metrics, 2026-11-01T00:00:00.000Z to 2027-01-01T00:00:00.000Z');
      expect(doc.summary.slice(0, 3)).toEqual([
        { label: 'Change success rate', value: '100.0 %' },
        { label: 'Emergency changes', value: '50.0 %' },
        { label: 'Unauthorized changes', value: 0 },
      ]);
      // Per service: both changes plan server/web-01; none touches the database.
      const period = { from: '2026-11-01T00:00:00Z', to: '2027-01-01T00:00:00Z' };
      await w.cmdb.apply(
        { cis: [{ class: 'server', name: 'web-01', attributes: { cpu: 32 } }], relations: [] },
        { ...meta(), emergency: { reason: 'outage INC-7' } },
      );
      const web = await measures(w, store).report({ ...period, service: 'server/web-01' });
      expect(web.figures.change).toMatchObject({ implemented: 1, raised: 2, emergency: 1, unauthorized: 1 });
      const db = await measures(w, store).report({ ...period, service: 'database/orders-db' });
      expect(db.figures.change).toMatchObject({ implemented: 0, raised: 0, unauthorized: 0, successRate: null });
      const before = await measures(w, store).report({ from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' });
      expect(before.summary[0]).toEqual({ label: 'Change success rate', value: 'n/a' });
      await expect(measures(w, store).report({ from: '2026-12-01', to: '2026-11-01' })).rejects.toMatchObject({
        code: 'INVALID_TIME',
        fields: [{ path: 'to', message: 'must be after from' }],
      });
      await expect(measures(w, store).report({ from: 'last week' })).rejects.toMatchObject({
        fields: [{ path: 'from', message: 'must be an ISO-8601 time' }],
      });
    });

    it("gives a change's full record: request, plan, approvals, every step and the revision it wrote", async () => {
      const w = await changeWorld(await harness.newStore());
      const ref = await authorized(w);
      await w.changes.schedule(ref, 'bob');
      const implemented = await implementInWindow(w, ref, 'bob', 'done');
      const doc = await reports(w).change(ref);
      expect(doc.title).toBe(`${ref}: A change`);
      expect(doc.summary).toContainEqual({ label: 'State', value: 'implemented' });
      expect(rows(doc, 'The plan')).toEqual([
        { action: 'set', what: 'server/web-01', detail: JSON.stringify({ attributes: { cpu: 8 } }) },
      ]);
      expect(rows(doc, 'Approvals').map((a) => [a.by, a.group, a.decision, a.counts])).toEqual([
        ['carol', 'cab', 'approve', 'yes'],
        ['frank', 'cab', 'approve', 'yes'],
      ]);
      expect(rows(doc, 'History').map((h) => h.event)).toEqual([
        'submit',
        'authorize',
        'schedule',
        'implement',
        'complete',
      ]);
      expect(rows(doc, 'Revisions it wrote')).toEqual([
        expect.objectContaining({ rev: implemented.change.implementedRevision, change: ref, author: 'bob' }),
      ]);
      await expect(reports(w).change('CHG-999')).rejects.toMatchObject({ code: 'CHANGE_NOT_FOUND' });
    });
  });
}
