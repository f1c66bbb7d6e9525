import { afterAll, describe, expect, it } from 'vitest';
import { createCmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import { engines } from '../helpers/engines.js';
import { makeCi, meta } from '../helpers/fixtures.js';

const classNamed = (name: string) => ({
  name,
  parent: 'server',
  attributes: { type: 'object', properties: { engine: { type: 'string' } } },
});

for (const harness of engines()) {
  describe(`the model as of a past revision on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it('is built once and kept, while a revision the model has not changed since answers with the current model', async () => {
      const s = createCmdbServices(await harness.newStore());
      await s.cmdb.initialize('tester');
      await s.cmdb.apply({ cis: [makeCi({ name: 'web-01' })], relations: [] }, meta());
      const beforeA = (await s.store.head())!.rev;
      // Asked for while it is the head: the current model, which must not be remembered under this revision.
      expect(await s.cmdb.registry(beforeA)).toBe(await s.cmdb.registry());

      await s.cmdb.apply({ classes: [classNamed('db_a')], cis: [], relations: [] }, meta());
      const withA = (await s.store.head())!.rev;
      const pastBeforeA = await s.cmdb.registry(beforeA);
      expect(pastBeforeA.getClass('db_a')).toBeUndefined();
      expect(await s.cmdb.registry(beforeA)).toBe(pastBeforeA);
      expect((await s.cmdb.registry(withA)).getClass('db_a')).toBeDefined();

      await s.cmdb.apply({ classes: [classNamed('db_b')], cis: [], relations: [] }, meta());
      // withA was the current model's revision when read above; now it is the past and keeps its own model.
      const pastWithA = await s.cmdb.registry(withA);
      expect(pastWithA.getClass('db_a')).toBeDefined();
      expect(pastWithA.getClass('db_b')).toBeUndefined();
      expect((await s.cmdb.registry(beforeA)).getClass('db_a')).toBeUndefined();
      expect((await s.cmdb.registry()).getClass('db_b')).toBeDefined();
    });
  });
}
