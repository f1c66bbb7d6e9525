import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
/** 12 345 as the CLI writes counts. */
const grouped = (x: number) => String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

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
      expect(first.stdout).toMatch(
        /^Imported as revision 2 in [\d.]+ s \([\d ]+ records\/s, source [^)]+\): CIs: [\d ]+ added/,
      );
      const { state, issues } = IMPORTERS.get(format)!.parse(
        paths.map((p) => ({ path: p, text: readSample(...p.split('/')) })),
      );
      const expected: Record<string, number> = {};
      for (const c of state.cis) expected[c.class] = (expected[c.class] ?? 0) + 1;
      const stored = await countsByClass(db);
      expect(stored.byClass).toEqual(expected);
      // Every relationship read is written, or kept as a reference waiting for its target.
      const refs = await cairn(['--db', db, 'list', 'refs', '--unresolved', '--all', '-o', 'json']);
      const waiting = JSON.parse(refs.stdout) as unknown[];
      expect(stored.relations + waiting.length).toBe(state.relations.length);
      // The summary says exactly what the revision wrote.
      const summary = first.stdout.trim();
      expect(summary).toContain(`CIs: ${grouped(state.cis.length)} added`);
      if (stored.relations > 0) expect(summary).toContain(`relationships: ${grouped(stored.relations)} added`);
      if (waiting.length > 0)
        expect(summary).toContain(`${waiting.length} unresolved reference${waiting.length === 1 ? '' : 's'}`);
      if (issues.length > 0) expect(summary).toContain(`${issues.length} bad record`);
      expect(stored.sources).toEqual(new Set([`${format}:${paths[0]!.split('/').pop()}`]));
      const again = await cairn(['--db', db, 'import', format, ...files, '--skip-invalid']);
      expect(again.stdout).toMatch(
        new RegExp(`^No changes: nothing written \\(source [^)]+\\): CIs: ${grouped(state.cis.length)} unchanged`),
      );
    });
  }

  it('follows the files an input names: a Backstage catalog from its root Locations, a Compose include and extends', async () => {
    const db = newDb();
    const roots = [
      'acme-corp.yaml',
      'all-apis.yaml',
      'all-components.yaml',
      'all-domains.yaml',
      'all-resources.yaml',
      'all-systems.yaml',
    ];
    const files = roots.map((f) => samplePath('backstage-catalog', 'examples', f));
    const first = await cairn(['--db', db, 'import', 'backstage', ...files]);
    expect(first.code, first.stderr).toBe(0);
    const direct = IMPORTERS.get('backstage')!.parse(
      backstage.map((p) => ({ path: p, text: readSample(...p.split('/')) })),
    );
    expect(first.stdout).toContain(`CIs: ${direct.state.cis.length} added`);
    expect((await countsByClass(db)).relations).toBe(direct.state.relations.length);
    const again = await cairn(['--db', db, 'import', 'backstage', ...files]);
    expect(again.stdout).toMatch(/^No changes: nothing written/);

    const compose = newDb();
    const included = await cairn([
      '--db',
      compose,
      'import',
      'compose',
      samplePath('compose-spec', 'compose-include.yaml'),
    ]);
    expect(included.code, included.stderr).toBe(0);
    expect((await countsByClass(compose)).byClass).toEqual({ container: 2, network: 1 });
    const extended = await cairn([
      '--db',
      compose,
      'import',
      'compose',
      samplePath('compose-spec', 'compose-test-extends.yaml'),
    ]);
    expect(extended.code, extended.stderr).toBe(0);
    const store = await openStore(compose);
    try {
      const [importer] = await store.getCisByRef([{ class: 'container', name: 'compose-test-extends/importer' }]);
      expect(importer?.attributes).toMatchObject({ image: 'nginx', container_name: 'imported' });
    } finally {
      await store.close();
    }
  });

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
    expect(refused.stderr).toContain(
      '2 bad records in the input: nothing written (fix them, or pass --skip-invalid to write the good records)',
    );
    expect((await countsByClass(db)).byClass).toEqual({});

    const dry = await cairn(['--db', db, 'import', 'ndjson', file, '--skip-invalid', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('+ server/ok');
    expect(dry.stdout).toContain('Dry run, nothing written: CIs: 1 added; 2 bad records skipped (listed above).');
    expect((await countsByClass(db)).byClass).toEqual({});

    const skipped = await cairn(['--db', db, 'import', 'ndjson', file, '--skip-invalid', '-o', 'json']);
    expect(skipped.code).toBe(0);
    const out = JSON.parse(skipped.stdout) as { revision: number; problems: unknown[] };
    expect(out.revision).toBe(2);
    expect(out.problems).toHaveLength(2);
  });

  it('never suggests --skip-invalid when the good records would write nothing, and says "1 bad record"', async () => {
    const db = newDb();
    const file = join(dir, 'one-bad.ndjson');
    writeFileSync(file, ['{"class":"server","name":"ok"}', '{"class":"server","name":"x","colour":"red"}'].join('\n'));
    expect((await cairn(['--db', db, 'import', 'ndjson', file, '--skip-invalid'])).code).toBe(0);
    const refused = await cairn(['--db', db, 'import', 'ndjson', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      '1 bad record in the input: nothing written; the good records would change nothing',
    );
    expect(refused.stderr).not.toContain('--skip-invalid');
  });

  it('warns of references outside the input, lists them, and resolves one when its target is imported', async () => {
    const db = newDb();
    const catalog = join(dir, 'catalog-info.yaml');
    writeFileSync(
      catalog,
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: docs, namespace: backstage }\nspec: { type: tool, owner: group:backstage/maintainers, lifecycle: production }\n---\nkind: Template\nmetadata: { name: scaffold }\n',
    );
    const first = await cairn(['--db', db, 'import', 'backstage', catalog]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain(
      `${catalog}, document 1, spec.owner: warning: application/backstage/docs owned_by team/backstage/maintainers: team/backstage/maintainers is neither in the input nor in the CMDB`,
    );
    expect(first.stderr).toContain(
      `${catalog}, document 2: template:default/scaffold: kind Template is not inventory; skipped`,
    );
    expect(first.stdout).toMatch(/CIs: 1 added; 1 skipped \(not inventory\); 1 unresolved reference\.$/m);
    const listed = await cairn(['--db', db, 'list', 'refs', '--unresolved']);
    expect(listed.stdout).toMatch(/application\/backstage\/docs\s+owned_by\s+team\/backstage\/maintainers/);
    const byCi = await cairn(['--db', db, 'list', 'refs', '--ci', 'team/backstage/maintainers', '-o', 'json']);
    expect(JSON.parse(byCi.stdout)).toHaveLength(1);

    const groups = join(dir, 'groups.yaml');
    writeFileSync(groups, 'kind: Group\nmetadata: { name: maintainers, namespace: backstage }\nspec: { type: team }\n');
    const second = await cairn(['--db', db, 'import', 'backstage', groups]);
    expect(second.stdout).toContain('CIs: 1 added; relationships: 1 added; 1 earlier reference resolved.');
    expect((await cairn(['--db', db, 'list', 'refs'])).stdout).toContain('No unresolved references');
    expect((await cairn(['--db', db, 'list', 'refs', '--resolved'])).stdout).toContain('revision 3');
  });

  it('leaves no file behind when an export fails', async () => {
    const db = newDb();
    const sample = samplePath('terraform-states', 'inframap-aws_state_cyclic.tfstate.json');
    expect((await cairn(['--db', db, 'import', 'terraform', sample])).code).toBe(0);
    const file = join(dir, 'custom-model.csv');
    const failed = await cairn(['--db', db, 'export', '--format', 'csv', '--output', file]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('which CSV cannot carry');
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('custom-model'))).toEqual([]);
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
