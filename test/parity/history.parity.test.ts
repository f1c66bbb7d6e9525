import BetterSqlite3 from 'better-sqlite3';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cairnInProcess } from '../helpers/cli.js';
import { expectSame, FORMATS, startTwins, type Twins } from '../helpers/parity.js';

describe('history commands print the same on a database and through a server', () => {
  let twins: Twins;
  beforeAll(async () => {
    twins = await startTwins('admin');
  });
  afterAll(() => twins.close());

  it.each([
    [['log']],
    [['log', '-n', '2']],
    [['log', '--limit', '1']],
    [['log', '--all']],
    [['log', 'database/orders-db']],
    [['log', 'database/orders-db', '-n', '1']],
    [['log', 'server/ghost']],
    [['log', 'Server/x']],
    [['log', 'nonsense']],
    [['log', '-n', '0']],
    [['diff', 'go-live']],
    [['diff', '1', 'go-live']],
    [['diff', 'go-live', '1']],
    [['diff', 'CHG-1']],
    [['diff', 'no-such-baseline']],
    [['diff', '999']],
    [['diff', '2999-01-01', '1']],
    [['baseline', 'list']],
    [['baseline', 'show', 'go-live']],
    [['baseline', 'show', 'none']],
    [['revert', '--to', 'go-live', '--dry-run']],
    [['revert', '--change', 'CHG-1', '--dry-run']],
    [['revert', '--change', 'chg-1', '--dry-run']],
    [['revert', '--to', 'no-such-point', '--dry-run']],
    [['revert', '--change', 'CHG-3', '--dry-run']],
    [['revert', '--change', 'CHG-99', '--dry-run']],
    [['revert', '--to', 'go-live', '--dry-run', '--apply']],
    [['revert', '--dry-run']],
    [['revert', '--to', '1', '--change', 'CHG-1']],
    [['revert', '--change', 'nonsense']],
    [['audit', 'verify']],
  ])('reads and refusals: %j', async (args) => {
    await expectSame(twins, args);
  });

  it.each([
    [['baseline', 'create', 'parity-now']],
    [['baseline', 'create', 'parity-then', '--at', 'go-live', '-d', 'as at go-live']],
    [['baseline', 'create', 'go-live']],
    [['baseline', 'create', '42']],
    [['baseline', 'create', 'parity-x', '--at', '999']],
    [['revert', '--to', 'go-live', '-m', 'back to go-live']],
    [['revert', '--change', 'CHG-1']],
    [['revert', '--to', 'go-live', '--apply']],
    [['revert', '--to', 'go-live', '--apply', '-m', 'undo']],
  ])('writes: %j', async (args) => {
    await expectSame(twins, args);
  });

  it('creates a baseline, in every format', async () => {
    for (const format of FORMATS) {
      const out = await expectSame(twins, ['baseline', 'create', `made-${format}`, '-d', 'parity'], [format]);
      expect(out[format]!.code).toBe(0);
    }
  });

  it('writes a revert directly where change control allows it, in every format, and refuses one that changes nothing', async () => {
    const url = twins.demo.server.url;
    const doc = join(dirname(twins.demo.db), 'history-parity.yaml');
    writeFileSync(doc, 'cis:\n  - { class: software, name: parity-tool, attributes: { version: "1" } }\n');
    expect((await cairnInProcess(['--server', url, 'baseline', 'create', 'before-tool'])).code).toBe(0);
    for (const format of FORMATS) {
      expect((await cairnInProcess(['--server', url, 'apply', '-f', doc])).code).toBe(0);
      await expectSame(twins, ['revert', '--to', 'before-tool', '--dry-run'], [format]);
      const out = await expectSame(
        twins,
        ['revert', '--to', 'before-tool', '--apply', '-m', 'remove the tool'],
        [format],
      );
      expect(out[format]!.code).toBe(0);
    }
    const none = await expectSame(twins, ['revert', '--to', 'before-tool', '--dry-run']);
    expect(none.table!).toMatchObject({
      code: 1,
      out: '',
      err: 'cairn: Nothing to revert: the CMDB already matches that state.\n',
    });
  });

  it('a log cut short by -n says so on stderr with the number of revisions, in every format', async () => {
    const out = await expectSame(twins, ['log', '-n', '2']);
    const head = (
      JSON.parse((await cairnInProcess(['--server', twins.demo.server.url, '-o', 'json', 'log', '-n', '1'])).out) as {
        rev: number;
      }[]
    )[0]!.rev;
    for (const format of Object.keys(out)) expect(out[format]!.err).toBe(`2 of ${head} shown — use -n N or --all\n`);
    expect(JSON.parse(out.json!.out)).toHaveLength(2);
    expect(
      out
        .ndjson!.out.trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { rev: number }).rev),
    ).toEqual([head, head - 1]);
    const all = await expectSame(twins, ['log', '--all'], ['ndjson']);
    expect(all.ndjson!.err).toBe('');
    expect(all.ndjson!.out.trim().split('\n')).toHaveLength(head);
  });

  it('pages the log alike through both clients: cursors, the total on the first page, the last page', async () => {
    const { remoteClient } = await import('../../src/cli/remote-client.js');
    const { openLocal } = await import('../../src/cli/local-root.js');
    const copy = `${twins.demo.db}.pages.db`;
    const db = new BetterSqlite3(twins.demo.db, { readonly: true });
    db.prepare('vacuum into ?').run(copy);
    db.close();
    const local = await openLocal({ db: copy, author: twins.principal, actor: twins.principal });
    try {
      const clients = { local: local.client, remote: remoteClient(twins.demo.server.url, process.env.CAIRN_TOKEN) };
      const walk = async (client: typeof local.client, ci?: string) => {
        const pages = [];
        let cursor: string | undefined;
        do {
          const page = await client.history.log({ ci, limit: 1, cursor });
          pages.push(page);
          cursor = page.nextCursor ?? undefined;
        } while (cursor !== undefined);
        return pages;
      };
      const head = await clients.remote.history.head();
      const pages = await walk(clients.remote);
      expect(pages[0]!.total).toBe(head.rev);
      expect(pages.slice(1).every((p) => p.total === undefined)).toBe(true);
      expect(pages.flatMap((p) => p.items.map((r) => r.rev))).toEqual(
        Array.from({ length: head.rev }, (_, i) => head.rev - i),
      );
      expect(await walk(clients.local)).toEqual(pages);
      const ciPages = await walk(clients.remote, 'database/orders-db');
      expect(ciPages.length).toBeGreaterThan(1);
      expect(ciPages[0]!.total).toBeUndefined();
      expect(await walk(clients.local, 'database/orders-db')).toEqual(ciPages);
      const whole = await clients.remote.history.log({ ci: 'database/orders-db', limit: 100 });
      expect(whole.total).toBe(whole.items.length);
      expect(await clients.local.history.log({ ci: 'database/orders-db', limit: 100 })).toEqual(whole);
      expect(await clients.local.history.head()).toEqual(head);
      expect(await clients.local.history.revision(2)).toEqual(await clients.remote.history.revision(2));
      const missing = await Promise.all([
        clients.local.history.revision(999).catch((e: Error) => e.message),
        clients.remote.history.revision(999).catch((e: Error) => e.message),
      ]);
      expect(missing[0]).toMatch(/^revision 999 does not exist/);
      expect(missing[1]).toBe(missing[0]);
      const badCursor = await Promise.all([
        clients.local.history.log({ cursor: 'x' }).catch((e: Error) => e.constructor.name),
        clients.remote.history.log({ cursor: 'x' }).catch((e: Error) => e.constructor.name),
      ]);
      expect(badCursor).toEqual(['InputError', 'ProblemError']);
    } finally {
      await local.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${copy}${suffix}`, { force: true });
    }
  });

  it('refuses without a token through the server, with one sentence', async () => {
    const token = process.env.CAIRN_TOKEN;
    delete process.env.CAIRN_TOKEN;
    try {
      const r = await cairnInProcess(['--server', twins.demo.server.url, 'log']);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/^cairn: .*(log in|API token).*\n$/);
    } finally {
      process.env.CAIRN_TOKEN = token;
    }
  });

  it('exits 2 when the server cannot be reached', async () => {
    for (const args of [['log'], ['audit', 'verify'], ['baseline', 'list']]) {
      const r = await cairnInProcess(['--server', 'http://127.0.0.1:9', ...args]);
      expect(r).toMatchObject({ code: 2, out: '' });
      expect(r.err).toMatch(/^cairn: cannot reach the Cairn server at http:\/\/127\.0\.0\.1:9/);
    }
  });

  // Last: it breaks the server's database on purpose.
  it('audit verify exits 1 on a tampered database, through the server as on the database', async () => {
    const raw = new BetterSqlite3(twins.demo.db);
    raw
      .prepare(
        "update ci_versions set attributes = json_set(attributes, '$.version', '9.9') where class = 'database' and name = 'orders-db' and rev_from = (select min(rev_from) from ci_versions where name = 'orders-db')",
      )
      .run();
    raw.close();
    const out = await expectSame(twins, ['audit', 'verify']);
    for (const format of Object.keys(out)) expect(out[format]!.code).toBe(1);
    expect(out.table!.out).toMatch(/^FAILED: revision \d+: its content does not match its hash/);
    expect(JSON.parse(out.json!.out)).toMatchObject({
      ok: false,
      firstBad: { reason: expect.stringContaining('does not match its hash') },
    });
  });
});
