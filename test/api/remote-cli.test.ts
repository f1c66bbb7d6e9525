import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/api/server.js';
import { startDemoServer, type DemoServer } from '../helpers/demo-server.js';
import { cairnInProcess } from '../helpers/cli.js';

const cli = cairnInProcess;

describe('the CLI with --server gives the same output as on the database', () => {
  let remote: DemoServer;
  let server: RunningServer;
  let db: string;
  beforeAll(async () => {
    remote = await startDemoServer('configuration_manager');
    ({ server, db } = remote);
  });
  afterAll(() => remote.close());

  const same = [
    ['get', 'ci', 'database/orders-db'],
    ['get', 'ci', 'database/orders-db', '--at', '2'],
    ['list', 'ci', '--class', 'server'],
    ['list', 'ci', '--label', 'team=network'],
    ['log', '--all'],
    ['diff', 'go-live'],
    ['impact', 'database/orders-db', '--depth', '2'],
    ['baseline', 'list'],
    ['baseline', 'show', 'go-live'],
  ];

  it.each(same)('%s %s %s', async (...args) => {
    for (const format of ['json', 'table']) {
      const local = await cli(['--db', db, '-o', format, ...args]);
      const remote = await cli(['--server', server.url, '-o', format, ...args]);
      expect(remote.err).toBe('');
      expect(remote.code).toBe(0);
      if (format === 'json' || args[0] !== 'get' || !args.includes('--at')) expect(remote.out).toBe(local.out);
    }
  });

  it('writes through the server: apply, plan, delete, baseline create; errors as sentences', async () => {
    const file = join(dirname(db), 'doc.yaml');
    writeFileSync(file, 'cis:\n  - { class: software, name: remote-app, attributes: { version: "1" } }\n');
    expect((await cli(['--server', server.url, 'plan', '-f', file])).out).toContain('+ software/remote-app');
    const applied = await cli(['--server', server.url, '-o', 'json', 'apply', '-f', file]);
    expect(JSON.parse(applied.out)).toMatchObject({ cis: { added: 1 } });
    expect((await cli(['--server', server.url, 'baseline', 'create', 'after-remote'])).out).toMatch(
      /^Baseline after-remote names revision \d+\.$/m,
    );
    expect((await cli(['--server', server.url, 'delete', 'ci', 'software/remote-app'])).out).toMatch(/CIs 1 removed/);
    const missing = await cli(['--server', server.url, 'get', 'ci', 'server/ghost']);
    expect(missing).toMatchObject({ code: 1, err: 'cairn: server/ghost does not exist\n' });
    const noToken = process.env.CAIRN_TOKEN;
    delete process.env.CAIRN_TOKEN;
    expect((await cli(['--server', server.url, 'log'])).err).toMatch(/log in|API token/);
    process.env.CAIRN_TOKEN = noToken;
  });
});
