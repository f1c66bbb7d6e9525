import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSame, startTwins, type Twins } from '../helpers/parity.js';

describe('CMDB commands print the same on a database and through a server', () => {
  let twins: Twins;
  let doc: string;
  beforeAll(async () => {
    twins = await startTwins('configuration_manager');
    doc = join(dirname(twins.demo.db), 'parity-doc.yaml');
    writeFileSync(
      doc,
      'cis:\n  - { class: software, name: parity-app, attributes: { version: "1" } }\nrelations:\n  - { type: runs_on, from: software/parity-app, to: linux_server/db-01 }\n',
    );
  });
  afterAll(() => twins.close());

  it.each([
    [['get', 'ci', 'database/orders-db']],
    [['get', 'ci', 'database/orders-db', '--at', 'go-live']],
    [['get', 'ci', 'server/ghost']],
    [['list', 'ci']],
    [['list', 'ci', '--class', 'server']],
    [['list', 'ci', '--label', 'team=network', '--status', 'active']],
    [['list', 'ci', '--limit', '3']],
    [['list', 'ci', '--all']],
    [['list', 'ci', '--class', 'no_such_class']],
    [['impact', 'database/orders-db', '--depth', '2']],
    [['impact', 'linux_server/db-01', '--at', 'go-live']],
  ])('reads: %j', async (args) => {
    await expectSame(twins, args);
  });

  it('writes: apply, plan and delete', async () => {
    await expectSame(twins, ['plan', '-f', doc]);
    await expectSame(twins, ['apply', '-f', doc, '-m', 'parity']);
    await expectSame(twins, ['delete', 'ci', 'database/orders-db']);
  });

  it('a list cut short by --limit says so on stderr, in every format', async () => {
    const out = await expectSame(twins, ['list', 'ci', '--limit', '2']);
    for (const format of Object.keys(out))
      expect(out[format]!.err).toMatch(/^2 of \d+ shown — use --limit N or --all\n$/);
    expect(JSON.parse(out.json!.out)).toHaveLength(2);
    expect(out.ndjson!.out.trim().split('\n')).toHaveLength(2);
  });
});
