import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/api/server.js';
import { startDemoServer, type DemoServer } from '../helpers/demo-server.js';
import { cairnInProcess } from '../helpers/cli.js';

const cli = cairnInProcess;

// The change workflow's commands are compared in test/parity/change.parity.test.ts.
describe('drift with --server gives the same output as on the database', () => {
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

  it('adds, lists and removes drift schedules through the server', async () => {
    const added = await cli([
      '--server',
      server.url,
      '-o',
      'json',
      'drift',
      'schedule',
      'add',
      '--source',
      'nightly',
      '-f',
      '/srv/obs.yaml',
      '--every',
      '1h',
    ]);
    expect(added.err).toBe('');
    const { id } = JSON.parse(added.out) as { id: string };
    const local = await cli(['--db', db, 'drift', 'schedule', 'list']);
    expect((await cli(['--server', server.url, 'drift', 'schedule', 'list'])).out).toBe(local.out);
    expect(local.out).toContain('nightly');
    expect((await cli(['--server', server.url, 'drift', 'schedule', 'remove', id])).out).toBe(
      `Drift schedule ${id} removed.\n`,
    );
  });
});
