import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cairn } from '../helpers/cli.js';
import { samplePath } from '../helpers/samples.js';

/** `cairn drift …` as a pipeline runs it: a process, its JSON, its exit status. */
describe('cairn drift CLI on a SQLite file', () => {
  let dir: string;
  let db: string;
  const run = (...args: string[]) => cairn(['--db', db, '--author', 'alice', ...args]);
  const json = async (...args: string[]) => {
    const r = await run('-o', 'json', ...args);
    return { ...r, data: r.stdout ? JSON.parse(r.stdout) : undefined };
  };
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cairn-drift-'));
    db = join(dir, 'cairn.db');
    expect((await run('init')).code).toBe(0);
    const estate = file(
      'estate.yaml',
      'cis:\n  - { class: server, name: web-01, attributes: { os: ubuntu-22.04, cpu: 4, serial_number: SN-1 } }\n  - { class: server, name: web-02, attributes: { os: debian-12 } }\nrelations: []\n',
    );
    expect((await run('apply', '-f', estate)).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 3 on unauthorized drift with the full JSON report, and 0 once it is suppressed or accepted', async () => {
    const observed = file(
      'observed.json',
      JSON.stringify({
        cis: [
          { class: 'server', name: 'web-01.lan', attributes: { serial_number: 'SN-1', os: 'ubuntu-24.04' } },
          { class: 'server', name: 'web-02', attributes: { os: 'debian-12' } },
        ],
      }),
    );
    const first = await json('drift', 'check', '-f', observed, '--source', 'scan');
    expect(first.code).toBe(3);
    expect(first.data.observation).toMatchObject({ id: 'OBS-1', source: 'scan', items: 2 });
    expect(first.data.summary).toMatchObject({
      modified: 1,
      missing: 0,
      unexpected: 0,
      suppressed: 0,
      byClass: { server: { modified: 1, missing: 0, unexpected: 0 } },
    });
    expect(first.data.findings).toMatchObject([
      {
        id: 'DRF-1',
        kind: 'modified',
        ref: 'server/web-01',
        classification: 'unauthorized',
        attributes: [{ name: 'os', authorized: 'ubuntu-22.04', observed: 'ubuntu-24.04' }],
      },
    ]);

    const rule = await run(
      'drift',
      'suppress',
      'add',
      '--ci',
      'server/web-01',
      '--attribute',
      'os',
      '--owner',
      'ops',
      '--why',
      'rolling upgrade',
      '--expires',
      '2999-01-01',
    );
    expect(rule).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^Suppression rule SUP-1 in force until 2999-01-02T00:00:00.000Z/),
    });
    const suppressed = await json('drift', 'check', '-f', observed, '--source', 'scan');
    expect(suppressed.code).toBe(0);
    expect(suppressed.data.findings[0]).toMatchObject({ id: 'DRF-2', suppressedBy: 'SUP-1' });
    expect((await run('drift', 'suppress', 'remove', 'SUP-1')).code).toBe(0);

    const accepted = await json('drift', 'accept', 'DRF-2');
    expect(accepted.code).toBe(0);
    expect(accepted.data.findings[0].resolution).toMatchObject({
      kind: 'accepted',
      by: 'alice',
      ref: `r${accepted.data.revision}`,
    });
    const pending = await json('drift', 'review-pending');
    expect(pending.data).toMatchObject([{ rev: accepted.data.revision, source: 'scan', findingIds: ['DRF-2'] }]);
    expect((await run('drift', 'check', '-f', observed, '--source', 'scan')).code).toBe(0);
    expect((await run('drift', 'review', String(accepted.data.revision))).code).toBe(0);
    expect((await json('drift', 'review-pending')).data).toEqual([]);
  });

  it('checks an observation in an importer format and remediates through a change', async () => {
    expect((await run('import', 'glpi', samplePath('glpi-inventory', 'computer_3.json'))).code).toBe(0);
    const check = await json(
      'drift',
      'check',
      '--format',
      'glpi',
      '-f',
      samplePath('glpi-inventory', 'computer_3_updated.json'),
    );
    expect(check.code).toBe(3);
    expect(check.data.observation).toMatchObject({ source: 'glpi', format: 'glpi' });
    const findings = check.data.findings as { id: string; ref: string; attributes: { name: string }[] }[];
    const computer = findings.find((f) => f.ref === 'computer/LF014')!;
    expect(computer.attributes.map((a) => a.name)).toContain('kernel_version');

    const listed = await json('drift', 'list', '--source', 'glpi', '--state', 'open', '--class', 'computer');
    expect((listed.data as { id: string }[]).map((f) => f.id)).toEqual([computer.id]);
    const draft = join(dir, 'remediation.yaml');
    const remediated = await json('drift', 'remediate', computer.id, '--write', draft);
    expect(remediated.code).toBe(0);
    expect(remediated.data.change).toMatch(/^CHG-\d+$/);
    expect(readFileSync(draft, 'utf8')).toContain('kernel_version: 4.9.9-200.fc25.x86_64');
    expect(
      (await json('drift', 'list', '--state', 'resolved', '--kind', 'modified', '--class', 'computer')).data[0]
        .resolution,
    ).toMatchObject({ kind: 'remediated', ref: remediated.data.change });
  });

  it('stores source authority rules and explains bad input in one sentence, exit 1', async () => {
    const rules = file(
      'sources.yaml',
      'sources:\n  - { name: glpi, classes: [hardware], attributes: [serial_number] }\n',
    );
    expect(await run('drift', 'authority', 'apply', '-f', rules)).toMatchObject({
      code: 0,
      stdout: 'Source authority rules version 1 stored.\n',
    });
    expect((await run('drift', 'authority', 'apply', '-f', rules)).stdout).toMatch(/^No changes/);
    const bad = await run('drift', 'list', '--state', 'closed');
    expect(bad).toMatchObject({ code: 1, stderr: 'cairn: state "closed" is not one of open, resolved\n' });
    expect((await run('drift', 'accept', 'DRF-99999')).stderr).toMatch(/finding DRF-99999 does not exist/);
  });
  it('reads several -f files as one observation, with relationships, and a partial one reports nothing missing outside it', async () => {
    const db2 = join(dir, 'several.db');
    const run2 = (...args: string[]) => cairn(['--db', db2, '--author', 'alice', '-o', 'json', ...args]);
    expect((await run2('init')).code).toBe(0);
    const estate = file(
      'apps.yaml',
      [
        'cis:',
        '  - { class: application, name: shop }',
        '  - { class: database, name: orders }',
        '  - { class: server, name: db-host, attributes: { os: linux } }',
        'relations:',
        '  - { type: depends_on, from: application/shop, to: database/orders }',
        '',
      ].join('\n'),
    );
    expect((await run2('import', 'yaml', estate, '--source', 'scan')).code).toBe(0);
    const apps = file('seen-apps.json', JSON.stringify({ cis: [{ class: 'application', name: 'shop' }] }));
    // The second file is YAML: each of Cairn's own files is read by its extension.
    const dbs = file('seen-dbs.yaml', 'cis:\n  - { class: database, name: orders }\nrelations: []\n');

    const full = await run2('drift', 'check', '-f', apps, '-f', dbs, '--source', 'scan');
    expect(full.code).toBe(3);
    const report = JSON.parse(full.stdout) as {
      observation: { items: number; file: string };
      findings: { kind: string; ref: string; relation?: unknown }[];
    };
    expect(report.observation).toMatchObject({ items: 2, file: `${apps}, ${dbs}` });
    // The server the source wrote was not seen: missing, since the observation is taken as full.
    expect(report.findings.map((f) => `${f.kind} ${f.ref}`)).toEqual(['missing server/db-host']);

    const partial = await run2('drift', 'check', '-f', apps, '-f', dbs, '--source', 'scan', '--partial');
    expect(partial.code).toBe(0);
    expect(JSON.parse(partial.stdout)).toMatchObject({ observation: { scope: { partial: true } }, findings: [] });

    // Relationships observed are compared: the dependency is no longer seen.
    const unlinked = file(
      'seen-unlinked.yaml',
      'cis:\n  - { class: application, name: shop }\n  - { class: database, name: orders }\nrelations:\n  - { type: depends_on, from: database/orders, to: application/shop }\n',
    );
    const rel = await run2('drift', 'check', '-f', unlinked, '--source', 'scan', '--partial');
    expect(rel.code).toBe(3);
    expect(JSON.parse(rel.stdout).findings).toMatchObject([
      { kind: 'missing', relation: { type: 'depends_on', from: 'application/shop', to: 'database/orders' } },
      { kind: 'unexpected', relation: { type: 'depends_on', from: 'database/orders', to: 'application/shop' } },
    ]);
    const text = await cairn(['--db', db2, 'drift', 'check', '-f', unlinked, '--source', 'scan', '--partial']);
    expect(text.stdout).toMatch(/^OBS-\d+: 2 items and 1 relationship from scan \(partial\)/);
    expect(text.stdout).toContain('not seen: application/shop depends_on database/orders');
  });
});
