import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IMPORTERS } from '../../src/importers/importer-registry.js';
import { openStore } from '../../src/store/connect.js';
import { cairn } from '../helpers/cli.js';
import { readSample, samplePath } from '../helpers/samples.js';

const dir = mkdtempSync(join(tmpdir(), 'cairn-import-cli-'));
let n = 0;
const newDb = () => join(dir, `db-${++n}.db`);

async function countsByClass(db: string) {
  const store = await openStore(db);
  try {
    const cis = await store.listCis({ limit: 100_000 });
    const byClass: Record<string, number> = {};
    for (const c of cis) byClass[c.class] = (byClass[c.class] ?? 0) + 1;
    return {
      byClass,
      relations: (await store.listRelations({ limit: 100_000 })).length,
      sources: new Set(cis.map((c) => c.source)),
    };
  } finally {
    await store.close();
  }
}

const backstage = (readdirSync(samplePath('backstage-catalog', 'examples'), { recursive: true }) as string[])
  .filter((f) => f.endsWith('.yaml') && !f.startsWith('all-'))
  .map((f) => `backstage-catalog/examples/${f}`);

const SAMPLES: [string, string[]][] = [
  ['k8s', ['k8s-online-boutique/kubernetes-manifests-v0.8.0.yaml']],
  ['terraform', ['terraform-states/inframap-repeated_modules.tfstate.json']],
  ['ansible', ['ansible-inventories/k3s-ansible-inventory-sample.yml']],
  ['backstage', backstage],
  ['netbox', ['netbox-demo/netbox-demo-v3.6.json']],
  ['compose', ['sock-shop/docker-compose.yml']],
  ['glpi', ['glpi-inventory/computer_3.json']],
];

describe('cairn import (CLI)', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const [format, paths] of SAMPLES) {
    it(`imports the ${format} sample with the counts its importer parses, then re-imports as no change`, async () => {
      const db = newDb();
      const files = paths.map((p) => samplePath(...p.split('/')));
      const first = await cairn(['--db', db, 'import', format, ...files, '--skip-invalid']);
      expect(first.stderr.includes('internal error'), first.stderr).toBe(false);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toMatch(/^Imported \d+ CIs, \d+ relationships in [\d.]+ s \([\d ]+\/s\): revision 2/);
      const { state } = IMPORTERS.get(format)!.parse(
        paths.map((p) => ({ path: p, text: readSample(...p.split('/')) })),
      );
      const expected: Record<string, number> = {};
      for (const c of state.cis) expected[c.class] = (expected[c.class] ?? 0) + 1;
      const stored = await countsByClass(db);
      expect(stored.byClass).toEqual(expected);
      expect(stored.relations).toBe(state.relations.length);
      expect(stored.sources).toEqual(new Set([`${format}:${paths[0]!.split('/').pop()}`]));
      const again = await cairn(['--db', db, 'import', format, ...files, '--skip-invalid']);
      expect(again.stdout).toMatch(/^No changes:/);
    });
  }

  it('reports bad NDJSON lines with file and line, writes nothing, or skips them with --skip-invalid', async () => {
    const db = newDb();
    const file = join(dir, 'bad.ndjson');
    writeFileSync(
      file,
      ['{"class":"server","name":"ok"}', '{"class":"server","name":"x","colour":"red"}', '{not json', ''].join('\n'),
    );
    const refused = await cairn(['--db', db, 'import', 'ndjson', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${file}, line 2: colour is not a known CI field`);
    expect(refused.stderr).toContain(`${file}, line 3: is not valid JSON`);
    expect(refused.stderr).toContain('2 bad records in the input: nothing written');
    expect((await countsByClass(db)).byClass).toEqual({});

    const dry = await cairn(['--db', db, 'import', 'ndjson', file, '--skip-invalid', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('+ server/ok');
    expect(dry.stdout).toContain('Dry run: would write CIs 1 added. Nothing written.');
    expect((await countsByClass(db)).byClass).toEqual({});

    const skipped = await cairn(['--db', db, 'import', 'ndjson', file, '--skip-invalid', '-o', 'json']);
    expect(skipped.code).toBe(0);
    const out = JSON.parse(skipped.stdout) as { revision: number; problems: unknown[] };
    expect(out.revision).toBe(2);
    expect(out.problems).toHaveLength(2);
  });

  for (const format of ['ndjson', 'csv', 'json', 'yaml']) {
    it(`round-trips export → import into an empty database (${format})`, async () => {
      const db = newDb();
      const sample = samplePath('k8s-online-boutique', 'kubernetes-manifests-v0.10.6.yaml');
      expect((await cairn(['--db', db, 'import', 'k8s', sample])).code).toBe(0);
      const file = join(dir, `export-${n}.${format}`);
      const exported = await cairn(['--db', db, 'export', '--format', format, '--at', '2', '--output', file]);
      expect(exported.code, exported.stderr).toBe(0);
      const copy = newDb();
      const imported = await cairn(['--db', copy, 'import', format, file]);
      expect(imported.code, imported.stderr).toBe(0);
      const strip = (text: string) => text.replace(/"(id|revision)":("[^"]*"|\d+),?/g, '');
      const a = await cairn(['--db', db, 'export', '--format', 'ndjson']);
      const b = await cairn(['--db', copy, 'export', '--format', 'ndjson']);
      expect(strip(b.stdout)).toEqual(strip(a.stdout));
    });
  }
});
