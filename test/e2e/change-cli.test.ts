import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ical from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cairn } from '../helpers/cli.js';

const ESTATE = `cis:
  - { class: business_service, name: shop, attributes: { criticality: low } }
  - { class: database, name: orders-db, attributes: { version: "16.3", environment: production } }
relations:
  - { type: depends_on, from: business_service/shop, to: database/orders-db }
`;
const POLICY = `groups:
  - { name: cab, members: [carol, dave] }
  - { name: change-managers, members: [erin] }
rules:
  - match: { type: normal }
    require: [{ group: change-managers, quorum: 1 }]
`;
const CHANGE = `type: normal
title: Upgrade orders-db to PostgreSQL 16.4
assignee: bob
window: { start: 2031-12-01T22:00:00Z, end: 2031-12-01T23:00:00Z }
backout_plan: reinstall 16.3
plan:
  cis:
    - { class: database, name: orders-db, attributes: { version: "16.4" } }
`;

/** One normal change from create to close, through the CLI as a user runs it. */
describe('cairn change on a SQLite file', () => {
  let dir: string;
  const run = (...args: string[]) => cairn(['--db', join(dir, 'cairn.db'), ...args]);
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const ok = async (...args: string[]) => {
    const out = await run(...args);
    expect(out.stderr, args.join(' ')).toBe('');
    expect(out.code, args.join(' ')).toBe(0);
    return out.stdout;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cairn-change-'));
    // init may print first-run notes (the API's first admin) on stderr.
    expect((await run('init')).code).toBe(0);
    await ok('apply', '-f', file('estate.yaml', ESTATE));
    await ok('--as', 'admin', 'policy', 'apply', '-f', file('policy.yaml', POLICY));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a direct write to a controlled CI, and takes a normal change from create to close', async () => {
    const direct = await run(
      'apply',
      '-f',
      file('direct.yaml', 'cis: [{ class: database, name: orders-db, attributes: { version: "17" } }]\n'),
    );
    expect(direct.code).toBe(1);
    expect(direct.stderr).toBe(
      'cairn: database/orders-db is under change control: open a change with `cairn change create`, or write anyway with --emergency --reason "…" (recorded as an unauthorized change).\n',
    );

    expect(await ok('--as', 'alice', 'change', 'create', '-f', file('change.yaml', CHANGE))).toMatch(
      /^Created CHG-1 \(normal, draft\): Upgrade orders-db/,
    );
    expect(await ok('--as', 'alice', 'change', 'submit', 'CHG-1')).toBe('CHG-1 is now submitted.\n');
    expect(JSON.parse(await ok('--as', 'erin', '-o', 'json', 'change', 'pending'))).toEqual([
      expect.objectContaining({ ref: 'CHG-1', groups: [{ group: 'change-managers', missing: 1 }] }),
    ]);
    const sod = await run('--as', 'bob', 'change', 'approve', 'CHG-1');
    expect(sod).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/bob is the assignee of CHG-1 and cannot approve/),
    });
    expect(await ok('--as', 'erin', 'change', 'approve', 'CHG-1', '-c', 'fine')).toBe(
      'erin approved CHG-1 for change-managers. CHG-1 is now authorized.\n',
    );
    expect(await ok('--as', 'bob', 'change', 'schedule', 'CHG-1')).toBe('CHG-1 is now scheduled.\n');

    await ok('calendar', '--from', '2031-11-01', '--to', '2032-01-01', '--ics', join(dir, 'cal.ics'));
    const events = Object.values(ical.sync.parseICS(readFileSync(join(dir, 'cal.ics'), 'utf8')));
    expect(events.filter((e): e is ical.VEvent => e?.type === 'VEVENT').map((e) => e.summary)).toEqual([
      'CHG-1 Upgrade orders-db to PostgreSQL 16.4',
    ]);

    // The window is in 2031: bob is refused, and may not override; a change manager may, with a reason.
    const early = await run('--as', 'bob', 'change', 'implement', 'CHG-1');
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(
      /^cairn: Cannot implement CHG-1 now: its approved window is 2031-12-01T22:00:00(\.000)?Z – 2031-12-01T23:00:00(\.000)?Z, and it opens in \d+ days\./,
    );
    expect((await run('--as', 'bob', 'change', 'implement', 'CHG-1', '--override-reason', 'why not')).stderr).toMatch(
      /bob may not implement CHG-1 outside its approved window/,
    );
    expect(
      await ok('--as', 'erin', 'change', 'implement', 'CHG-1', '--override-reason', 'the vendor patched early'),
    ).toBe('Revision 3: CIs 1 modified.\nCHG-1 is now implemented.\n');
    expect(
      JSON.parse(await ok('-o', 'json', 'get', 'ci', 'database/orders-db', '--at', 'CHG-1')).attributes.version,
    ).toBe('16.4');
    expect(JSON.parse(await ok('-o', 'json', 'log', '--all'))[0]).toMatchObject({
      rev: 3,
      author: 'erin',
      source: 'change',
      change: 'CHG-1',
    });
    await ok('--as', 'erin', 'change', 'review', 'CHG-1', '--outcome', 'successful', '--notes', 'quick');
    expect(await ok('--as', 'erin', 'change', 'close', 'CHG-1')).toBe('CHG-1 is now closed.\n');

    const shown = await ok('change', 'show', 'CHG-1');
    for (const part of [
      'state:          closed',
      'Plan (against revision 2, sha256 ',
      'Impact:',
      'business services:  business_service/shop',
      'Risk: ',
      'change-type',
      'erin for change-managers: approved — "fine"',
      'History:',
      'Implemented as revision 3.',
      'Review: successful, by erin',
    ]) {
      expect(shown).toContain(part);
    }
    const listed = JSON.parse(
      await ok('-o', 'json', 'change', 'list', '--state', 'closed', '--ci', 'database/orders-db'),
    ) as { ref: string }[];
    expect(listed.map((c) => c.ref)).toEqual(['CHG-1']);
    expect(await ok('audit', 'verify')).toBe(
      'OK: the hash chain of 3 revisions verifies.\nOK: 1 approval record, 7 transition records, 1 policy version and 1 change verify.\n',
    );
  });

  it('writes on the emergency path and lists it as unauthorized until a change is attached', async () => {
    expect(await ok('--emergency', '--reason', 'INC-9', 'apply', '-f', join(dir, 'direct.yaml'))).toBe(
      'Revision 4: CIs 1 modified.\n',
    );
    const open = JSON.parse(await ok('-o', 'json', 'change', 'unauthorized'));
    expect(open).toEqual([expect.objectContaining({ revision: 4, reason: 'INC-9', cis: ['database/orders-db'] })]);
    const retro = file('retro.yaml', CHANGE.replace('type: normal', 'type: emergency').replace('"16.4"', '"17"'));
    await ok('--as', 'alice', 'change', 'create', '-f', retro);
    await ok('--as', 'alice', 'change', 'attach', 'CHG-2', '--revision', '4');
    expect(JSON.parse(await ok('-o', 'json', 'change', 'unauthorized'))).toEqual([]);
    expect((await run('revert', '--change', 'CHG-1')).stdout).toMatch(/^Created CHG-3 \(normal, draft\): Undo CHG-1/);
  });
});
