import { afterAll, describe, expect, it } from 'vitest';
import { ChangeRecordLookup } from '../../src/core/drift/change-lookup.js';
import type { Change } from '../../src/core/change/change.types.js';
import { createHash } from 'node:crypto';
import { engines } from '../helpers/engines.js';
import { byRef, cliMeta, driftFixture } from './drift-harness.js';

const estate = {
  cis: [
    {
      class: 'server',
      name: 'web-01',
      attributes: { os: 'ubuntu-22.04', cpu: 4, serial_number: 'SN-1', environment: 'production' },
    },
    { class: 'linux_server', name: 'web-02', attributes: { os: 'debian-12', cpu: 2, serial_number: 'SN-2' } },
    { class: 'database', name: 'orders-db', attributes: { version: '16.3' } },
  ],
  relations: [],
};

for (const harness of engines()) {
  describe(`drift check on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it('reports modified (observed attributes only), missing (in scope) and unexpected items', async () => {
      const f = await driftFixture(harness);
      await f.cmdb.apply(estate, cliMeta);
      const report = await f.check([
        { class: 'server', name: 'web-01', attributes: { os: 'ubuntu-24.04', cpu: 4 } },
        { class: 'server', name: 'web-09', attributes: { os: 'alpine' } },
      ]);
      const found = byRef(report.findings);
      expect(report.summary).toMatchObject({
        modified: 1,
        missing: 0,
        unexpected: 1,
        suppressed: 0,
        unauthorized: 2,
        matched: 1,
      });
      expect(found['server/web-01']).toMatchObject({
        kind: 'modified',
        classification: 'unauthorized',
        state: 'open',
        attributes: [{ name: 'os', authorized: 'ubuntu-22.04', observed: 'ubuntu-24.04' }],
      });
      // Scope: the class observed (server), not linux_server/web-02 nor the database.
      expect(found['server/web-09']?.kind).toBe('unexpected');
      expect(Object.keys(found).sort()).toEqual(['server/web-01', 'server/web-09']);
      expect(report.summary.byClass.server).toEqual({ modified: 1, missing: 0, unexpected: 1 });
      expect(report.observation).toMatchObject({
        id: 'OBS-1',
        source: 'scan',
        items: 2,
        byClass: { server: 2 },
        rev: 2,
      });
      expect(report.findings.map((x) => x.id)).toEqual(['DRF-1', 'DRF-2']);
    });

    it('records the hash of the observed items as given, hashed while the CIs are read, however many there are of each', async () => {
      const f = await driftFixture(harness);
      await f.cmdb.apply(estate, cliMeta);
      // More items than CIs scanned, and fewer: the hash is taken page by page as CIs arrive
      // (list-hash.ts), and what is left when the scan ends.
      const many = Array.from({ length: 2500 }, (_, i) => ({
        class: 'server',
        name: `n-${i}`,
        attributes: { cpu: 1 },
      }));
      for (const items of [many, many.slice(0, 1)]) {
        const report = await f.check(items);
        expect(report.observation.hash).toBe(createHash('sha256').update(JSON.stringify(items)).digest('base64url'));
      }
      expect((await f.check([], { hash: 'given' })).observation.hash).toBe('given');
    });

    it('counts as missing the unobserved CIs the source wrote itself', async () => {
      const f = await driftFixture(harness);
      await f.cmdb.apply(estate, { ...cliMeta, source: 'import:scan' });
      const report = await f.check([{ class: 'server', name: 'web-01', attributes: { os: 'ubuntu-22.04' } }]);
      expect(report.findings.map((x) => [x.kind, x.ref])).toEqual([
        ['missing', 'database/orders-db'],
        ['missing', 'linux_server/web-02'],
      ]);
      expect(report.findings[0]!.item).toMatchObject({
        class: 'database',
        name: 'orders-db',
        attributes: { version: '16.3' },
      });
    });

    it('matches by identification keys first, across the class lineage, then by class/name', async () => {
      const f = await driftFixture(harness);
      await f.cmdb.apply(estate, cliMeta);
      const report = await f.check([
        { class: 'server', name: 'web-01.example.com', attributes: { serial_number: 'SN-1', cpu: 8 } },
        { class: 'server', name: 'srv-b', attributes: { serial_number: 'SN-2', os: 'debian-12' } },
      ]);
      expect(report.summary).toMatchObject({ modified: 1, missing: 0, unexpected: 0, matched: 2 });
      expect(report.findings[0]).toMatchObject({
        ref: 'server/web-01',
        observedRef: 'server/web-01.example.com',
        attributes: [{ name: 'cpu', authorized: 4, observed: 8 }],
      });
    });

    it('skips an identifying value two CIs share, and matches each CI once', async () => {
      const f = await driftFixture(harness);
      await f.cmdb.apply(
        {
          cis: [...estate.cis, { class: 'server', name: 'web-03', attributes: { serial_number: 'SN-1', os: 'x' } }],
          relations: [],
        },
        cliMeta,
      );
      const report = await f.check([{ class: 'server', name: 'elsewhere', attributes: { serial_number: 'SN-1' } }]);
      expect(report.findings.map((x) => [x.kind, x.ref])).toEqual([
        ['missing', 'server/web-01'],
        ['missing', 'server/web-03'],
        ['unexpected', 'server/elsewhere'],
      ]);
    });

    it('classifies a value an earlier version held as corrective', async () => {
      const f = await driftFixture(harness);
      await f.cmdb.apply(estate, cliMeta);
      await f.cmdb.apply(
        { cis: [{ class: 'server', name: 'web-01', attributes: { os: 'ubuntu-24.04' } }], relations: [] },
        cliMeta,
      );
      const report = await f.check([{ class: 'server', name: 'web-01', attributes: { os: 'ubuntu-22.04', cpu: 4 } }]);
      expect(report.findings[0]).toMatchObject({
        classification: 'corrective',
        attributes: [{ name: 'os', observed: 'ubuntu-22.04', classification: 'corrective', because: 'r2' }],
      });
      expect(report.summary.unauthorized).toBe(0);
    });

    it('classifies an item deleted earlier and observed again as corrective', async () => {
      const f = await driftFixture(harness);
      await f.cmdb.apply(estate, cliMeta);
      await f.cmdb.deleteCis([{ class: 'database', name: 'orders-db' }], cliMeta);
      const report = await f.check([{ class: 'database', name: 'orders-db', attributes: { version: '16.3' } }]);
      expect(report.findings[0]).toMatchObject({ kind: 'unexpected', classification: 'corrective' });
    });

    it('classifies drift a change implemented in its window planned as authorized (revision log)', async () => {
      const f = await driftFixture(harness);
      await f.cmdb.apply(estate, cliMeta);
      const observedAt = f.clock.now().toISOString();
      f.clock.set('2026-03-01T11:00:00.000Z');
      await f.cmdb.apply(
        { cis: [{ class: 'server', name: 'web-01', attributes: { os: 'ubuntu-24.04' } }], relations: [] },
        { ...cliMeta, source: 'change', changeId: 'CHG-7' },
      );
      const report = await f.check([{ class: 'server', name: 'web-01', attributes: { os: 'ubuntu-24.04', cpu: 8 } }], {
        observedAt,
      });
      expect(report.observation.rev).toBe(2);
      expect(report.findings[0]!.attributes).toEqual([
        {
          name: 'os',
          authorized: 'ubuntu-22.04',
          observed: 'ubuntu-24.04',
          classification: 'authorized',
          because: 'CHG-7',
        },
        { name: 'cpu', authorized: 4, observed: 8, classification: 'unauthorized' },
      ]);
      expect(report.findings[0]!.classification).toBe('unauthorized');
    });

    it('classifies drift an implementing change plans, within its window, as authorized (change records)', async () => {
      const change = {
        ref: 'CHG-3',
        state: 'implementing',
        window: { start: '2026-03-01T09:00:00.000Z', end: '2026-03-01T12:00:00.000Z' },
        plan: {
          cis: [
            { class: 'server', name: 'web-01', attributes: { os: 'ubuntu-24.04' } },
            { class: 'server', name: 'web-05' },
          ],
          relations: [],
          delete: { cis: ['database/orders-db'] },
        },
      } as unknown as Change;
      const lookup = new ChangeRecordLookup({ listChanges: async () => [change] });
      const f = await driftFixture(harness, { changes: lookup });
      await f.cmdb.apply(estate, cliMeta);
      const items = [
        { class: 'server', name: 'web-01', attributes: { os: 'ubuntu-24.04' } },
        { class: 'server', name: 'web-05', attributes: {} },
        { class: 'database', name: 'other-db', attributes: {} },
      ];
      const inWindow = byRef((await f.check(items)).findings);
      expect(inWindow['server/web-01']?.classification).toBe('authorized');
      expect(inWindow['server/web-05']?.classification).toBe('authorized');
      expect(inWindow['database/orders-db']).toMatchObject({ kind: 'missing', classification: 'authorized' });
      expect(inWindow['database/other-db']?.classification).toBe('unauthorized');
      const late = await f.check(items, { observedAt: '2026-03-01T12:00:00.000Z' });
      expect(late.findings.every((x) => x.classification === 'unauthorized')).toBe(true);
    });

    it('compares with the authorized state as of the observation time', async () => {
      const f = await driftFixture(harness);
      await f.cmdb.apply(estate, cliMeta);
      const then = f.clock.now().toISOString();
      await f.cmdb.apply(
        { cis: [{ class: 'server', name: 'web-01', attributes: { os: 'ubuntu-24.04' } }], relations: [] },
        cliMeta,
      );
      expect(
        (
          await f.check([{ class: 'server', name: 'web-01', attributes: { os: 'ubuntu-22.04' } }], { observedAt: then })
        ).findings.filter((x) => x.kind === 'modified'),
      ).toEqual([]);
    });

    it('supersedes the open findings of the source when it checks again', async () => {
      const f = await driftFixture(harness);
      await f.cmdb.apply(estate, cliMeta);
      const first = await f.check([{ class: 'server', name: 'web-01', attributes: { os: 'x' } }]);
      await f.check([{ class: 'server', name: 'web-01', attributes: { os: 'y' } }]);
      const old = await f.drift.listFindings({ observationId: first.observation.id, limit: 10 });
      expect(old.map((x) => [x.state, x.resolution?.kind, x.resolution?.ref])).toEqual([
        ['resolved', 'superseded', 'OBS-2'],
      ]);
      expect((await f.drift.listFindings({ state: 'open', limit: 10 })).map((x) => [x.id, x.observationId])).toEqual([
        ['DRF-2', 'OBS-2'],
      ]);
      expect(await f.drift.listFindings({ state: 'open', kind: 'missing', source: 'scan', limit: 10 })).toEqual([]);
      expect(
        (
          await f.drift.listFindings({ state: 'open', kind: 'modified', class: 'server', source: 'scan', limit: 10 })
        ).map((x) => x.attributes[0]?.observed),
      ).toEqual(['y']);
    });
  });
}
