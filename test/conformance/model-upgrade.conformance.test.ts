import { afterAll, describe, expect, it } from 'vitest';
import { createCmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import { DEFAULT_CLASSES, DEFAULT_RELATION_TYPES } from '../../src/core/model/default-model.js';
import { engines } from '../helpers/engines.js';

/*
 * A database made by an older Cairn, whose built-in model had fewer classes, gets the classes and
 * relationship types this version adds when this version opens it — one revision, once — and keeps
 * what its users changed in the classes it already had.
 */
for (const harness of engines()) {
  describe(`the built-in model grows with the version (${harness.engine})`, () => {
    afterAll(() => harness.cleanup());

    it('adds the built-in classes and types an older database lacks, once, leaving its own definitions alone', async () => {
      const store = await harness.newStore();
      const s = createCmdbServices(store);
      // What an older version's init wrote: the model without autoscalers, disruption budgets and applies_to, and
      // a server class its users described in their own words.
      const older = DEFAULT_CLASSES.filter((c) => c.name !== 'k8s_hpa' && c.name !== 'k8s_pdb').map((c) =>
        c.name === 'server' ? { ...c, description: 'Our servers' } : c,
      );
      await s.cmdb.apply(
        {
          classes: older,
          relationTypes: DEFAULT_RELATION_TYPES.filter((t) => t.name !== 'applies_to'),
          cis: [],
          relations: [],
        },
        { author: 'cairn', message: 'Built-in model', source: 'init' },
      );
      const added = await s.cmdb.initialize('cairn');
      expect(added?.message).toBe('Built-in model: what this version adds (k8s_hpa, k8s_pdb, applies_to)');
      const registry = await s.cmdb.registry();
      expect(registry.getClass('k8s_hpa')).toBeDefined();
      expect(registry.getClass('server')?.description).toBe('Our servers');
      expect(await s.cmdb.initialize('cairn')).toBeNull();
      expect((await store.head())?.rev).toBe(added!.rev);
    });
  });
}
