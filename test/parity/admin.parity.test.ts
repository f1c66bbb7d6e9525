import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cairnInProcess } from '../helpers/cli.js';
import { expectSame, FORMATS, startTwins, type Twins } from '../helpers/parity.js';
import { startReceiver, waitFor } from '../api/receiver.js';

/** Runs a write once per format with its own name, so that every format really writes (not just the first). */
async function eachFormatWrites(twins: Twins, args: (format: string) => string[]): Promise<void> {
  for (const format of FORMATS) await expectSame(twins, args(format), [format]);
}

describe('class, user, group, token and webhook commands print the same on a database and through a server', () => {
  let twins: Twins;
  let dir: string;
  let hook: string;
  let delivery: string;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    twins = await startTwins('admin');
    dir = dirname(twins.demo.db);
    writeFileSync(
      join(dir, 'classes.yaml'),
      'classes:\n  - { name: printer, parent: hardware, description: Printers, controlled: true }\nrelationTypes:\n  - { name: prints_for, inverse: printed_by, impact: source-to-target }\n',
    );
    writeFileSync(join(dir, 'bad-parent.yaml'), 'classes:\n  - { name: scanner, parent: no_such_class }\n');
    writeFileSync(join(dir, 'not-model.yaml'), 'cis: []\n');
    writeFileSync(join(dir, 'not-list.yaml'), 'classes: printer\n');
    // A subscription with one logged delivery (a ping answered 200), for `deliveries` and `replay`.
    receiver = await startReceiver();
    const s = twins.demo.server.services;
    hook = (
      await s.webhooks.create(
        { url: receiver.url, events: ['drift.detected'], description: 'parity', secret: 'parity-secret-0123456789' },
        'test',
      )
    ).id;
    await s.webhooks.ping(hook);
    void s.jobs.poll();
    await waitFor(async () => (await s.webhooks.deliveries(hook, 10)).length === 1);
    delivery = (await s.webhooks.deliveries(hook, 10))[0]!.id;
    // The token's "last used" is set by its first request: make it before any snapshot is taken.
    await cairnInProcess(['--server', twins.demo.server.url, 'token', 'list']);
  });
  afterAll(async () => {
    await twins.close();
    // The server's fetch may keep its connection open: do not wait for the receiver to drain it.
    void receiver.close();
  });

  it.each([
    [['class', 'list']],
    [['class', 'list', '--at', 'go-live']],
    [['class', 'list', '--at', 'no-such-point']],
    [['class', 'show', 'linux_server']],
    [['class', 'show', 'database']],
    [['class', 'show', 'no_such_class']],
    [['user', 'list']],
    [['user', 'list', '--limit', '2']],
    [['user', 'list', '--all']],
    [['user', 'list', '--limit', '0']],
    [['group', 'list']],
    [['group', 'list', '--limit', '1']],
    [['token', 'list']],
    [['token', 'list', '--all']],
    [['webhook', 'list']],
    [['webhook', 'list', '--limit', '1']],
    [['webhook', 'deliveries', 'HOOK']],
    [['webhook', 'deliveries', 'HOOK', '-n', '1']],
    [['webhook', 'deliveries', 'whk_01ARZ3NDEKTSV4RRFFQ69G5FAV']],
  ])('reads: %j', async (args) => {
    await expectSame(
      twins,
      args.map((a) => (a === 'HOOK' ? hook : a)),
    );
  });

  it('class apply: a model change, and the documents it refuses', async () => {
    await expectSame(twins, ['class', 'apply', '-f', join(dir, 'classes.yaml'), '-m', 'printers']);
    await expectSame(twins, ['class', 'apply', '-f', join(dir, 'bad-parent.yaml')]);
    await expectSame(twins, ['class', 'apply', '-f', join(dir, 'not-model.yaml')]);
    await expectSame(twins, ['class', 'apply', '-f', join(dir, 'not-list.yaml')]);
    await expectSame(twins, ['class', 'apply', '-f', join(dir, 'missing.yaml')]);
  });

  it('user and group writes, and their refusals', async () => {
    await eachFormatWrites(twins, (f) => [
      'user',
      'add',
      `rita-${f}`,
      '--email',
      'rita@example.com',
      '--display-name',
      'Rita',
    ]);
    await expectSame(twins, ['user', 'add', 'alice', '--display-name', 'Alice Again']);
    await expectSame(twins, ['user', 'add', 'no spaces please']);
    await eachFormatWrites(twins, (f) => ['group', 'add', `dba-${f}`, '--description', 'databases']);
    await expectSame(twins, ['group', 'add', 'cab']);
    await expectSame(twins, ['group', 'member', 'add', 'cab', 'alice']);
    await expectSame(twins, ['group', 'member', 'add', 'cab', 'nobody']);
  });

  it('token create, revoke, and their refusals', async () => {
    await eachFormatWrites(twins, (f) => [
      'token',
      'create',
      '--name',
      `pipeline-${f}`,
      '--role',
      'implementer',
      '--expires',
      'never',
    ]);
    await expectSame(twins, ['token', 'create', '--name', 'thirty', '--role', 'viewer', '--expires', '30d']);
    await expectSame(twins, ['token', 'create', '--name', 'cli', '--role', 'viewer']);
    await expectSame(twins, ['token', 'create', '--name', 'x', '--role', 'overlord']);
    await expectSame(twins, ['token', 'create', '--name', 'bad name', '--role', 'viewer']);
    await expectSame(twins, ['token', 'create', '--name', 'soon', '--role', 'viewer', '--expires', 'tomorrow']);
    await expectSame(twins, ['token', 'revoke', 'pipeline-table']);
    await expectSame(twins, ['token', 'revoke', 'no-such-token']);
  });

  it('webhook add, remove, replay, and their refusals', async () => {
    await expectSame(twins, [
      'webhook',
      'add',
      'http://127.0.0.1:9/x',
      '--event',
      'change.*',
      '--event',
      'drift.detected',
      '--description',
      'ops',
      '--secret',
      'a-secret-of-enough-length',
    ]);
    await expectSame(twins, ['webhook', 'add', 'ftp://example.org/x']);
    await expectSame(twins, ['webhook', 'add', 'http://127.0.0.1:9/x', '--event', 'nope']);
    await expectSame(twins, ['webhook', 'add', 'http://127.0.0.1:9/x', '--secret', 'short']);
    await expectSame(twins, ['webhook', 'remove', 'whk_01ARZ3NDEKTSV4RRFFQ69G5FAV']);
    await expectSame(twins, ['webhook', 'replay', delivery]);
    await expectSame(twins, ['webhook', 'replay', 'dlv_01ARZ3NDEKTSV4RRFFQ69G5FAV']);
    const added = JSON.parse(
      (
        await cairnInProcess([
          '--server',
          twins.demo.server.url,
          '-o',
          'json',
          'webhook',
          'add',
          'http://127.0.0.1:9/y',
          '--secret',
          'another-long-secret',
        ])
      ).out,
    ) as { id: string };
    await expectSame(twins, ['webhook', 'remove', added.id]);
  });

  it('a generated webhook secret is printed once, then never listed', async () => {
    const out = await cairnInProcess([
      '--server',
      twins.demo.server.url,
      '-o',
      'json',
      'webhook',
      'add',
      'http://127.0.0.1:9/z',
    ]);
    const created = JSON.parse(out.out) as { id: string; secret: string };
    expect(created.secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const listed = await cairnInProcess(['--server', twins.demo.server.url, '-o', 'json', 'webhook', 'list', '--all']);
    expect(listed.out).toContain(created.id);
    expect(listed.out).not.toContain(created.secret);
  });

  it('a list cut short says so on stderr, in every format', async () => {
    const out = await expectSame(twins, ['user', 'list', '--limit', '2']);
    for (const format of Object.keys(out))
      expect(out[format]!.err).toMatch(/^2 of \d+ shown — use --limit N or --all\n$/);
    expect(JSON.parse(out.json!.out)).toHaveLength(2);
    const deliveries = await expectSame(twins, ['webhook', 'deliveries', hook, '-n', '1'], ['table']);
    expect(deliveries.table!.out).toMatch(/^DELIVERY +AT +EVENT/);
  });

  it('through a server, tokens and webhooks are the admins’: the API’s role check, in one sentence', async () => {
    const admin = process.env.CAIRN_TOKEN;
    process.env.CAIRN_TOKEN = (
      await twins.demo.server.services.auth.createToken({ name: 'viewer', role: 'viewer', createdBy: 'test' })
    ).token;
    try {
      for (const args of [
        ['token', 'list'],
        ['token', 'create', '--name', 'x', '--role', 'admin'],
        ['webhook', 'list'],
        ['user', 'add', 'zed'],
        ['class', 'apply', '-f', join(dir, 'classes.yaml')],
      ]) {
        const r = await cairnInProcess(['--server', twins.demo.server.url, ...args]);
        expect(r.code, args.join(' ')).toBe(1);
        expect(r.err).toMatch(/^cairn: token:viewer \(viewer\) may not [a-z ]+: ask an admin for a role that may\n$/);
      }
      expect((await cairnInProcess(['--server', twins.demo.server.url, 'user', 'list'])).code).toBe(0);
    } finally {
      process.env.CAIRN_TOKEN = admin;
    }
  });
});
