import { sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/store/migrations/index.js';
import type { ReportDocument, ReportRow } from '../../src/core/report/report-document.js';
import { engines } from '../helpers/engines.js';
import { meta } from '../helpers/fixtures.js';
import { PROMOTION_POLICY, SERVICE, promotionWorld } from './promotion.harness.js';

function rows(doc: ReportDocument, heading: RegExp): ReportRow[] {
  const found = doc.sections.find((s) => heading.test(s.heading));
  if (!found) throw new Error(`no section ${String(heading)} in ${doc.sections.map((s) => s.heading).join(', ')}`);
  return found.rows;
}

const figure = (doc: ReportDocument, label: string) => doc.summary.find((f) => f.label === label)?.value;

/** The promotion world, with a template so that production deployments open their own standard change. */
const TEMPLATED = {
  ...PROMOTION_POLICY,
  templates: [
    {
      name: 'deploy-application',
      description: 'A new version of an application',
      classes: [{ class: 'application', attributes: ['version'] }],
    },
  ],
};

/*
 * The configuration audit of a baseline reads the same on both engines: after the baseline, a
 * release deployed to production through a standard change, a direct write and an emergency write;
 * each difference is credited to its revision, and only the two writes nothing authorized are flagged.
 */
for (const harness of engines()) {
  describe(`configuration audit and releases by environment on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    async function audited() {
      const w = await promotionWorld(await harness.newStore(), TEMPLATED);
      const baseline = await w.s.baselines.create({ name: 'go-live', author: 'carol' });
      await w.toStaging('1.0.0');
      await w.approveProduction('1.0.0');
      const prod = await w.promote('1.0.0', 'production');
      const direct = await w.s.cmdb.apply({ cis: [{ class: 'rack', name: 'r9' }], relations: [] }, meta('a rack'));
      const emergency = await w.s.cmdb.apply(
        { cis: [{ class: 'server', name: 'web-01', attributes: { cpu: 32 } }], relations: [] },
        { author: 'olga', message: 'more cpu', emergency: { reason: 'load spike' } },
      );
      return { w, baseline, prod, direct: direct.revision!.rev, emergency: emergency.revision!.rev };
    }

    it('credits each difference since the baseline to the change or release that explains it, and flags the rest', async () => {
      const { w, baseline, prod, direct, emergency } = await audited();
      const doc = await w.s.reports.audit('go-live');
      expect(doc.report).toBe('audit');
      expect(doc.revision).toBe(emergency);
      const differences = rows(doc, /^Differences since go-live/).map((r) => [
        r['item'],
        r['difference'],
        r['field'],
        r['from'],
        r['to'],
        r['rev'],
        r['change'],
        r['release'],
        r['flagged'],
      ]);
      expect(differences).toEqual([
        [
          'application/shop-frontend',
          'modified',
          'attributes.version',
          null,
          '1.0.0',
          prod.revision,
          prod.change,
          `${SERVICE} 1.0.0 → production`,
          false,
        ],
        ['rack/r9', 'added', null, null, null, direct, null, null, true],
        ['server/web-01', 'modified', 'attributes.cpu', 2, 32, emergency, null, null, true],
      ]);
      expect(rows(doc, /^Differences no change/).map((r) => [r['item'], r['explanation']])).toEqual([
        ['rack/r9', 'no change or release explains it'],
        ['server/web-01', 'emergency write ("load spike") with no retrospective change attached'],
      ]);
      expect(rows(doc, /^Writes since the baseline/).map((r) => [r['rev'], r['differences']])).toEqual([
        [direct, 1],
        [emergency, 1],
      ]);
      expect(rows(doc, /^Revisions behind/).map((r) => [r['rev'], r['differences'], r['flagged']])).toEqual([
        [prod.revision, 1, false],
        [direct, 1, true],
        [emergency, 1, true],
      ]);
      expect(doc.summary).toEqual([
        { label: 'Baseline', value: 'go-live' },
        { label: 'Baseline revision', value: baseline.rev },
        { label: 'Audited at revision', value: emergency },
        { label: 'CIs in the baseline', value: 6 },
        { label: 'Differences', value: 3 },
        { label: 'Explained by a change', value: 1 },
        { label: 'Explained by a release', value: 1 },
        { label: 'Unexplained', value: 2 },
        { label: 'Writes nothing authorized', value: 2 },
      ]);
      expect(rows(doc, /^What go-live holds/)).toContainEqual({ class: 'server', status: 'active', count: 1 });
    });

    it('audits up to an earlier point, and refuses a point before the baseline', async () => {
      const { w, prod, direct } = await audited();
      const doc = await w.s.reports.audit('go-live', String(prod.revision));
      expect(doc.revision).toBe(prod.revision);
      expect(figure(doc, 'Differences')).toBe(1);
      expect(figure(doc, 'Unexplained')).toBe(0);
      expect(rows(doc, /^Differences no change/)).toEqual([]);
      await w.s.baselines.create({ name: 'later', author: 'carol' });
      await expect(w.s.reports.audit('later', String(direct))).rejects.toMatchObject({
        code: 'AUDIT_POINT_BEFORE_BASELINE',
        fields: [{ path: 'to', message: expect.stringMatching(/^must be at or after revision \d+$/) }],
      });
      await expect(w.s.reports.audit('nope')).rejects.toMatchObject({ code: 'BASELINE_NOT_FOUND' });
    });

    it('lists a write nothing authorized even when a later write undid it and it leaves no difference', async () => {
      const w = await promotionWorld(await harness.newStore(), TEMPLATED);
      await w.s.baselines.create({ name: 'go-live', author: 'carol' });
      const rack = { class: 'rack', name: 'r1' };
      const set = await w.s.cmdb.apply({ cis: [{ ...rack, labels: { row: 'b' } }], relations: [] }, meta('label'));
      const unset = await w.s.cmdb.apply({ cis: [{ ...rack, labels: { row: null } }], relations: [] }, meta('unlabel'));
      const doc = await w.s.reports.audit('go-live');
      expect(figure(doc, 'Differences')).toBe(0);
      expect(rows(doc, /^Writes since the baseline/).map((r) => [r['rev'], r['message'], r['differences']])).toEqual([
        [set.revision!.rev, 'label', 0],
        [unset.revision!.rev, 'unlabel', 0],
      ]);
    });

    it('finds the release behind a revision for deployments recorded before deployments had a revision column', async () => {
      const store = await harness.newStore();
      const w = await promotionWorld(store, TEMPLATED);
      await w.s.baselines.create({ name: 'go-live', author: 'carol' });
      await w.toStaging('1.0.0');
      await w.approveProduction('1.0.0');
      const prod = await w.promote('1.0.0', 'production');
      // As a database migrated before 0025 looks: the revision only inside each deployment's data.
      await store.kysely.schema.dropIndex('ix_deployments_revision').execute();
      await store.kysely.schema.alterTable('deployments').dropColumn('revision').execute();
      await sql`delete from cairn_migrations where name = '0025-deployment-revisions'`.execute(store.kysely);
      await migrateToLatest(store.kysely as Kysely<unknown>, store.engine);
      const doc = await w.s.reports.audit('go-live');
      expect(rows(doc, /^Differences since/)).toEqual([
        expect.objectContaining({ rev: prod.revision, release: `${SERVICE} 1.0.0 → production`, flagged: false }),
      ]);
    });

    it('lists the release in force in each environment: the latest succeeded deployment, a rollback included', async () => {
      const w = await promotionWorld(await harness.newStore(), TEMPLATED);
      expect(rows(await w.s.reports.releases(), /^Version deployed/)).toEqual([]);
      await w.toStaging('1.0.0');
      await w.promote('1.1.0', 'development', 'sam');
      await w.promote('1.1.0', 'test');
      const rollback = await w.s.promotions.rollback({ service: SERVICE, environment: 'test' }, 'rita');
      const doc = await w.s.reports.releases();
      expect(doc.report).toBe('releases');
      expect(rows(doc, /^Version deployed/)).toEqual([
        {
          service: SERVICE,
          'env:development': '1.1.0',
          'env:test': '1.0.0',
          'env:staging': '1.0.0',
          'env:production': null,
        },
      ]);
      const inForce = rows(doc, /^Deployments in force/);
      expect(inForce.map((r) => [r['environment'], r['version'], r['kind'], r['by']])).toEqual([
        ['development', '1.1.0', 'promotion', 'sam'],
        ['test', '1.0.0', 'rollback', 'rita'],
        ['staging', '1.0.0', 'promotion', 'rita'],
      ]);
      expect(inForce[1]).toMatchObject({ deployment: rollback.id, deployedAt: rollback.finishedAt });
      expect(figure(doc, 'Releases in force')).toBe(3);
      expect(figure(doc, 'Environments')).toBe(4);
    });
  });
}
