import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cairn } from '../helpers/cli.js';

/** The CLI as a user runs it: a process, its output, its exit status. */
describe('cairn CLI on a SQLite file', () => {
  let dir: string;
  let db: string;
  const run = (...args: string[]) => cairn(['--db', db, '--author', 'alice', ...args]);
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cairn-cli-'));
    db = join(dir, 'cairn.db');
    expect((await run('init')).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('applies a file, reads it back as JSON in the documented shapes, and writes nothing twice', async () => {
    const desired = file(
      'desired.yaml',
      `cis:
  - class: server
    name: web-01
    status: active
    attributes: { os: ubuntu-24.04, cpu: 4, memory_gb: 16, environment: staging }
    labels: { team: web }
  - { class: application, name: shop-frontend }
relations:
  - { type: runs_on, from: application/shop-frontend, to: server/web-01 }
`,
    );
    const applied = await run('apply', '-f', desired, '-m', 'first load');
    expect(applied).toMatchObject({ code: 0, stdout: 'Revision 2: CIs 2 added; relationships 1 added.\n' });
    expect((await run('apply', '-f', desired)).stdout).toBe('No changes: nothing written.\n');

    const ci = JSON.parse((await run('-o', 'json', 'get', 'ci', 'server/web-01')).stdout);
    expect(Object.keys(ci).sort()).toEqual(['attributes', 'class', 'id', 'labels', 'name', 'revision', 'status']);
    expect(ci).toMatchObject({
      class: 'server',
      name: 'web-01',
      status: 'active',
      revision: 2,
      labels: { team: 'web' },
    });

    const log = JSON.parse((await run('-o', 'json', 'log')).stdout);
    expect(log[0]).toMatchObject({
      rev: 2,
      author: 'alice',
      message: 'first load',
      source: 'cli',
      change: null,
      backoutOf: null,
    });
    expect(Object.keys(log[0]).sort()).toEqual([
      'at',
      'author',
      'backoutOf',
      'change',
      'hash',
      'message',
      'rev',
      'source',
    ]);

    const impact = JSON.parse((await run('-o', 'json', 'impact', 'server/web-01')).stdout);
    expect(impact).toMatchObject({
      root: 'server/web-01',
      count: 1,
      impacted: [{ ref: 'application/shop-frontend', depth: 1, path: ['server/web-01', 'application/shop-frontend'] }],
    });

    const list = JSON.parse((await run('-o', 'json', 'list', 'ci', '--label', 'team=web')).stdout) as {
      name: string;
    }[];
    expect(list.map((c) => c.name)).toEqual(['web-01']);
  });

  // web-01 is in staging: outside change control, so direct writes are allowed (production
  // CIs go through `cairn change`, tested in change-cli.test.ts).
  it('plans without writing, diffs, baselines, reverts and verifies', async () => {
    const change = file('change.yaml', 'cis:\n  - { class: server, name: web-01, attributes: { cpu: 8 } }\n');
    const head = JSON.parse((await run('-o', 'json', 'log', '-n', '1')).stdout)[0].rev;
    expect((await run('baseline', 'create', 'before-resize')).stdout).toBe(
      `Baseline before-resize names revision ${head}.\n`,
    );
    const plan = await run('plan', '-f', change);
    expect(plan.stdout).toContain('~ server/web-01\n    attributes.cpu: 4 → 8');
    expect(plan.stdout).toContain('Impact: 1 CI affected');
    expect(JSON.parse((await run('-o', 'json', 'log', '-n', '1')).stdout)[0].rev).toBe(head);

    await run('apply', '-f', change);
    const diff = JSON.parse((await run('-o', 'json', 'diff', 'before-resize')).stdout);
    expect(diff).toMatchObject({
      from: head,
      to: head + 1,
      added: [],
      removed: [],
      modified: [{ ref: 'server/web-01', changes: [{ path: 'attributes.cpu', from: 4, to: 8 }] }],
    });
    expect(
      JSON.parse((await run('-o', 'json', 'get', 'ci', 'server/web-01', '--at', 'before-resize')).stdout).attributes
        .cpu,
    ).toBe(4);

    const dry = await run('revert', '--to', 'before-resize', '--dry-run');
    expect(dry.stdout).toContain('cpu: 4');
    expect((await run('revert', '--to', 'before-resize', '--apply')).code).toBe(0);
    expect(JSON.parse((await run('-o', 'json', 'get', 'ci', 'server/web-01')).stdout).attributes.cpu).toBe(4);
    expect(await run('audit', 'verify')).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^OK: the hash chain of \d+ revisions verifies\.\n$/),
    });
  });

  it('answers bad input with one sentence on stderr, exit status 1, and writes nothing', async () => {
    const before = (await run('-o', 'json', 'log', '-n', '1')).stdout;
    const cases: [string[], RegExp][] = [
      [
        ['apply', '-f', file('bad.yaml', 'cis:\n  - class: server\n    name: [unclosed\n')],
        /bad\.yaml is not valid YAML at line \d+, column \d+/,
      ],
      [['apply', '-f', join(dir, 'missing.yaml')], /cannot read .*missing\.yaml: no such file/],
      [
        ['apply', '-f', file('cls.yaml', 'cis: [{ class: spaceship, name: x }]\n')],
        /cis\[0\]\.class "spaceship" is not a known class/,
      ],
      [
        ['apply', '-f', file('schema.yaml', 'cis: [{ class: server, name: x, attributes: { cpu: 0 } }]\n')],
        /cis\[0\]\.attributes\.cpu must be >= 1 \(minimum rule of class server\)/,
      ],
      [
        [
          'apply',
          '-f',
          file('ref.yaml', 'relations: [{ type: runs_on, from: application/shop-frontend, to: server/nope }]\n'),
        ],
        /relations\[0\]\.to server\/nope does not exist/,
      ],
      [
        ['apply', '-f', file('dup.yaml', 'cis: [{ class: server, name: x }, { class: server, name: x }]\n')],
        /server\/x appears twice/,
      ],
      [['get', 'ci', 'server/web-01', '--at', '999'], /revision 999 does not exist/],
      [['diff', 'no-such-baseline'], /"no-such-baseline" is neither a revision number, a baseline nor an ISO time/],
      [['get', 'ci', 'web-01'], /"web-01" is not a CI reference/],
    ];
    for (const [args, message] of cases) {
      const out = await run(...args);
      expect(out.code, args.join(' ')).toBe(1);
      expect(out.stderr).toMatch(message);
      expect(out.stderr.trim().split('\n')).toHaveLength(1);
      expect(out.stdout).toBe('');
    }
    expect((await run('-o', 'json', 'log', '-n', '1')).stdout).toBe(before);
    const unopenable = await cairn(['--db', join(dir, 'no-such-dir', 'x.db'), 'init']);
    expect(unopenable.code).toBe(2);
    expect(unopenable.stderr).toMatch(/^cairn: cannot open database .*x\.db/);
  });

  it('reports a tampered database and names the revision', async () => {
    const { default: Database } = await import('better-sqlite3');
    const raw = new Database(db);
    raw
      .prepare(
        "update ci_versions set attributes = json_set(attributes, '$.cpu', 64) where name = 'web-01' and rev_from = 2",
      )
      .run();
    raw.close();
    const out = await run('audit', 'verify');
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(/^FAILED: revision 2: its content does not match its hash/);
  });
});
