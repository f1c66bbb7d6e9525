import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/core/audit/verify.js';
import { ImportService } from '../../src/core/import/import.service.js';
import type { ImportBatch } from '../../src/core/import/import.types.js';
import { createCmdbServices, type CmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import { systemClock } from '../../src/core/shared/clock.js';
import { STREAMING_IMPORTERS } from '../../src/importers/cairn/cairn-formats.js';
import { IMPORTERS } from '../../src/importers/importer-registry.js';
import { engines } from '../helpers/engines.js';
import { readSample, samplePath } from '../helpers/samples.js';

async function* chunksOf(text: string, size = 4096): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

const ndjson = (text: string, path = 'cmdb.ndjson') =>
  STREAMING_IMPORTERS.get('ndjson')!.stream([{ path, chunks: chunksOf(text) }], { batchSize: 3 });

function k8sBatch(version: string): ImportBatch[] {
  const path = `kubernetes-manifests-${version}.yaml`;
  const { state, issues } = IMPORTERS.get('k8s')!.parse([{ path, text: readSample('k8s-online-boutique', path) }]);
  return [{ ...state, issues }];
}

/** Current CIs as `class/name` → content, and relationships as `from type to`. */
async function snapshot(s: CmdbServices) {
  const cis = new Map<string, unknown>();
  for (let after: { class: string; name: string } | undefined; ;) {
    const page = await s.store.listCis({ limit: 500, after });
    for (const c of page)
      cis.set(`${c.class}/${c.name}`, { status: c.status, attributes: c.attributes, labels: c.labels });
    if (page.length < 500) break;
    after = page[page.length - 1];
  }
  const relations = new Set<string>();
  const rels = await s.store.listRelations({ limit: 100_000 });
  const names = await s.cmdb.namesOf(rels.flatMap((r) => [r.sourceId, r.targetId]));
  for (const r of rels) relations.add(`${names.get(r.sourceId)} ${r.type} ${names.get(r.targetId)}`);
  return { cis, relations };
}

/** The catalog's entity files (the all-*.yaml files only point at them). */
function backstageFiles(): string[] {
  const root = samplePath('backstage-catalog', 'examples');
  return (readdirSync(root, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.yaml') && !f.startsWith('all-'))
    .sort()
    .map((f) => `backstage-catalog/examples/${f}`);
}

for (const harness of engines()) {
  describe(`import on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    async function setup() {
      const s = createCmdbServices(await harness.newStore());
      await s.cmdb.initialize('t');
      return { s, imports: new ImportService({ store: s.store, cmdb: s.cmdb, clock: systemClock }) };
    }

    it('imports NDJSON as one revision with its source, relationships to later lines included', async () => {
      const { s, imports } = await setup();
      const text = [
        '{"type":"runs_on","from":"application/shop","to":"server/web-01"}',
        '{"class":"application","name":"shop","attributes":{"environment":"production"}}',
        '',
        '{"class":"server","name":"web-01","status":"active","attributes":{"cpu":4},"labels":{"team":"web"},"id":"ci_x","revision":3}',
        '{"class":"server","name":"web-02"}',
      ].join('\n');
      const outcome = await imports.import(ndjson(text), { author: 't', source: 'ndjson:cmdb.ndjson' });
      expect(outcome.problems).toEqual([]);
      expect(outcome.revision?.rev).toBe(2);
      expect(outcome.read).toEqual({ cis: 3, relations: 1 });
      const [web] = await s.store.getCisByRef([{ class: 'server', name: 'web-01' }]);
      expect(web).toMatchObject({ attributes: { cpu: 4 }, labels: { team: 'web' }, source: 'ndjson:cmdb.ndjson' });
      expect((await snapshot(s)).relations).toEqual(new Set(['application/shop runs_on server/web-01']));

      const again = await imports.import(ndjson(text), { author: 't', source: 'ndjson:cmdb.ndjson' });
      expect(again.revision).toBeNull();
      expect((await s.store.head())?.rev).toBe(2);
    });

    it('reports bad lines with their numbers and writes nothing, or skips them when asked', async () => {
      const { s, imports } = await setup();
      const text = [
        '{"class":"server","name":"ok-1"}',
        '{"class":"server","name":"bad","colour":"red"}',
        '{"class":"server", name: oops}',
        '{"class":"server","name":"ok-2","attributes":{"cpu":0}}',
        '{"class":"server","name":"ok-1"}',
        '{"type":"depends_on","from":"server/ok-1","to":"server/nowhere"}',
        '{"class":"server","name":"ok-3"}',
      ].join('\n');
      const refused = await imports.import(ndjson(text), { author: 't', source: 's' });
      expect(refused.refused).toBe(true);
      expect(refused.revision).toBeNull();
      const byLine = refused.problems.map((p) => `${p.file} ${p.location}: ${p.message}`);
      expect(byLine).toEqual([
        expect.stringMatching(/^cmdb\.ndjson line 2: colour is not a known CI field/),
        expect.stringMatching(/^cmdb\.ndjson line 3: is not valid JSON/),
        expect.stringMatching(/^cmdb\.ndjson line 4: attributes\.cpu /),
        expect.stringMatching(/^cmdb\.ndjson line 5: server\/ok-1 appears twice in the input/),
      ]);
      // A reference outside the input is not a bad record: it waits for its target.
      expect(refused.unresolved).toEqual([
        expect.objectContaining({ file: 'cmdb.ndjson', location: 'line 6', missing: 'server/nowhere' }),
      ]);
      expect(await s.store.countCis()).toBe(0);

      const skipped = await imports.import(ndjson(text), { author: 't', source: 's' }, { skipInvalid: true });
      expect(skipped.revision?.rev).toBe(2);
      expect(skipped.problems).toHaveLength(4);
      expect((await s.store.listCis({ limit: 10 })).map((c) => c.name)).toEqual(['ok-1', 'ok-3']);
    });

    it('dry-runs and prunes what a source no longer names', async () => {
      const { s, imports } = await setup();
      const meta = { author: 't', source: 'ndjson:estate' };
      const full = [
        '{"class":"server","name":"a"}',
        '{"class":"server","name":"b"}',
        '{"type":"connects_to","from":"server/a","to":"server/b"}',
      ].join('\n');
      await imports.import(ndjson(full), meta);
      const dry = await imports.import(ndjson('{"class":"server","name":"a"}\n{"class":"server","name":"c"}'), meta, {
        prune: true,
        dryRun: true,
      });
      expect(dry.dryRun).toBe(true);
      expect(dry.writes.cis.map((w) => `${w.after ? '+' : '-'}${(w.after ?? w.before)!.name}`).sort()).toEqual([
        '+c',
        '-b',
      ]);
      expect(dry.writes.relations).toHaveLength(1);
      expect(await s.store.countCis()).toBe(2);

      // Without --prune, a CI missing from the input stays; with it, it is retired.
      const upsert = await imports.import(ndjson('{"class":"server","name":"a"}'), meta);
      expect(upsert.revision).toBeNull();
      const pruned = await imports.import(ndjson('{"class":"server","name":"a"}'), meta, { prune: true });
      expect(pruned.revision?.rev).toBe(3);
      expect((await s.store.listCis({ limit: 10 })).map((c) => c.name)).toEqual(['a']);
      expect((await verifyChain(s.store)).ok).toBe(true);
    });

    it('writes exactly the differences between two releases (k8s online boutique v0.8.0 → v0.10.6)', async () => {
      const { s, imports } = await setup();
      const meta = { author: 't', source: 'k8s:online-boutique' };
      await imports.import(k8sBatch('v0.8.0'), meta);
      const before = await snapshot(s);
      const outcome = await imports.import(k8sBatch('v0.10.6'), meta, { prune: true });
      const after = await snapshot(s);

      // The expected state: v0.10.6 imported on its own into an empty database.
      const fresh = await setup();
      await fresh.imports.import(k8sBatch('v0.10.6'), meta);
      const expected = await snapshot(fresh.s);
      expect(after.cis).toEqual(expected.cis);
      expect(after.relations).toEqual(expected.relations);

      const added = [...after.cis.keys()].filter((k) => !before.cis.has(k));
      const removed = [...before.cis.keys()].filter((k) => !after.cis.has(k));
      const modified = [...after.cis.keys()].filter(
        (k) => before.cis.has(k) && JSON.stringify(before.cis.get(k)) !== JSON.stringify(after.cis.get(k)),
      );
      const written = outcome.writes.cis;
      expect(
        written
          .filter((w) => w.after && !w.before)
          .map((w) => `${w.after!.class}/${w.after!.name}`)
          .sort(),
      ).toEqual(added.sort());
      expect(
        written
          .filter((w) => !w.after)
          .map((w) => `${w.before!.class}/${w.before!.name}`)
          .sort(),
      ).toEqual(removed.sort());
      expect(written.filter((w) => w.after && w.before)).toHaveLength(modified.length);
      const relAdded = [...after.relations].filter((r) => !before.relations.has(r));
      const relRemoved = [...before.relations].filter((r) => !after.relations.has(r));
      expect(outcome.writes.relations).toHaveLength(relAdded.length + relRemoved.length);
      expect(added.length).toBeGreaterThan(0);
    });

    it('imports every sample through its importer with the counts of its parse result', async () => {
      const samples: [string, string[]][] = [
        ['k8s', ['k8s-online-boutique/kubernetes-manifests-v0.10.6.yaml']],
        ['terraform', ['terraform-states/inframap-aws_state_cyclic.tfstate.json']],
        ['ansible', ['ansible-inventories/kolla-ansible-multinode.ini']],
        ['backstage', backstageFiles()],
        ['netbox', ['netbox-demo/netbox-demo-v3.6.json']],
        ['compose', ['compose-otel-demo/compose.yaml']],
        ['glpi', ['glpi-inventory/computer_1.json', 'glpi-inventory/networkequipment_3.json']],
      ];
      for (const [format, paths] of samples) {
        const { s, imports } = await setup();
        const files = paths.map((p) => ({ path: p, text: readSample(...p.split('/')) }));
        const { state, issues } = IMPORTERS.get(format)!.parse(files);
        const outcome = await imports.import(
          [{ ...state, issues }],
          { author: 't', source: `${format}:sample` },
          { skipInvalid: true },
        );
        const apply = outcome.problems.filter((p) => !issues.includes(p));
        expect(apply, `${format} apply-level problems`).toEqual([]);
        const byClass = (list: { class: string }[]) =>
          list.reduce<Record<string, number>>((m, c) => ({ ...m, [c.class]: (m[c.class] ?? 0) + 1 }), {});
        const stored = await s.store.listCis({ limit: 100_000 });
        expect(byClass(stored), format).toEqual(byClass(state.cis));
        expect(await s.store.listRelations({ limit: 100_000 }), format).toHaveLength(state.relations.length);
        expect(state.cis.length, `${format} CIs`).toBeGreaterThan(0);
        const first = state.cis[0]!;
        const [ci] = await s.store.getCisByRef([first]);
        // A null attribute means "remove the key" in desired state, so it is not stored.
        const given = Object.fromEntries(Object.entries(first.attributes ?? {}).filter(([, v]) => v !== null));
        expect(ci?.attributes, format).toMatchObject(JSON.parse(JSON.stringify(given)) as object);
        expect(ci?.source).toBe(`${format}:sample`);
      }
    });
  });
}
