import { afterAll, describe, expect, it } from 'vitest';
import { createCmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import { ConflictError } from '../../src/core/shared/errors.js';
import { engines } from '../helpers/engines.js';
import { makeCi, meta } from '../helpers/fixtures.js';

for (const harness of engines()) {
  describe(`baseline create on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it('refuses a name already taken with BASELINE_EXISTS, leaving the store writable, alone and among writes grouped with it', async () => {
      const store = await harness.newStore();
      const s = createCmdbServices(store);
      await s.cmdb.initialize('tester');
      await s.cmdb.apply({ cis: [makeCi({ name: 'b-1' })], relations: [] }, meta('one'));
      const first = await s.baselines.create({ name: 'before', author: 'tester' });

      const again = s.baselines.create({ name: 'before', author: 'someone else' });
      await expect(again).rejects.toBeInstanceOf(ConflictError);
      await expect(again).rejects.toMatchObject({ code: 'BASELINE_EXISTS', message: 'baseline before already exists' });
      expect(await s.baselines.get('before')).toEqual(first);

      // Issued at once, so that the store may group them in one transaction: only the taken name fails.
      const [taken, fresh, change] = await Promise.allSettled([
        s.baselines.create({ name: 'before', author: 'x' }),
        s.baselines.create({ name: 'after', author: 'tester' }),
        s.cmdb.apply({ cis: [makeCi({ name: 'b-2' })], relations: [] }, meta('two')),
      ]);
      expect(taken).toMatchObject({ status: 'rejected', reason: { code: 'BASELINE_EXISTS' } });
      expect(fresh.status).toBe('fulfilled');
      expect(change.status).toBe('fulfilled');
      expect((await s.baselines.list()).map((b) => b.name).sort()).toEqual(['after', 'before']);
      expect(await store.getCisByRef([{ class: 'server', name: 'b-2' }])).toHaveLength(1);
    });
  });
}
