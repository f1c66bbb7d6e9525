import { afterAll, describe, expect, it } from 'vitest';
import { createCmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import { ImportService } from '../../src/core/import/import.service.js';
import { computeRevisionHash } from '../../src/core/revision/revision-hash.js';
import { fixedClock } from '../../src/core/shared/clock.js';
import { sequentialIds } from '../../src/core/shared/ids.js';
import type { KyselyCmdbStore } from '../../src/store/connect.js';
import { engines } from '../helpers/engines.js';
import { makeCi, meta, smallEstate } from '../helpers/fixtures.js';

/**
 * The hash chain of a fixed history (fixed clock, sequential ids), as the code before the write
 * path's optimisations (issue 14) computed it. Every revision hash is pinned: an optimisation of
 * imports, applies or hashing that changed one byte of what is hashed fails here, and `audit
 * verify` of databases written before it would report tampering.
 */
const PINNED = [
  '918ec4691866884c7e67ea71a4bcc648c8982b539e679be6fd77272eaa1a7ee9',
  'c325679100ccc22ec7f205e14e76c96a1788c8d549fe7e52c02314c0b8732a84',
  '3dccb92bcaac93408cd4547953dfa64fc34ff24c39ca2237f2d919adb5f4e7d1',
  '310fcd4838de213685d31fd273293a97fded3528d3f96c54f2c5d14e3cfa825e',
  '5e45c506db34114476fbffebd6a178510af7d3fd69ebd1bcfcd05a8d224e5105',
  '030324e4a2edbb4b72ababb82055f212c4176660104e90d4c27f99ae478a0576',
];

async function fixedHistory(store: KyselyCmdbStore): Promise<void> {
  const clock = fixedClock('2026-01-01T00:00:00.000Z', 1000);
  const services = createCmdbServices(store, { clock, ids: sequentialIds() });
  await services.cmdb.initialize('pin');
  await services.cmdb.apply(smallEstate(), meta('estate'));
  const importer = new ImportService({ store, cmdb: services.cmdb, clock });
  const batch = (changed: number) => ({
    cis: Array.from({ length: 30 }, (_, i) =>
      makeCi({ name: `host-${i}`, attributes: { environment: 'production', cpu: i === changed ? 64 : 2 } }),
    ),
    relations: Array.from({ length: 29 }, (_, i) => ({
      type: 'depends_on',
      from: `server/host-${i + 1}`,
      to: `server/host-${i}`,
    })),
  });
  await importer.import([batch(-1)], { ...meta('import'), source: 'inventory' });
  await importer.import([batch(7)], { ...meta('re-import, one changed'), source: 'inventory' });
  await services.cmdb.apply(
    { cis: [{ class: 'server', name: 'web-01', attributes: { cpu: 8 } }], relations: [] },
    meta('one change'),
  );
  await services.cmdb.deleteCis([{ class: 'server', name: 'host-3' }], meta('delete'));
}

for (const harness of engines()) {
  describe(`the hash chain of a fixed history on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it('is the chain the code before the optimisations computed, and recomputes from the rows', async () => {
      const store = await harness.newStore();
      await fixedHistory(store);
      const revisions = (await store.listRevisions({ limit: 100 })).reverse();
      expect(revisions.map((r) => r.hash)).toEqual(PINNED);
      for (const r of revisions) {
        const { hash, ...header } = r;
        expect(computeRevisionHash(header, await store.revisionWrites(r.rev), true)).toBe(hash);
      }
    });
  });
}
