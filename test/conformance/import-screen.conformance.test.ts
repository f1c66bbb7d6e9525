import { afterAll, describe, expect, it } from 'vitest';
import { createCmdbServices, type CmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import type { DesiredState } from '../../src/core/ci/desired-state.js';
import type { CmdbStore, CmdbWriter } from '../../src/core/cmdb/cmdb.port.js';
import { ImportService } from '../../src/core/import/import.service.js';
import { screenUnchanged } from '../../src/core/import/screen-unchanged.js';
import { systemClock } from '../../src/core/shared/clock.js';
import { engines } from '../helpers/engines.js';
import { makeCi, meta } from '../helpers/fixtures.js';
import { driverEvents } from '../helpers/pg-driver-events.js';

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

    /** The screen of a batch as a fresh import asks it: no reference known, no id created. */
    async function screenFresh(s: CmdbServices, batch: DesiredState, hashAhead = false) {
      const registry = await s.cmdb.registry();
      return s.store.write((tx) =>
        screenUnchanged(
          tx,
          batch,
          registry,
          () => undefined,
          () => false,
          undefined,
          undefined,
          undefined,
          hashAhead,
        ),
      );
    }

    it('answers the same when it hashes the records while the store reads, a record it cannot hash kept', async () => {
      const s = await setup();
      const cyclic: Record<string, unknown> = { environment: 'production' };
      cyclic.self = cyclic;
      const batch: DesiredState = {
        cis: [
          makeCi({ name: 'a', labels: { team: 'web' } }), // as stored
          makeCi({ name: 'b', attributes: { environment: 'production', cpu: 4 } }), // changed
          makeCi({ name: 'b2' }), // new
          makeCi({ name: 'a', class: 'no_such_class' }), // unknown class
          { class: 'rack', name: 'r1', status: 'active' }, // a partial update: hashed from what is stored
          makeCi({ name: 'c', attributes: cyclic }), // cannot be hashed
        ],
        relations: [],
      };
      const ahead = await screenFresh(s, batch, true);
      expect(ahead).toEqual(await screenFresh(s, batch));
      expect(ahead.cis).toEqual([1, 2, 3, 4, 5]);
      expect(ahead.unchanged.cis).toBe(1);
    });

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
      const relations = await s.store.currentRelationsBySource([a!.id, b!.id, 'ci_nope'], true);
      const fromAOrB = (await s.store.getRelationsTouching([a!.id, b!.id])).filter((r) => r.targetId !== a!.id);
      expect(fromAOrB).toHaveLength(4);
      // One text per source, its relationships in (type, target) order.
      const expected = [a!, b!].map((ci) => {
        const own = fromAOrB
          .filter((r) => r.sourceId === ci.id)
          .sort((x, y) => (x.type === y.type ? (x.targetId < y.targetId ? -1 : 1) : x.type < y.type ? -1 : 1));
        return {
          sourceId: ci.id,
          keys: own.map((r) => `${r.type}\u001f${r.targetId}`).join('\u001e'),
          hashes: own.map((r) => r.hash).join('\u001e'),
        };
      });
      const bySource = (list: typeof relations) => [...list].sort((x) => (x.sourceId === a!.id ? -1 : 1));
      expect(bySource(relations)).toEqual(expected);
      // Without hashes (their row reads saved): the same keys.
      const keysOnly = await s.store.currentRelationsBySource([a!.id, b!.id], false);
      expect(bySource(keysOnly)).toEqual(expected.map((e) => ({ ...e, hashes: '' })));
    });

    // PostgreSQL binds the sources as one array: one statement, however many a batch names.
    if (harness.engine === 'postgres')
      it('reads the relationships of a batch of sources in one statement', async () => {
        const s = await setup();
        const [a] = await s.store.getCisByRef([{ class: 'server', name: 'a' }]);
        const sources = [a!.id, ...Array.from({ length: 1_500 }, (_, i) => `ci_nope_${i}`)];
        let read: Awaited<ReturnType<CmdbStore['currentRelationsBySource']>> = [];
        const sent = await driverEvents(async () => (read = await s.store.currentRelationsBySource(sources, false)));
        expect(sent).toHaveLength(1);
        expect(read.map((r) => r.sourceId)).toEqual([a!.id]);
        expect(read[0]!.keys.split('\u001e').map((k) => k.split('\u001f')[0])).toEqual([
          'connects_to',
          'depends_on',
          'located_in',
        ]);
      });

    it('keeps only the records that may write something, and counts the others unchanged', async () => {
      const s = await setup();
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
      const screened = await screenFresh(s, batch);
      expect(screened.cis).toEqual([1, 2, 3, 4]);
      expect(screened.relations).toEqual([2, 3, 4, 5, 6]);
      expect(screened.unchanged).toEqual({ cis: 2, relations: 2 });
      expect([...screened.read.values()].map((d) => d.name).sort()).toEqual(['a', 'b', 'db', 'r1']);
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
      const screened = await screenFresh(s, batch);
      expect(screened.relations).toEqual([0, 2]);
      expect(screened.unchanged.relations).toBe(1);
    });

    it('settles a source given in another order, between other sources, one relationship by its inverse name', async () => {
      const s = await setup();
      const batch: DesiredState = {
        cis: [],
        relations: [
          { type: 'connects_to', from: 'server/a', to: 'server/b' },
          { type: 'depends_on', from: 'server/b', to: 'database/db' },
          { type: 'location_of', from: 'rack/r1', to: 'server/a' },
          { type: 'depends_on', from: 'server/a', to: 'database/db' },
          { type: 'connects_to', from: 'server/b', to: 'server/a' }, // new: b's other relationship
        ],
      };
      const screened = await screenFresh(s, batch);
      expect(screened.relations).toEqual([4]);
      expect(screened.unchanged.relations).toBe(4);
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
      expect([...screened.read.values()].map((d) => d.name).sort()).toEqual(['b', 'r1']);
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
      const batch: DesiredState = {
        classes: [{ name: 'lamp', description: 'A lamp.' }],
        cis: [makeCi({ name: 'a', labels: { team: 'web' } })],
        relations: [{ type: 'located_in', from: 'server/a', to: 'rack/r1' }],
      };
      const screened = await screenFresh(s, batch);
      expect(screened).toMatchObject({ cis: [0], relations: [0], unchanged: { cis: 0, relations: 0 } });
    });

    describe('a re-import through the import service', () => {
      async function imported(): Promise<{ s: CmdbServices; imports: ImportService }> {
        const s = createCmdbServices(await harness.newStore());
        await s.cmdb.initialize('t');
        const imports = new ImportService({ store: s.store, cmdb: s.cmdb, clock: systemClock });
        const first = await imports.import([estate], meta('first'));
        expect(first.refused).toBe(false);
        return { s, imports };
      }
      const again = (change: (state: DesiredState) => DesiredState = (x) => x) => [
        change(structuredClone<DesiredState>(estate)),
      ];

      it('writes only the relationship whose attributes changed, and one added', async () => {
        const { s, imports } = await imported();
        const out = await imports.import(
          again((x) => ({
            ...x,
            relations: [
              ...x.relations.map((r) => (r.from === 'server/b' ? { ...r, attributes: { port: 6432 } } : r)),
              { type: 'connects_to', from: 'server/b', to: 'rack/r1' },
            ],
          })),
          meta('one relationship changed'),
        );
        expect(out.writes.cis).toEqual([]);
        expect(out.writes.relations.map((w) => [w.after?.type, w.before ? 'modified' : 'added'])).toEqual([
          ['depends_on', 'modified'],
          ['connects_to', 'added'],
        ]);
        expect(out.unchanged).toEqual({ cis: 4, relations: 3 });
        const [b] = await s.store.getCisByRef([{ class: 'server', name: 'b' }]);
        const touching = await s.store.getRelationsTouching([b!.id]);
        expect(touching.find((r) => r.type === 'depends_on')?.attributes).toEqual({ port: 6432 });
      });

      it('holds a record unchanged whatever its key order or number spelling', async () => {
        const { imports } = await imported();
        // The same CI as an ndjson line would give it: keys in another order, 2 written 2.0.
        const line =
          '{"labels":{},"attributes":{"cpu":2.0,"environment":"production"},"name":"b","status":"active","class":"server"}';
        const out = await imports.import(
          again((x) => ({ ...x, cis: x.cis.map((c) => (c.name === 'b' ? (JSON.parse(line) as typeof c) : c)) })),
          meta('same again'),
        );
        expect(out).toMatchObject({ revision: null, refused: false, unchanged: { cis: 4, relations: 4 } });
      });

      it('refuses an unchanged record for what its hash does not cover, naming the field', async () => {
        const { imports } = await imported();
        const b = estate.cis.find((c) => c.name === 'b')!;
        const cases: [Record<string, unknown>, RegExp][] = [
          [{ ...b, statuss: 'active' }, /statuss is not a known CI field/],
          [{ ...b, attributes: { ...b.attributes, cpu: 2, spare: undefined } }, /attributes\.spare/],
          [{ ...b, labels: { team: undefined } }, /labels/],
        ];
        for (const [record, message] of cases) {
          const out = await imports.import(
            again((x) => ({ ...x, cis: x.cis.map((c) => (c.name === 'b' ? (record as unknown as typeof c) : c)) })),
            meta('careless'),
          );
          expect(out.refused).toBe(true);
          expect(out.problems.map((p) => p.message).join('; ')).toMatch(message);
        }
        const relation = { ...estate.relations[0]!, weight: 1 };
        const out = await imports.import(
          again((x) => ({ ...x, relations: x.relations.map((r, i) => (i === 0 ? relation : r)) })),
          meta('careless relationship'),
        );
        expect(out.refused).toBe(true);
        expect(out.problems.map((p) => p.message)).toEqual([
          expect.stringMatching(/weight is not a known relationship field/),
        ]);
      });

      it('after a schema change, writes nothing for unchanged records and checks changed ones against the new schema', async () => {
        const { s, imports } = await imported();
        // Stored CIs satisfy the tighter rule (cpu 2), so the class change is allowed.
        const server = (await s.cmdb.registry()).getClass('server')!;
        await s.cmdb.apply(
          {
            classes: [
              {
                ...server,
                attributes: {
                  ...server.attributes,
                  properties: { ...(server.attributes?.properties as object), cpu: { type: 'integer', maximum: 16 } },
                },
              },
            ],
            cis: [],
            relations: [],
          },
          meta('cpu at most 16'),
        );
        const same = await imports.import(again(), meta('same after the change'));
        expect(same).toMatchObject({ revision: null, refused: false, unchanged: { cis: 4, relations: 4 } });
        const bigger = await imports.import(
          again((x) => ({
            ...x,
            cis: x.cis.map((c) => (c.name === 'b' ? { ...c, attributes: { ...c.attributes, cpu: 32 } } : c)),
          })),
          meta('b grows'),
        );
        expect(bigger.refused).toBe(true);
        expect(bigger.problems.map((p) => p.message)).toEqual([
          expect.stringMatching(/^attributes\.cpu must be <= 16/),
        ]);
      });
    });
  });
}
