import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/api/server.js';
import { startDemoServer, type DemoServer } from '../helpers/demo-server.js';
import { cairnInProcess } from '../helpers/cli.js';

const cli = cairnInProcess;

describe('the change workflow and drift with --server give the same output as on the database', () => {
  let remote: DemoServer;
  let server: RunningServer;
  let db: string;
  beforeAll(async () => {
    remote = await startDemoServer('admin');
    ({ server, db } = remote);
    const file = join(dirname(db), 'live.yaml');
    writeFileSync(file, 'cis:\n  - { class: database, name: orders-db, attributes: { version: "99" } }\n');
    const checked = await cli(['--db', db, 'drift', 'check', '-f', file, '--source', 'probe']);
    expect(checked.code, checked.err).toBe(3);
  });
  afterAll(() => remote.close());

  const same = [
    ['change', 'list'],
    ['change', 'list', '--state', 'closed'],
    ['change', 'show', 'CHG-1'],
    ['calendar', '--from', '2020-01-01', '--to', '2040-01-01'],
    ['drift', 'list'],
    ['drift', 'list', '--source', 'probe', '--kind', 'modified'],
  ];

  it.each(same)('%s %s %s %s', async (...args) => {
    for (const format of ['json', 'table']) {
      const local = await cli(['--db', db, '-o', format, ...args]);
      const remote = await cli(['--server', server.url, '-o', format, ...args]);
      expect(local.err).toBe('');
      expect(remote.err).toBe('');
      expect(remote.code).toBe(0);
      // JSON: the same data (the API may order an object's keys differently); text: the same bytes.
      if (format === 'json') expect(JSON.parse(remote.out)).toEqual(JSON.parse(local.out));
      else expect(remote.out).toBe(local.out);
    }
  });

  it('runs the workflow through the server, printing what the local commands print', async () => {
    const file = join(dirname(db), 'change.yaml');
    writeFileSync(file, 'type: normal\ntitle: Remote change\ndescription: d\njustification: j\nwindow: { start: "2035-03-01T22:00:00Z", end: "2035-03-01T23:00:00Z" }\nplan:\n  cis:\n    - { class: database, name: orders-db, attributes: { version: "17.1" } }\n');
    const created = await cli(['--server', server.url, 'change', 'create', '-f', file]);
    expect(created.err).toBe('');
    const ref = /^Created (CHG-\d+) \(normal, draft\): Remote change\nRisk: \w+ \(\d+ points\)\. Next: cairn change submit CHG-\d+\n$/.exec(created.out)?.[1];
    expect(ref).toBeDefined();
    expect((await cli(['--server', server.url, 'change', 'submit', ref!])).out).toBe(`${ref} is now submitted.\n`);
    // Segregation of duties holds, and is told in the same sentence as on the database.
    const refused = await cli(['--server', server.url, 'change', 'approve', ref!, '-c', 'ok']);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe((await cli(['--db', db, '--as', 'token:cli', 'change', 'approve', ref!, '-c', 'ok'])).err);
    expect(refused.err).toMatch(/^cairn: token:cli requested CHG-\d+/);
    const show = (mode: string[]) => cli([...mode, '-o', 'json', 'change', 'show', ref!]).then((r) => JSON.parse(r.out) as unknown);
    expect(await show(['--server', server.url])).toEqual(await show(['--db', db]));
    expect((await cli(['--server', server.url, 'change', 'cancel', ref!, '-c', 'not now'])).out).toBe(`${ref} is now cancelled.\n`);
    const pending = await cli(['--server', server.url, 'change', 'pending']);
    expect(pending.out).toMatch(/token:cli's approval|CHANGE/);
    const missing = await cli(['--server', server.url, 'change', 'show', 'CHG-999']);
    expect(missing).toMatchObject({ code: 1, err: 'cairn: CHG-999 does not exist (see `cairn change list`)\n' });
  });

  it('adds, lists and removes drift schedules through the server', async () => {
    const added = await cli(['--server', server.url, '-o', 'json', 'drift', 'schedule', 'add', '--source', 'nightly', '-f', '/srv/obs.yaml', '--every', '1h']);
    expect(added.err).toBe('');
    const { id } = JSON.parse(added.out) as { id: string };
    const local = await cli(['--db', db, 'drift', 'schedule', 'list']);
    expect((await cli(['--server', server.url, 'drift', 'schedule', 'list'])).out).toBe(local.out);
    expect(local.out).toContain('nightly');
    expect((await cli(['--server', server.url, 'drift', 'schedule', 'remove', id])).out).toBe(`Drift schedule ${id} removed.\n`);
  });
});
