import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServices } from '../../src/api/services.js';
import { OPEN_STATES } from '../../src/core/lifecycle/change-lifecycle.js';
import { cairnInProcess } from '../helpers/cli.js';
import { expectSame, FORMATS, startTwins, type Twins } from '../helpers/parity.js';

/*
 * The change workflow, the calendar, the CAB agenda and the policy print the same on a database
 * and through a server. Locally the twin acts as `token:cli`, the name the server gives the
 * token's principal, so that every step — the refusals of segregation of duties included — is
 * taken by the same person on both sides. Changes a step needs are set up on the server first
 * (by its services), so that each step is compared in every output format.
 */
describe('change, calendar, CAB and policy commands print the same on a database and through a server', () => {
  let twins: Twins;
  let s: ApiServices;
  let dir: string;
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const today = new Date().toISOString().slice(0, 10);
  let n = 0;
  /** Changes a setup left open: cancelled after each test, so that they do not conflict with the next. */
  const open: string[] = [];

  beforeAll(async () => {
    twins = await startTwins('admin');
    s = twins.demo.server.services;
    dir = dirname(twins.demo.db);
  });
  afterAll(() => twins.close());
  afterEach(() => settle());

  /** Cancels the changes a setup left open, so that they do not conflict with the next ones. */
  async function settle() {
    for (const ref of open.splice(0)) {
      const c = await s.changes.get(ref);
      if (OPEN_STATES.includes(c.state)) await s.changes.cancel(ref, c.requester);
    }
  }

  type Runs = Record<string, { code: number; out: string; err: string }>;
  /** Expects every format's run to have worked (`ok`) or to have been refused. */
  const ok = (runs: Runs) => {
    for (const f of FORMATS) expect(runs[f], f).toMatchObject({ code: 0, err: '' });
    return runs;
  };
  const refused = (runs: Runs) => {
    for (const f of FORMATS)
      expect(runs[f], f).toMatchObject({ code: 1, out: '', err: expect.stringMatching(/^cairn: /) });
    return runs;
  };

  /** Runs the command `prepare` sets up, once per output format, each on a freshly prepared change. */
  async function eachFormat(prepare: () => Promise<string[]>) {
    const out: Runs = {};
    for (const format of FORMATS) {
      Object.assign(out, await expectSame(twins, await prepare(), [format]));
      await settle();
    }
    return out;
  }

  const night = (day: number) => ({
    start: `2031-0${1 + Math.floor(day / 28)}-${String(1 + (day % 28)).padStart(2, '0')}T22:00:00.000Z`,
    end: `2031-0${1 + Math.floor(day / 28)}-${String(1 + (day % 28)).padStart(2, '0')}T23:00:00.000Z`,
  });
  const openNow = () => ({
    start: new Date(Date.now() - 3_600_000).toISOString(),
    end: new Date(Date.now() + 3 * 3_600_000).toISOString(),
  });
  const normal = (requester = 'token:cli') => {
    const i = ++n;
    return s.changes.create(
      {
        type: 'normal',
        title: `Catalog ${i}`,
        justification: 'parity',
        window: night(i),
        plan: { cis: [{ class: 'database', name: 'catalog-db', attributes: { version: `15.${i}` } }] },
      },
      requester,
    );
  };
  const submitted = async (requester = 'token:cli') => {
    const c = await normal(requester);
    open.push(c.ref);
    return (await s.changes.submit(c.ref, requester)).ref;
  };
  /** A standard change within the demo's template: authorized as soon as it is submitted. */
  const authorized = async () => {
    const i = ++n;
    const c = await s.changes.create(
      {
        type: 'standard',
        template: 'scale-deployment',
        title: `Scale cart ${i}`,
        // Open now: these are the changes the tests implement, which the server allows only within the window.
        window: openNow(),
        plan: { cis: [{ class: 'k8s_deployment', name: 'shop/cart', attributes: { replicas: 3 + i } }] },
      },
      'token:cli',
    );
    open.push(c.ref);
    return (await s.changes.submit(c.ref, 'token:cli')).ref;
  };
  const scheduled = async () => (await s.changes.schedule(await authorized(), 'token:cli')).change.ref;
  const implemented = async () => (await s.changes.implement(await scheduled(), 'token:cli')).change.ref;
  /** Two authorized changes setting the same attribute: scheduling the second conflicts with the first. */
  const conflicting = async () => {
    await authorized();
    return authorized();
  };

  it.each([
    [['change', 'list']],
    [['change', 'list', '--state', 'submitted', '--state', 'closed']],
    [['change', 'list', '--type', 'standard']],
    [['change', 'list', '--requester', 'alice', '--ci', 'database/orders-db']],
    [['change', 'list', '--from', '2000-01-01', '--to', '2100-01-01T00:00:00Z']],
    [['change', 'list', '--from', '2100-01-01']],
    [['change', 'list', '--all']],
    [['change', 'show', 'CHG-1']],
    [['change', 'show', 'chg-2']],
    [['change', 'show', '3']],
    [['change', 'show', 'CHG-999']],
    [['change', 'pending']],
    [['change', 'unauthorized']],
    [['change', 'unauthorized', '--all']],
    [['calendar']],
    [['calendar', '--from', '2000-01-01', '--to', '2100-01-01']],
    [['cab', 'agenda', '--date', today]],
    [['cab', 'agenda', '--date', '2031-01-01']],
    [['policy', 'show']],
  ])('reads: %j', async (args) => {
    await expectSame(twins, args);
  });

  // Not a comparison: the two sides differ on purpose here.
  it('acts as --as USER on a database, and as the token through a server whatever --as says', async () => {
    const local = await cairnInProcess(['--db', twins.demo.db, '--as', 'erin', 'change', 'pending']);
    expect(local).toMatchObject({
      code: 0,
      err: '',
      out: expect.stringMatching(
        /^CHANGE +RISK +REQUESTER +FOR +TITLE\nCHG-3 +\w+ +alice +change-managers \(1 more\) +Decommission/,
      ),
    });
    const remote = await cairnInProcess(['--server', twins.demo.server.url, '--as', 'erin', 'change', 'pending']);
    expect(remote).toEqual({ code: 0, err: '', out: "Nothing waits for token:cli's approval.\n" });
  });

  it('a list cut short by --limit says so on stderr, in every format', async () => {
    const out = await expectSame(twins, ['change', 'list', '--limit', '2']);
    for (const format of FORMATS) expect(out[format]!.err).toMatch(/^2 of \d+ shown — use --limit N or --all\n$/);
    expect(JSON.parse(out.json!.out)).toHaveLength(2);
    expect(
      out
        .ndjson!.out.trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { ref: string }).ref),
    ).toEqual(['CHG-1', 'CHG-2']);
  });

  it.each([
    [['change', 'show', 'change-1']],
    [['change', 'list', '--state', 'done']],
    [['change', 'list', '--from', 'yesterday']],
    [['change', 'list', '--limit', '0']],
    [['change', 'schedule', 'CHG-3', '--start', '2031-01-01T22:00:00Z']],
    [['change', 'schedule', 'CHG-3', '--start', '2031-01-01T22:00:00', '--end', '2031-01-01T23:00:00']],
    [['change', 'review', 'CHG-2', '--outcome', 'great']],
    [['change', 'reject', 'CHG-3']],
    [['change', 'attach', 'CHG-3', '--revision', '0']],
    [['calendar', '--from', '2031-02-01', '--to', '2031-01-01']],
    [['cab', 'agenda', '--date', '2031-13-01']],
  ])('argument mistakes read the same: %j', async (args) => {
    const out = await expectSame(twins, args);
    expect(out.table!.code).toBe(1);
  });

  it('creates, submits, replans and cancels a change; refusals read the same', async () => {
    const created = ok(
      await expectSame(twins, [
        'change',
        'create',
        '-f',
        file(
          'change.yaml',
          'type: normal\ntitle: Upgrade catalog-db\njustification: parity\nwindow: { start: "2031-03-01T22:00:00Z", end: "2031-03-01T23:00:00Z" }\nplan:\n  cis:\n    - { class: database, name: catalog-db, attributes: { version: "15.9" } }\n',
        ),
      ]),
    );
    expect(created.table!.out).toMatch(/^Created CHG-\d+ \(normal, draft\): Upgrade catalog-db\nRisk: /);
    refused(await expectSame(twins, ['change', 'create', '-f', file('bad-change.yaml', 'type: sideways\ntitle: x\n')]));
    refused(await expectSame(twins, ['change', 'create', '-f', file('list.yaml', '- type: normal\n')]));
    expect(
      ok(await eachFormat(async () => ['change', 'submit', (await normal()).ref, '-c', 'please'])).table!.out,
    ).toMatch(/^CHG-\d+ is now submitted\.\n$/);
    const own = refused(await eachFormat(async () => ['change', 'approve', await submitted(), '-c', 'mine']));
    expect(own.table).toMatchObject({ code: 1, err: expect.stringMatching(/^cairn: token:cli requested CHG-\d+/) });
    expect((await expectSame(twins, ['change', 'approve', 'CHG-3'])).table!.err).toMatch(
      /^cairn: token:cli is not in any group whose approval CHG-3 needs/,
    );
    refused(await expectSame(twins, ['change', 'schedule', (await normal()).ref]));
    ok(await eachFormat(async () => ['change', 'replan', await submitted()]));
    const plan = file(
      'plan.yaml',
      'cis:\n  - { class: database, name: catalog-db, attributes: { version: "15.10" } }\n',
    );
    ok(await eachFormat(async () => ['change', 'replan', (await normal()).ref, '-f', plan]));
    refused(
      await expectSame(twins, [
        'change',
        'replan',
        'CHG-3',
        '-f',
        file('bad-plan.yaml', 'cis:\n  - { class: database }\n'),
      ]),
    );
    ok(await eachFormat(async () => ['change', 'cancel', (await normal()).ref, '-c', 'not now']));
  });

  it('takes a standard change through schedule, implement, fail and backout', async () => {
    ok(await eachFormat(async () => ['change', 'schedule', await authorized()]));
    ok(
      await eachFormat(async () => [
        'change',
        'schedule',
        await authorized(),
        '--start',
        '2031-06-01T22:00:00+02:00',
        '--end',
        '2031-06-01T23:00:00+02:00',
        '-c',
        'moved',
      ]),
    );
    const blocked = refused(await eachFormat(async () => ['change', 'schedule', await conflicting()]));
    expect(blocked.table!.err).toMatch(/^cairn: Cannot schedule CHG-\d+: .*also sets attribute "replicas"/);
    expect(
      refused(
        await eachFormat(async () => ['change', 'schedule', await conflicting(), '--override-reason', 'accepted']),
      ).table!.err,
    ).toMatch(/^cairn: token:cli may not override/);
    expect(
      ok(await eachFormat(async () => ['change', 'implement', await scheduled(), '-c', 'done'])).table!.out,
    ).toMatch(/^Revision \d+: CIs 1 modified\.\nCHG-\d+ is now implemented\.\n$/);
    ok(await eachFormat(async () => ['change', 'fail', await implemented(), '-c', 'pods crash']));
    expect(ok(await eachFormat(async () => ['change', 'backout', await implemented()])).table!.out).toMatch(
      /^Revision \d+: CIs 1 modified\.\nCHG-\d+ is now backed out\.\n$/,
    );
    const review = refused(
      await eachFormat(async () => [
        'change',
        'review',
        await implemented(),
        '--outcome',
        'successful',
        '--notes',
        'ok',
      ]),
    );
    expect(review.table!.err).toMatch(/^cairn: token:cli may not review CHG-\d+: only a change manager/);
  });

  it('reschedules a change, previews a move with --dry-run, and refuses a conflicting one', async () => {
    const later = ['--start', '2031-07-01T22:00:00Z', '--end', '2031-07-01T23:00:00Z'];
    const moved = ok(
      await eachFormat(async () => ['change', 'reschedule', await scheduled(), ...later, '-c', 'vendor']),
    );
    expect(moved.table!.out).toMatch(/^CHG-\d+ is now scheduled\.\n$/);
    expect(JSON.parse(moved.json!.out)).toMatchObject({
      state: 'scheduled',
      window: { start: '2031-07-01T22:00:00.000Z', end: '2031-07-01T23:00:00.000Z' },
    });
    const preview = ok(
      await eachFormat(async () => ['change', 'reschedule', await authorized(), ...later, '--dry-run']),
    );
    expect(preview.table!.out).toMatch(/would be scheduled in that window/);
    const blocked = refused(
      await eachFormat(async () => {
        await scheduled();
        return ['change', 'reschedule', await authorized(), ...later];
      }),
    );
    expect(blocked.table!.err).toMatch(/^cairn: Cannot move CHG-\d+ to .*also sets attribute "replicas"/);
    refused(await eachFormat(async () => ['change', 'reschedule', (await normal()).ref, ...later]));
  });

  it('applies a policy that makes token:cli a change manager, who then approves, rejects, overrides, reviews and closes', async () => {
    refused(await expectSame(twins, ['policy', 'apply', '-f', file('bad-policy.yaml', 'rules: nope\n')]));
    refused(await expectSame(twins, ['policy', 'apply', '-f', file('list-policy.yaml', '- a\n')]));
    const policy = (await s.policies.current()).policy as { groups: { name: string; members: string[] }[] };
    for (const g of policy.groups) if (g.name === 'change-managers') g.members.push('token:cli');
    const applied = await expectSame(twins, ['policy', 'apply', '-f', file('policy.json', JSON.stringify(policy))]);
    expect(applied.table!.out).toMatch(/^Policy version 2 applied\.\n$/);
    expect(applied.json!.out).toContain('"changed": false');
    await expectSame(twins, ['policy', 'show']);
    expect((await expectSame(twins, ['change', 'pending'])).table!.out).toContain('CHG-3');
    await expectSame(twins, ['cab', 'agenda', '--date', today]);
    const approved = ok(await eachFormat(async () => ['change', 'approve', await submitted('alice'), '-c', 'fine']));
    expect(approved.table!.out).toMatch(
      /^token:cli approved CHG-\d+ for change-managers\. CHG-\d+ is now submitted\. Still: cab needs 2 more\.\n$/,
    );
    expect(
      ok(
        await eachFormat(async () => [
          'change',
          'reject',
          await submitted('alice'),
          '-c',
          'too risky',
          '--group',
          'change-managers',
        ]),
      ).table!.out,
    ).toMatch(/^token:cli rejected CHG-\d+ for change-managers\. CHG-\d+ is now rejected\.\n$/);
    const overridden = ok(
      await eachFormat(async () => ['change', 'schedule', await conflicting(), '--override-reason', 'accepted']),
    );
    expect(overridden.table!.out).toMatch(
      /^CHG-\d+ is now scheduled\.\nConflicts overridden by token:cli:\n {2}! same-attribute: /,
    );
    ok(
      await eachFormat(async () => [
        'change',
        'review',
        await implemented(),
        '--outcome',
        'successful_with_issues',
        '--notes',
        'slow',
      ]),
    );
    expect(ok(await eachFormat(async () => ['change', 'close', await implemented()])).table!.out).toMatch(
      /^CHG-\d+ is now closed\.\n$/,
    );
    await expectSame(twins, ['change', 'show', 'CHG-3']);
  });

  it('attaches a retrospective change to a write made outside change control', async () => {
    const emergency = async () => {
      const i = ++n;
      const write = await s.cmdb.apply(
        { cis: [{ class: 'database', name: 'payments-db', attributes: { version: `16.${i}` } }] },
        { author: 'ops', message: 'hotfix', source: 'cli', emergency: { reason: `INC-${i}` } },
      );
      const c = await s.changes.create(
        {
          type: 'emergency',
          title: `Hotfix ${i}`,
          justification: 'outage',
          plan: { cis: [{ class: 'database', name: 'payments-db', attributes: { version: `16.${i}` } }] },
        },
        'token:cli',
      );
      return { ref: c.ref, revision: write.revision!.rev };
    };
    const first = await emergency();
    await expectSame(twins, ['change', 'unauthorized']);
    expect((await expectSame(twins, ['change', 'attach', first.ref, '--revision', '1'])).table!.err).toBe(
      'cairn: revision 1 is not an unauthorized change (see `cairn change unauthorized`)\n',
    );
    const attached = await eachFormat(async () => {
      const e = await emergency();
      return ['change', 'attach', e.ref, '--revision', String(e.revision)];
    });
    expect(ok(attached).table!.out).toMatch(/^CHG-\d+ now covers the unauthorized change in revision \d+\.\n$/);
    await expectSame(twins, ['change', 'unauthorized', '--all']);
    await expectSame(twins, ['change', 'show', first.ref]);
  });

  it('writes the same iCalendar file', async () => {
    const ics = async (mode: string[], name: string) => {
      const path = join(dir, name);
      const r = await cairnInProcess([
        ...mode,
        'calendar',
        '--from',
        '2000-01-01',
        '--to',
        '2100-01-01',
        '--ics',
        path,
      ]);
      expect(r.err).toBe('');
      // The stamp is when the file was made; everything else is the calendar.
      return readFileSync(path, 'utf8').replace(/^DTSTAMP:.*$/gm, 'DTSTAMP');
    };
    const remote = await ics(['--server', twins.demo.server.url], 'remote.ics');
    expect(remote).toContain('BEGIN:VEVENT');
    expect(remote).toBe(await ics(['--db', twins.demo.db, '--author', twins.principal], 'local.ics'));
  });
});
