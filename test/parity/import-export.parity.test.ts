import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cairnInProcess } from '../helpers/cli.js';
import { expectSame, startTwins, type Twins } from '../helpers/parity.js';
import { samplePath } from '../helpers/samples.js';

describe('import and export print the same on a database and through a server', () => {
  let twins: Twins;
  let dir: string;
  const file = (name: string) => join(dir, name);
  beforeAll(async () => {
    twins = await startTwins('admin');
    dir = dirname(twins.demo.db);
    writeFileSync(
      file('apps.ndjson'),
      [
        '{"class":"software","name":"parity-api","attributes":{"version":"1"}}',
        '{"class":"software","name":"parity-web","attributes":{"version":"2"},"labels":{"team":"web"}}',
        '{"type":"runs_on","from":"software/parity-api","to":"linux_server/db-01"}',
        '',
      ].join('\n'),
    );
    writeFileSync(
      file('bad.ndjson'),
      [
        '{"class":"software","name":"ok-app"}',
        '{"class":"software","name":"x","colour":"red"}',
        '{not json',
        '{"class":"no_such_class","name":"y"}',
        '',
      ].join('\n'),
    );
    writeFileSync(
      file('model.yaml'),
      'classes:\n  - { name: printer, parent: hardware }\ncis:\n  - { class: printer, name: lp-1 }\n',
    );
    writeFileSync(
      file('hosts.csv'),
      'class,name,status,attributes,labels\nsoftware,csv-app,active,"{""version"":""3""}","{}"\n',
    );
    // A source imported earlier, which the pruning import below no longer fully names.
    writeFileSync(
      file('fleet-v1.ndjson'),
      '{"class":"software","name":"fleet-a"}\n{"class":"software","name":"fleet-b"}\n',
    );
    writeFileSync(file('fleet-v2.ndjson'), '{"class":"software","name":"fleet-a","attributes":{"version":"2"}}\n');
    const first = await cairnInProcess([
      '--server',
      twins.demo.server.url,
      'import',
      'ndjson',
      file('fleet-v1.ndjson'),
      '--source',
      'fleet',
    ]);
    expect(first.code, first.err).toBe(0);
  });
  afterAll(() => twins.close());

  it.each([
    [['import', 'ndjson', 'apps.ndjson']],
    [['import', 'ndjson', 'apps.ndjson', '--dry-run']],
    [['import', 'ndjson', 'apps.ndjson', '--as-change', '-m', 'New apps']],
    [['import', 'ndjson', 'fleet-v1.ndjson', '--source', 'fleet', '--as-change']],
    [['import', 'ndjson', 'fleet-v2.ndjson', '--source', 'fleet', '--prune']],
    [['import', 'ndjson', 'fleet-v2.ndjson', '--source', 'fleet', '--prune', '--dry-run']],
    [['import', 'ndjson', 'bad.ndjson']],
    [['import', 'ndjson', 'bad.ndjson', '--skip-invalid']],
    [['import', 'ndjson', 'bad.ndjson', '--skip-invalid', '--dry-run']],
    [['import', 'yaml', 'model.yaml']],
    [['import', 'csv', 'hosts.csv', '--source', 'inventory', '-m', 'from the inventory']],
    [['import', 'ndjson', 'apps.ndjson', '--as-change', '--dry-run']],
    [['import', 'nope', 'apps.ndjson']],
    [['import', 'ndjson', 'missing.ndjson']],
    [['import', 'yaml', 'model.yaml', '--mapping', 'hosts.csv']],
  ])('%j', async (args) => {
    await expectSame(
      twins,
      args.map((a) => (/\.(ndjson|yaml|csv)$/.test(a) ? file(a) : a)),
    );
  });

  it('imports a real sample (k8s) the same way', async () => {
    await expectSame(twins, ['import', 'k8s', samplePath('k8s-online-boutique', 'kubernetes-manifests-v0.10.6.yaml')]);
  });

  it.each([
    [['export']],
    [['export', '--format', 'json']],
    [['export', '--format', 'yaml', '--at', 'go-live']],
    [['export', '--format', 'csv', '--class', 'server']],
    [['export', '--class', 'server', '--class', 'database']],
    [['export', '--class', 'no_such_class']],
    [['export', '--at', 'no-such-point']],
    [['export', '--format', 'xml']],
  ])('%j', async (args) => {
    await expectSame(twins, args);
  });

  it('exports a custom model first, and CSV refuses it, the same way', async () => {
    await cairnInProcess(['--server', twins.demo.server.url, 'import', 'yaml', file('model.yaml')]);
    const out = await expectSame(twins, ['export'], ['table']);
    expect(out.table!.out.split('\n')[0]).toMatch(/^\{"classes":\[\{"name":"printer"/);
    await expectSame(twins, ['export', '--format', 'csv']);
  });

  it('export --output writes the same file through a server as on the database', async () => {
    const remote = await cairnInProcess([
      '--server',
      twins.demo.server.url,
      'export',
      '--format',
      'json',
      '--output',
      file('remote.json'),
    ]);
    const local = await cairnInProcess([
      '--db',
      twins.demo.db,
      'export',
      '--format',
      'json',
      '--output',
      file('local.json'),
    ]);
    expect([remote.code, remote.out, remote.err]).toEqual([0, '', '']);
    expect(local.code).toBe(0);
    expect(readFileSync(file('remote.json'), 'utf8')).toBe(readFileSync(file('local.json'), 'utf8'));
  });

  it('an export longer than a chunk pages through the server in order', async () => {
    const lines = Array.from({ length: 2500 }, (_, i) =>
      JSON.stringify({ class: 'software', name: `bulk-${String(i).padStart(4, '0')}` }),
    );
    writeFileSync(file('bulk.ndjson'), `${lines.join('\n')}\n`);
    expect(
      (await cairnInProcess(['--server', twins.demo.server.url, 'import', 'ndjson', file('bulk.ndjson')])).code,
    ).toBe(0);
    const out = await expectSame(twins, ['export', '--class', 'software'], ['ndjson']);
    const names = out
      .ndjson!.out.trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { name?: string }).name)
      .filter((n) => n?.startsWith('bulk-'));
    expect(names).toHaveLength(2500);
    expect(names).toEqual([...names].sort());
  });

  it('through a server the role decides: a requester may dry-run or open a change, not write', async () => {
    const admin = process.env.CAIRN_TOKEN;
    process.env.CAIRN_TOKEN = (
      await twins.demo.server.services.auth.createToken({ name: 'req', role: 'requester', createdBy: 'test' })
    ).token;
    try {
      writeFileSync(file('requested.ndjson'), '{"class":"software","name":"requested-app"}\n');
      const run = (...args: string[]) =>
        cairnInProcess(['--server', twins.demo.server.url, 'import', 'ndjson', file('requested.ndjson'), ...args]);
      expect((await run('--dry-run')).code).toBe(0);
      const opened = await run('--as-change');
      expect(opened.err).toBe('');
      expect(opened.out).toMatch(/^Opened CHG-\d+ \(draft\): its plan is the import/);
      expect(await run()).toEqual({
        code: 1,
        out: '',
        err: 'cairn: token:req (requester) may not cmdb write: ask an admin for a role that may\n',
      });
    } finally {
      process.env.CAIRN_TOKEN = admin;
    }
  });
});
