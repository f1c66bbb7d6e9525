import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readObservation } from '../../src/cli/commands/drift-observation.js';
import { cairnInProcess } from '../helpers/cli.js';
import { expectSame, FORMATS, startTwins, type Twins } from '../helpers/parity.js';
import { samplePath } from '../helpers/samples.js';

interface FindingJson {
  id: string;
  kind: string;
  ref: string;
  class: string;
}

/**
 * Every `cairn drift …` command, on a database and through a server: the same output and exit
 * status in every format. Writes that can be made once only (accepting a finding, adding a
 * schedule) are made once per format, each on its own item.
 */
describe('drift commands print the same on a database and through a server', () => {
  let twins: Twins;
  let dir: string;
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  /** What the server holds now, read through it as JSON. */
  const remoteJson = async <T>(...args: string[]): Promise<T> => {
    const r = await cairnInProcess(['--server', twins.demo.server.url, '-o', 'json', ...args]);
    expect(r.err).toBe('');
    return JSON.parse(r.out) as T;
  };
  const openFindings = (source: string) =>
    remoteJson<FindingJson[]>('drift', 'list', '--state', 'open', '--source', source, '--all');
  const each = async (ids: string[], args: (id: string) => string[]) => {
    for (const [i, format] of FORMATS.entries()) await expectSame(twins, args(ids[i]!), [format]);
  };

  beforeAll(async () => {
    twins = await startTwins('configuration_manager');
    dir = dirname(twins.demo.db);
    // The GLPI computer as an earlier import recorded it: the updated inventory then drifts from it.
    const before = await readObservation(samplePath('glpi-inventory', 'computer_3.json'), 'glpi', undefined);
    await twins.demo.server.services.cmdb.apply(before.state, {
      author: 'importer',
      message: 'import glpi',
      source: 'import:glpi',
    });
  });
  afterAll(() => twins.close());

  describe('check', () => {
    it('a Cairn observation with unauthorized drift exits 3 in every format', async () => {
      const observed = file(
        'observed.yaml',
        [
          'cis:',
          '  - { class: database, name: orders-db, attributes: { engine: postgresql, version: "98", environment: production } }',
          '  - { class: database, name: catalog-db, attributes: { engine: postgresql, version: "15.8", environment: production } }',
          '  - { class: linux_server, name: ghost-01, attributes: { os: debian-12 } }',
          '',
        ].join('\n'),
      );
      const out = await expectSame(twins, ['drift', 'check', '-f', observed, '--source', 'probe']);
      for (const format of FORMATS) expect(out[format]!.code, format).toBe(3);
      const report = JSON.parse(out.json!.out) as {
        observation: unknown;
        summary: { unauthorized: number };
        findings: FindingJson[];
      };
      expect(report).toMatchObject({
        observation: { source: 'probe', items: 3 },
        summary: { modified: 2, unexpected: 1 },
      });
      expect(report.summary.unauthorized).toBeGreaterThan(3);
      expect(out.table!.out).toMatch(/^OBS-\d+: 3 items from probe /);
    });

    it('an inventory in an importer format, read on the client side', async () => {
      const out = await expectSame(twins, [
        'drift',
        'check',
        '--format',
        'glpi',
        '-f',
        samplePath('glpi-inventory', 'computer_3_updated.json'),
      ]);
      const report = JSON.parse(out.json!.out) as {
        observation: { source: string; format: string };
        findings: { ref: string; attributes: { name: string }[] }[];
      };
      expect(report.observation).toMatchObject({ source: 'glpi', format: 'glpi' });
      expect(report.findings.find((f) => f.ref === 'computer/LF014')?.attributes.map((a) => a.name)).toContain(
        'kernel_version',
      );
    });

    it('an observation matching the CMDB exits 0; as of a past time it is compared with the revision then', async () => {
      const same = file(
        'same.yaml',
        'cis:\n  - { class: k8s_cluster, name: prod-ams, attributes: { environment: production, version: 1.30.4 } }\n',
      );
      const out = await expectSame(twins, ['drift', 'check', '-f', same, '--source', 'k8s-probe']);
      for (const format of FORMATS) expect(out[format]!.code, format).toBe(0);
      await expectSame(twins, ['drift', 'check', '-f', same, '--source', 'k8s-probe', '--at', '2001-01-01T00:00:00Z']);
    });

    it.each([
      [['drift', 'check', '-f', '/nonexistent/observed.yaml']],
      [['drift', 'check', '-f', 'observed.yaml', '--format', 'no-such-format']],
      [['drift', 'check', '-f', 'observed.yaml', '--source', 'probe', '--at', 'yesterday']],
      [['drift', 'check', '-f', 'observed.yaml', '--source', '']],
      [['drift', 'check', '-f', 'bad-record.yaml']],
      [['drift', 'check']],
    ])('refuses %j the same way', async (args) => {
      file('bad-record.yaml', 'cis:\n  - { class: server, attributes: { os: x } }\n');
      const out = await expectSame(
        twins,
        args.map((a) => (a.endsWith('.yaml') && !a.startsWith('/') ? join(dir, a) : a)),
      );
      for (const format of FORMATS) expect(out[format]!.code, format).toBe(1);
    });
  });

  describe('list', () => {
    it.each([
      [['drift', 'list']],
      [['drift', 'list', '--source', 'probe']],
      [['drift', 'list', '--state', 'open', '--kind', 'modified']],
      [['drift', 'list', '--state', 'resolved', '--class', 'database']],
      [['drift', 'list', '--observation', 'OBS-2']],
      [['drift', 'list', '--observation', 'OBS-999']],
      [['drift', 'list', '--source', 'probe', '--all']],
      [['drift', 'list', '--source', 'nobody']],
      [['drift', 'list', '--state', 'closed']],
      [['drift', 'list', '--kind', 'odd']],
      [['drift', 'list', '--observation', 'x']],
      [['drift', 'list', '--limit', '0']],
    ])('%j', async (args) => {
      await expectSame(twins, args);
    });

    it('a list cut short by --limit says so on stderr, in every format; --all pages through everything', async () => {
      const out = await expectSame(twins, ['drift', 'list', '--limit', '3']);
      for (const format of FORMATS)
        expect(out[format]!.err, format).toMatch(/^3 of [\d ]+ shown — use --limit N or --all\n$/);
      expect(JSON.parse(out.json!.out)).toHaveLength(3);
      expect(out.ndjson!.out.trim().split('\n')).toHaveLength(3);
      const total = Number(/of ([\d ]+) shown/.exec(out.table!.err)![1]!.replaceAll(' ', ''));
      const all = await expectSame(twins, ['drift', 'list', '--all'], ['ndjson']);
      expect(all.ndjson!.out.trim().split('\n')).toHaveLength(total);
      expect(all.ndjson!.err).toBe('');
    });
  });

  describe('accept, review and remediate', () => {
    it('refuses to accept drift on controlled CIs outside a change, and bad selections', async () => {
      const [first] = (await openFindings('probe')).filter((f) => f.kind === 'modified');
      const controlled = await expectSame(twins, ['drift', 'accept', first!.id]);
      expect(controlled.table!.err).toMatch(/^cairn: database\/\S+ is under change control: .* --emergency --reason/);
      for (const args of [
        ['drift', 'accept'],
        ['drift', 'accept', first!.id, '--all-open'],
        ['drift', 'accept', 'DRF-99999'],
        ['drift', 'accept', 'banana'],
        ['drift', 'accept', '--all-open'],
        ['drift', 'accept', first!.id, '-m', 'x'.repeat(2001)],
      ]) {
        const out = await expectSame(twins, args);
        expect(out.table!.code, args.join(' ')).toBe(1);
      }
    });

    it('accepts one finding per format with --emergency, then lists them for review and reviews each', async () => {
      const open = await openFindings('probe');
      const ids = [...open.filter((f) => f.kind === 'modified'), ...open.filter((f) => f.kind === 'missing')].map(
        (f) => f.id,
      );
      expect(ids.length).toBeGreaterThanOrEqual(FORMATS.length);
      await each(ids, (id) => ['--emergency', '--reason', 'outage', 'drift', 'accept', id, '-m', `accept ${id}`]);
      const resolved = await remoteJson<{ id: string; resolution: { kind: string; ref: string } }[]>(
        'drift',
        'list',
        '--state',
        'resolved',
        '--source',
        'probe',
      );
      const accepted = resolved.filter((f) => ids.slice(0, FORMATS.length).includes(f.id));
      expect(accepted.map((f) => f.resolution.kind)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
      await expectSame(twins, ['drift', 'accept', ids[0]!]); // already resolved

      await expectSame(twins, ['drift', 'review-pending']);
      const revs = accepted.map((f) => f.resolution.ref.replace(/^r/, ''));
      await each(revs, (rev) => ['drift', 'review', `r${rev}`, '--note', 'fine']);
      for (const args of [
        ['drift', 'review', revs[0]!],
        ['drift', 'review', '99999'],
        ['drift', 'review', 'rx'],
      ]) {
        expect((await expectSame(twins, args)).table!.code, args.join(' ')).toBe(1);
      }
      await expectSame(twins, ['drift', 'review-pending']);
    });

    it('remediates one finding per format through a change, and writes its document', async () => {
      const open = (await openFindings('glpi')).filter((f) => f.kind !== 'unexpected');
      const ghost = (await openFindings('probe')).find((f) => f.kind === 'unexpected')!;
      const probe = (await openFindings('probe')).filter((f) => f.kind !== 'unexpected');
      const ids = [...open, ...probe].map((f) => f.id);
      const draft = join(dir, 'remediation.yaml');
      await each(ids, (id) => ['drift', 'remediate', id, '--write', draft]);
      expect(readFileSync(draft, 'utf8')).toMatch(/^type: normal\ntitle: Remediate drift DRF-\d+ on /);
      for (const args of [
        ['drift', 'remediate', ghost.id],
        ['drift', 'remediate'],
        ['drift', 'remediate', 'DRF-99999'],
      ]) {
        expect((await expectSame(twins, args)).table!.code, args.join(' ')).toBe(1);
      }
    });
  });

  describe('suppress', () => {
    it('adds one rule per format, lists them, removes them; refuses bad rules the same way', async () => {
      await each(['server/a', 'server/b', 'server/c', 'server/d'], (ci) => [
        'drift',
        'suppress',
        'add',
        '--ci',
        ci,
        '--attribute',
        'os',
        '--owner',
        'ops',
        '--why',
        'rolling upgrade',
        '--expires',
        '2999-01-01',
      ]);
      await expectSame(twins, ['drift', 'suppress', 'list']);
      const rules = await remoteJson<{ id: string }[]>('drift', 'suppress', 'list');
      await each(
        rules.slice(-FORMATS.length).map((r) => r.id),
        (id) => ['drift', 'suppress', 'remove', id],
      );
      await expectSame(twins, ['drift', 'suppress', 'list']);
      for (const args of [
        ['drift', 'suppress', 'remove', 'SUP-999'],
        ['drift', 'suppress', 'add', '--owner', 'ops', '--why', 'x', '--expires', '2999-01-01'],
        ['drift', 'suppress', 'add', '--ci', 'nonsense', '--owner', 'ops', '--why', 'x', '--expires', '2000-01-01'],
        ['drift', 'suppress', 'add', '--source', 'probe', '--owner', '', '--why', 'x', '--expires', '2999-01-01'],
        ['drift', 'suppress', 'add', '--source', 'probe', '--owner', 'ops', '--why', ' ', '--expires', '2999-01-01'],
        ['drift', 'suppress', 'add', '--source', 'probe', '--owner', 'ops', '--why', 'x', '--expires', ''],
      ]) {
        expect((await expectSame(twins, args)).table!.code, args.join(' ')).toBe(1);
      }
    });
  });

  describe('schedule', () => {
    it('adds one schedule per format, lists them, removes them; refuses bad ones the same way', async () => {
      await each(['nightly-1', 'nightly-2', 'nightly-3', 'nightly-4'], (source) => [
        'drift',
        'schedule',
        'add',
        '--source',
        source,
        '-f',
        '/srv/observed.yaml',
        '--every',
        '1h',
        '--format',
        'glpi',
      ]);
      await expectSame(twins, ['drift', 'schedule', 'list']);
      const schedules = await remoteJson<{ id: string }[]>('drift', 'schedule', 'list');
      expect(schedules).toHaveLength(FORMATS.length);
      for (const args of [
        ['drift', 'schedule', 'add', '--source', 'nightly-1', '-f', '/srv/observed.yaml', '--every', '1h'],
        ['drift', 'schedule', 'add', '--source', 'fast', '-f', '/srv/observed.yaml', '--every', '5s'],
        ['drift', 'schedule', 'add', '--source', ' ', '-f', '/srv/observed.yaml', '--every', '1h'],
        ['drift', 'schedule', 'add', '--source', 'x'.repeat(201), '-f', '/srv/observed.yaml', '--every', '1h'],
        ['drift', 'schedule', 'remove', 'dsc_nope'],
      ]) {
        expect((await expectSame(twins, args)).table!.code, args.join(' ')).toBe(1);
      }
      await each(
        schedules.map((s) => s.id),
        (id) => ['drift', 'schedule', 'remove', id],
      );
      await expectSame(twins, ['drift', 'schedule', 'list']);
    });
  });

  describe('authority', () => {
    it('shows none, stores a version per format, says when nothing changed, and refuses bad rules the same way', async () => {
      await expectSame(twins, ['drift', 'authority', 'show']);
      const docs = FORMATS.map((_, i) =>
        file(
          `sources-${i}.yaml`,
          `sources:\n  - { name: glpi, description: "v${i}", classes: [computer], attributes: [serial_number] }\n`,
        ),
      );
      await each(docs, (doc) => ['drift', 'authority', 'apply', '-f', doc]);
      const unchanged = await expectSame(twins, ['drift', 'authority', 'apply', '-f', docs[FORMATS.length - 1]!]);
      expect(unchanged.table!.out).toBe(`No changes: version ${FORMATS.length} already holds these rules.\n`);
      await expectSame(twins, ['drift', 'authority', 'show']);
      for (const text of [
        'sources:\n  - { name: glpi, classes: [no_such_class] }\n',
        'sources:\n  - { name: glpi, classes: [computer], colour: red }\nextra: 1\n',
        '- just a list\n',
        'sources: [unclosed\n',
      ]) {
        const bad = file('bad-sources.yaml', text);
        expect((await expectSame(twins, ['drift', 'authority', 'apply', '-f', bad])).table!.code, text).toBe(1);
      }
    });
  });
});
