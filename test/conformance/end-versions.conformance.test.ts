import { afterAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/core/audit/verify.js';
import { createCmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import { ImportService } from '../../src/core/import/import.service.js';
import type { ImportBatch } from '../../src/core/import/import.types.js';
import { systemClock } from '../../src/core/shared/clock.js';
import { engines } from '../helpers/engines.js';
import { makeCi } from '../helpers/fixtures.js';

/** More versions ended in one revision than PostgreSQL holds back to send with the revision. */
const CIS = 1200;
const CHANGED = 1100;
const RELATIONS = 600;
const KEPT_RELATIONS = 50;

/** CIs `host-0…`, the first `changed` of them with 4 CPUs; relationships host-2k → host-(2k+1). */
function estate(changed: number, relations: number): ImportBatch[] {
  const cis = Array.from({ length: CIS }, (_, i) =>
    makeCi({ name: `host-${i}`, attributes: { environment: 'production', cpu: i < changed ? 4 : 2 } }),
  );
  const links = Array.from({ length: relations }, (_, k) => ({
    type: 'connects_to',
    from: `server/host-${2 * k}`,
    to: `server/host-${2 * k + 1}`,
  }));
  return [{ cis, relations: links }];
}

for (const harness of engines()) {
  describe(`ending many versions in one revision on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it('ends exactly the versions replaced or removed, each at the new revision, and keeps history as of before', async () => {
      const store = await harness.newStore();
      const s = createCmdbServices(store);
      await s.cmdb.initialize('t');
      const imports = new ImportService({ store, cmdb: s.cmdb, clock: systemClock });
      const meta = { author: 't', source: 'import:test' };
      const first = (await imports.import(estate(0, RELATIONS), meta)).revision!.rev;
      const second = (await imports.import(estate(CHANGED, KEPT_RELATIONS), meta, { prune: true })).revision!.rev;

      const ended = async (table: 'ci_versions' | 'relation_versions', rev: number | null) =>
        (
          await store.kysely
            .selectFrom(table)
            .select(['id', 'rev_from'])
            .where('rev_to', rev === null ? 'is' : '=', rev)
            .execute()
        ).length;
      expect(await ended('ci_versions', second)).toBe(CHANGED);
      expect(await ended('ci_versions', null)).toBe(CIS);
      expect(await ended('relation_versions', second)).toBe(RELATIONS - KEPT_RELATIONS);
      expect(await ended('relation_versions', null)).toBe(KEPT_RELATIONS);

      const cpuOf = async (name: string, at?: number) =>
        (await s.cmdb.getCi({ class: 'server', name }, at)).attributes.cpu;
      expect(await cpuOf('host-0')).toBe(4);
      expect(await cpuOf('host-0', first)).toBe(2);
      expect(await cpuOf(`host-${CHANGED - 1}`)).toBe(4);
      expect(await cpuOf(`host-${CHANGED}`)).toBe(2);
      expect((await s.cmdb.getCi({ class: 'server', name: `host-${CIS - 1}` })).revFrom).toBe(first);
      expect((await verifyChain(store)).ok).toBe(true);
    });
  });
}
