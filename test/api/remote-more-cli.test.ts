import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/api/server.js';
import { startDemoServer, type DemoServer } from '../helpers/demo-server.js';
import { cairnInProcess } from '../helpers/cli.js';

const cli = cairnInProcess;

// The CAB agenda, the policy and the change workflow are compared in test/parity/change.parity.test.ts.
describe('the model, audit, people and drift with --server give the same output as on the database', () => {
  let remote: DemoServer;
  let server: RunningServer;
  let db: string;
  beforeAll(async () => {
    remote = await startDemoServer('admin');
    ({ server, db } = remote);
  });
  afterAll(() => remote.close());

  const same = [
    ['class', 'list'],
    ['class', 'show', 'database'],
    ['audit', 'verify'],
    ['user', 'list'],
    ['group', 'list'],
    ['revert', '--to', 'go-live', '--dry-run'],
    ['drift', 'suppress', 'list'],
    ['drift', 'review-pending'],
  ];

  it.each(same)('%s %s %s %s', async (...args) => {
    for (const format of ['json', 'table']) {
      const local = await cli(['--db', db, '-o', format, ...args]);
      const remote = await cli(['--server', server.url, '-o', format, ...args]);
      expect(local.err).toBe('');
      expect(remote.err).toBe('');
      expect(remote.code).toBe(local.code);
      // JSON: the same data (the API may order an object's keys differently); text: the same bytes.
      if (format === 'json') expect(JSON.parse(remote.out)).toEqual(JSON.parse(local.out));
      else expect(remote.out).toBe(local.out);
    }
  });

  it('checks drift through the server: the same report and exit status 3 on unauthorized drift', async () => {
    const file = join(dirname(db), 'observed.yaml');
    writeFileSync(file, 'cis:\n  - { class: database, name: orders-db, attributes: { version: "98" } }\n');
    const remote = await cli(['--server', server.url, 'drift', 'check', '-f', file, '--source', 'probe']);
    expect(remote.err).toBe('');
    expect(remote.code).toBe(3);
    const local = await cli(['--db', db, 'drift', 'check', '-f', file, '--source', 'probe']);
    expect(local.code).toBe(3);
    // The same findings, told the same way; only the observation's id and time differ.
    const strip = (text: string) =>
      text
        .replace(/OBS-\d+/g, 'OBS')
        .replace(/DRF-\d+/g, 'DRF')
        .replace(/observed [^)]+\)/, 'observed …)');
    expect(strip(remote.out)).toBe(strip(local.out));
    const listed = await cli([
      '--server',
      server.url,
      '-o',
      'json',
      'drift',
      'list',
      '--source',
      'probe',
      '--state',
      'open',
    ]);
    const ids = (JSON.parse(listed.out) as { id: string }[]).map((f) => f.id);
    const remediated = await cli(['--server', server.url, 'drift', 'remediate', ids[0]!]);
    expect(remediated.err).toBe('');
    expect(remediated.out).toMatch(/^Opened CHG-\d+ to remediate DRF-\d+: /);
    const added = await cli([
      '--server',
      server.url,
      '-o',
      'json',
      'drift',
      'suppress',
      'add',
      '--owner',
      'ops',
      '--why',
      'known',
      '--expires',
      '2099-01-01',
      '--source',
      'probe',
    ]);
    const { id } = JSON.parse(added.out) as { id: string };
    expect((await cli(['--server', server.url, 'drift', 'suppress', 'list'])).out).toBe(
      (await cli(['--db', db, 'drift', 'suppress', 'list'])).out,
    );
    expect((await cli(['--server', server.url, 'drift', 'suppress', 'remove', id])).out).toBe(
      `Suppression rule ${id} removed.\n`,
    );
  });

  it('writes people and groups, and opens revert changes, through the server', async () => {
    expect((await cli(['--server', server.url, 'user', 'add', 'rita', '--email', 'rita@example.com'])).out).toBe(
      'User rita added.\n',
    );
    expect((await cli(['--server', server.url, 'group', 'add', 'dba', '--description', 'databases'])).out).toBe(
      'Group dba added.\n',
    );
    expect((await cli(['--server', server.url, 'group', 'member', 'add', 'dba', 'rita'])).out).toBe(
      'rita is a member of dba (rita).\n',
    );
    expect((await cli(['--server', server.url, 'group', 'list'])).out).toBe(
      (await cli(['--db', db, 'group', 'list'])).out,
    );
    const reverted = await cli(['--server', server.url, 'revert', '--to', 'go-live', '-m', 'back']);
    expect(reverted.err).toBe('');
    expect(reverted.out).toMatch(/^Created CHG-\d+ \(normal, draft\): Revert to go-live\n/);
  });

  it('refuses an --emergency write it cannot send through the server, before writing anything', async () => {
    const file = join(dirname(db), 'emergency.yaml');
    writeFileSync(file, 'cis:\n  - { class: database, name: orders-db, attributes: { version: "17" } }\n');
    const head = (await cli(['--db', db, '-o', 'json', 'log', '--limit', '1'])).out;
    const r = await cli(['--server', server.url, '--emergency', '--reason', 'outage', 'apply', '-f', file]);
    expect(r).toMatchObject({ code: 1, out: '' });
    expect(r.err).toBe(
      'cairn: --emergency is not yet sent through a server by `cairn apply`: run it on --db URL (drop --server and CAIRN_SERVER)\n',
    );
    expect((await cli(['--db', db, '-o', 'json', 'log', '--limit', '1'])).out).toBe(head);
  });

  it('refuses the commands that run on a database with one sentence', async () => {
    for (const command of [['init'], ['demo'], ['serve', '--port', '1'], ['migrate', '--to', 'x.db']]) {
      const r = await cli(['--server', server.url, ...command]);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toMatch(
        new RegExp(
          `^cairn: \`cairn ${command[0]}\` [^\n]+: it runs on --db URL, not through a server \\(drop --server and CAIRN_SERVER\\)\n$`,
        ),
      );
    }
  });
});
