import { afterAll, describe, expect, it } from 'vitest';
import { createCmdbServices, type CmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import type { DesiredState } from '../../src/core/ci/desired-state.js';
import type { CmdbStore, CmdbWriter } from '../../src/core/cmdb/cmdb.port.js';
import { ImportService } from '../../src/core/import/import.service.js';
import { screenUnchanged } from '../../src/core/import/screen-unchanged.js';
import { systemClock } from '../../src/core/shared/clock.js';
import { engines } from '../helpers/engines.js';
import { makeCi, meta } from '../helpers/fixtures.js';

/** Two servers, a rack and a database, and relationships between them (one with attributes). */
const estate: DesiredState = {
  cis: [
    makeCi({ name: 'a', labels: { team: 'web' } }),
    makeCi({ name: 'b' }),
    { class: 'rack', name: 'r1', attributes: { u_height: 42 } },
    { class: 'database', name: 'db', attributes: { engine: 'postgresql' } },
  ],
  relations: [
    { type: 'located_in', from: 'server/a', to: 'rack/r1' },
    { type: 'depends_on', from: 'server/a', to: 'database/db', attributes: { port: 5432 } },
    { type: 'depends_on', from: 'server/b', to: 'database/db', attributes: { port: 5432 } },
    { type: 'connects_to', from: 'server/a', to: 'server/b' },
  ],
};

for (const harness of engines()) {
  describe(`screening a re-import's records on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    async function setup(): Promise<CmdbServices> {
      const s = createCmdbServices(await harness.newStore());
      await s.cmdb.initialize('t');
      await s.cmdb.apply(estate, meta('estate'));
      return s;
    }

    it('reads current CIs without attributes and relationships by their source, current only', async () => {
      const s = await setup();
      await s.cmdb.apply({ cis: [makeCi({ name: 'b', attributes: { cpu: 8 } })], relations: [] }, meta('b changes'));
      const digests = await s.store.currentCiDigests([
        { class: 'server', name: 'a' },
        { class: 'server', name: 'b' },
        { class: 'server', name: 'nope' },
      ]);
      const [a, b] = await s.store.getCisByRef([
        { class: 'server', name: 'a' },
        { class: 'server', name: 'b' },
      ]);
      const byName = new Map(digests.map((d) => [d.name, d]));
      expect([...byName.keys()].sort()).toEqual(['a', 'b']);
      for (const v of [a!, b!])
        expect({ ...byName.get(v.name) }).toEqual({
          id: v.id,
          class: v.class,
          name: v.name,
          status: v.status,
          labels: v.labels,
          source: v.source,
          revFrom: v.revFrom,
          hash: v.hash,
        });
      const relations = await s.store.currentRelationDigests([a!.id, b!.id, 'ci_nope']);
      const fromAOrB = (await s.store.getRelationsTouching([a!.id, b!.id])).filter((r) => r.targetId !== a!.id);
      expect(relations.map((r) => [r.type, r.sourceId, r.targetId, r.hash]).sort()).toEqual(
        fromAOrB.map((r) => [r.type, r.sourceId, r.targetId, r.hash]).sort(),
      );
      expect(relations).toHaveLength(4);
    });

    it('keeps only the records that may write something, and counts the others unchanged', async () => {
      const s = await setup();
      const registry = await s.cmdb.registry();
      const batch: DesiredState = {
        cis: [
          makeCi({ name: 'a', labels: { team: 'web' } }), // 0: as stored
          makeCi({ name: 'b', attributes: { environment: 'production', cpu: 4 } }), // 1: changed
          makeCi({ name: 'b2' }), // 2: new
          { class: 'rack', name: 'r1', status: 'active' }, // 3: no attributes: a partial update, merged
          makeCi({ name: 'a', class: 'no_such_class' }), // 4: unknown class
          { class: 'database', name: 'db', attributes: { engine: 'postgresql' }, labels: undefined }, // 5: labels kept
        ],
        relations: [
          { type: 'located_in', from: 'server/a', to: 'rack/r1' }, // 0: exists
          { type: 'depends_on', from: 'server/a', to: 'database/db', attributes: { port: 5432 } }, // 1: same
          { type: 'depends_on', from: 'server/b', to: 'database/db', attributes: { port: 5433 } }, // 2: changed
          { type: 'connects_to', from: 'server/b', to: 'server/a' }, // 3: the other direction: new
          { type: 'hosts', from: 'rack/r1', to: 'server/a' }, // 4: new, by its inverse name
          { type: 'contains', from: 'rack/r1', to: 'server/b2' }, // 5: an end that does not exist yet
          { type: 'no_such_type', from: 'server/a', to: 'server/b' }, // 6
        ],
      };
      const screened = await s.store.write((tx) =>
        screenUnchanged(
          tx,
          batch,
          registry,
          () => undefined,
          () => false,
        ),
      );
      expect(screened.cis).toEqual([1, 2, 3, 4]);
      expect(screened.relations).toEqual([2, 3, 4, 5, 6]);
      expect(screened.unchanged).toEqual({ cis: 2, relations: 2 });
      expect(screened.read.map((d) => d.name).sort()).toEqual(['a', 'b', 'db', 'r1']);
      expect([...screened.absent].sort()).toEqual(['no_such_class/a', 'server/b2']);
    });

    it('leaves to the full plan a relationship given twice, by its name and its inverse', async () => {
      const s = await setup();
      const batch: DesiredState = {
        cis: [],
        relations: [
          { type: 'located_in', from: 'server/a', to: 'rack/r1' },
          { type: 'connects_to', from: 'server/a', to: 'server/b' },
          { type: 'location_of', from: 'rack/r1', to: 'server/a' },
        ],
      };
      const registry = await s.cmdb.registry();
      const screened = await s.store.write((tx) =>
        screenUnchanged(
          tx,
          batch,
          registry,
          () => undefined,
          () => false,
        ),
      );
      expect(screened.relations).toEqual([0, 2]);
      expect(screened.unchanged.relations).toBe(1);
    });

    it('reads no CI the import knows, and looks for no relationship to a CI it created', async () => {
      const s = await setup();
      const [a] = await s.store.getCisByRef([{ class: 'server', name: 'a' }]);
      const batch: DesiredState = {
        cis: [],
        relations: [
          { type: 'located_in', from: 'server/a', to: 'rack/r1' },
          { type: 'connects_to', from: 'server/a', to: 'server/b' },
        ],
      };
      const registry = await s.cmdb.registry();
      const known = (ref: string) => (ref === 'server/a' ? a!.id : undefined);
      const screened = await s.store.write((tx) => screenUnchanged(tx, batch, registry, known, () => false));
      expect(screened.read.map((d) => d.name).sort()).toEqual(['b', 'r1']);
      expect(screened.unchanged.relations).toBe(2);
      const created = await s.store.write((tx) => screenUnchanged(tx, batch, registry, known, (id) => id === a!.id));
      expect(created.relations).toEqual([0, 1]);
    });

    it('re-imports records given again without reading their full versions; only changed ones are', async () => {
      const store = await harness.newStore();
      const reads: string[] = [];
      // The store, its write transactions counting the reads of whole versions (attributes included).
      const counting: CmdbStore = Object.create(store, {
        write: {
          value: <T>(work: (tx: CmdbWriter) => Promise<T>) =>
            store.write((tx) =>
              work(
                new Proxy(tx, {
                  get(target, key, receiver) {
                    if (key === 'getCisByRef' || key === 'getRelationsByKey') reads.push(key);
                    return Reflect.get(target, key, receiver) as unknown;
                  },
                }),
              ),
            ),
        },
      }) as CmdbStore;
      const s = createCmdbServices(counting);
      await s.cmdb.initialize('t');
      const imports = new ImportService({ store: counting, cmdb: s.cmdb, clock: systemClock });
      // b's attributes given whole the first time, then only its cpu: the merge keeps the rest.
      const input = (b: DesiredState['cis'][number]) => [
        { ...estate, cis: estate.cis.map((c) => (c.name === 'b' ? b : c)) },
      ];
      const first = makeCi({ name: 'b', attributes: { environment: 'production', cpu: 2 } });
      expect((await imports.import(input(first), meta('first'))).writes.cis).toHaveLength(4);
      reads.length = 0;
      const again = await imports.import(input(first), meta('again'));
      expect(again).toMatchObject({ revision: null, unchanged: { cis: 4, relations: 4 } });
      expect(reads).toEqual([]);
      const changed = await imports.import(input(makeCi({ name: 'b', attributes: { cpu: 3 } })), meta('b changed'));
      expect(changed.writes.cis.map((w) => w.after?.name)).toEqual(['b']);
      expect(changed.unchanged).toEqual({ cis: 3, relations: 4 });
      expect((await s.cmdb.getCi({ class: 'server', name: 'b' })).attributes).toEqual({
        environment: 'production',
        cpu: 3,
      });
      expect(reads).toContain('getCisByRef');
    });

    it('screens nothing in a batch that changes the model', async () => {
      const s = await setup();
      const registry = await s.cmdb.registry();
      const batch: DesiredState = {
        classes: [{ name: 'lamp', description: 'A lamp.' }],
        cis: [makeCi({ name: 'a', labels: { team: 'web' } })],
        relations: [{ type: 'located_in', from: 'server/a', to: 'rack/r1' }],
      };
      const screened = await s.store.write((tx) =>
        screenUnchanged(
          tx,
          batch,
          registry,
          () => undefined,
          () => false,
        ),
      );
      expect(screened).toMatchObject({ cis: [0], relations: [0], unchanged: { cis: 0, relations: 0 } });
    });
  });
}
