import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cairnInProcess } from '../helpers/cli.js';
import { expectSame, startTwins, type Twins } from '../helpers/parity.js';

const SERVICE = 'application/webshop';
// The token's caller (token:cli) is a release manager, so that its promotion approvals count.
const POLICY = `groups:
  - { name: release-managers, members: [rita, "token:cli"] }
rules: []
freeze: []
templates: []
`;
const ENVIRONMENTS = `environments:
  - name: development
  - name: test
  - name: staging
    require: [{ group: release-managers, quorum: 1 }]
  - name: production
    controlled: true
`;

/**
 * Every write runs once per format on a fresh copy of the server's database and once through the
 * server, so a write given one format below is the one that moves the server's state on.
 */
describe('cairn release promote | gates | rollback | deployments and cairn gate print the same on a database and through a server', () => {
  let twins: Twins;
  beforeAll(async () => {
    twins = await startTwins('admin');
    const dir = dirname(twins.demo.db);
    writeFileSync(join(dir, 'policy.yaml'), POLICY);
    writeFileSync(join(dir, 'environments.yaml'), ENVIRONMENTS);
    const server = ['--server', twins.demo.server.url];
    for (const args of [
      ['policy', 'apply', '-f', join(dir, 'policy.yaml')],
      ['env', 'apply', '-f', join(dir, 'environments.yaml')],
    ]) {
      const out = await cairnInProcess([...server, ...args]);
      expect(out.code, out.err).toBe(0);
    }
    // Requested by alice, so that the token's caller may decide them (segregation of duties).
    const releases = twins.demo.server.services.releases;
    for (const version of ['2.0.0', '2.1.0', '2.2.0', '2.3.0'])
      await releases.create(SERVICE, version, { notes: `webshop ${version}` }, 'alice');
    for (const version of ['2.0.0', '2.1.0']) await releases.approve(SERVICE, version, 'rita');
  });
  afterAll(() => twins.close());

  it('release approve and reject, and the refusals that follow', async () => {
    const approved = await expectSame(twins, ['release', 'approve', SERVICE, '2.3.0', '-c', 'ship it'], ['table']);
    expect(approved.table!.out).toBe('Release application/webshop 2.3.0 approved by token:cli.\n');
    const twice = await expectSame(twins, ['release', 'approve', SERVICE, '2.3.0']);
    expect(twice.table!.code).toBe(1);
    const noReason = await expectSame(twins, ['release', 'reject', SERVICE, '2.2.0', '-c', ' ']);
    expect(noReason.table!.err).toContain('a rejection needs a reason');
    const rejected = await expectSame(
      twins,
      ['release', 'reject', SERVICE, '2.2.0', '-c', 'breaks checkout'],
      ['json'],
    );
    expect(JSON.parse(rejected.json!.out)).toMatchObject({ state: 'rejected', decisionComment: 'breaks checkout' });
    await expectSame(twins, ['release', 'show', SERVICE, '2.2.0']);
    await expectSame(twins, ['release', 'list', '--service', SERVICE, '--state', 'approved']);
  });

  it('release gates and a denied promotion (exit 4), then promotions, approvals and a rollback', async () => {
    const allow = await expectSame(twins, ['release', 'gates', SERVICE, '2.0.0', '--env', 'development']);
    expect(allow.table!.out).toMatch(/^ALLOW: application\/webshop 2\.0\.0 into development\n/);
    const deny = await expectSame(twins, ['release', 'gates', SERVICE, '2.0.0', '--env', 'staging']);
    expect(deny.table!.out).toContain('✗ approvals: promotion into staging needs 1 more of release-managers');
    const refused = await expectSame(twins, ['release', 'promote', SERVICE, '2.0.0', '--env', 'test']);
    expect(refused.table!.code).toBe(4);
    expect(refused.table!.err).toContain(
      'previous: application/webshop 2.0.0 has not been deployed and verified in development',
    );
    const rejected = await expectSame(twins, ['release', 'promote', SERVICE, '2.2.0', '--env', 'development']);
    expect(rejected.table!.code).toBe(4);

    const promoted = await expectSame(
      twins,
      ['release', 'promote', SERVICE, '2.0.0', '--env', 'development'],
      ['table'],
    );
    expect(promoted.table!.out).toBe(
      'application/webshop 2.0.0 deployed into development (succeeded, by token:cli, no CI updates applied here).\n',
    );
    await expectSame(
      twins,
      ['release', 'promote', SERVICE, '2.1.0', '--env', 'development', '--pipeline', 'ci#3'],
      ['json'],
    );
    const approval = await expectSame(
      twins,
      ['release', 'approve', SERVICE, '2.0.0', '--env', 'staging', '-c', 'QA signed off'],
      ['yaml'],
    );
    expect(approval.yaml!.out).toContain('group: release-managers');
    const change = await expectSame(
      twins,
      [
        'release',
        'change',
        SERVICE,
        '2.0.0',
        '--env',
        'production',
        '--start',
        '2031-12-01T22:00:00Z',
        '--end',
        '2031-12-01T23:00:00Z',
      ],
      ['table'],
    );
    expect(change.table!.out).toMatch(/^CHG-\d+ opened: /);
    await expectSame(twins, [
      'release',
      'change',
      SERVICE,
      '2.0.0',
      '--env',
      'production',
      '--start',
      '2031-12-01T22:00:00Z',
    ]);

    const back = await expectSame(twins, ['release', 'rollback', SERVICE, '--env', 'development'], ['table']);
    expect(back.table!.out).toMatch(
      /^Rolled back application\/webshop in development from 2\.1\.0 to 2\.0\.0 \(succeeded/,
    );
    await expectSame(twins, ['release', 'rollback', SERVICE, '--env', 'test']);
    await expectSame(twins, ['release', 'rollback', SERVICE, '--env', 'development', '--emergency']);
    const listed = await expectSame(twins, ['release', 'deployments', '--service', SERVICE]);
    expect(listed.table!.out.split('\n')[0]).toMatch(/^ID\s+SERVICE\s+VERSION\s+ENVIRONMENT\s+KIND/);
    await expectSame(twins, ['release', 'deployments', '--env', 'development', '--state', 'succeeded', '--limit', '1']);
    await expectSame(twins, ['release', 'deployments', '--state', 'nope']);
  });

  it('takes the emergency path with its reason, written after the command as before it', async () => {
    for (const args of [
      ['release', 'promote', SERVICE, '2.1.0', '--env', 'staging', '--emergency', '--reason', 'checkout outage'],
      ['--emergency', '--reason', 'checkout outage', 'release', 'promote', SERVICE, '2.1.0', '--env', 'staging'],
    ]) {
      const emergency = await expectSame(twins, args, ['json']);
      expect(emergency.json!.code, emergency.json!.err).toBe(0);
      expect(JSON.parse(emergency.json!.out)).toMatchObject({ environment: 'staging', emergency: 'checkout outage' });
    }
  });

  it('gate check answers allow (0) and deny (4), starts a deployment, and gate report finishes it', async () => {
    const check = (env: string, ...more: string[]) =>
      expectSame(
        twins,
        ['gate', 'check', '--service', SERVICE, '--env', env, '--release', '2.0.0', ...more],
        more.length ? ['table'] : undefined,
      );
    const allow = await check('test');
    expect(allow.table!.code).toBe(0);
    const deny = await check('production');
    expect(deny.table!.code).toBe(4);
    expect(deny.table!.out).toMatch(/^DENY: application\/webshop 2\.0\.0 into production\n/);

    const started = await check('test', '--start', '--pipeline', 'ci#4');
    expect(started.table!.out).toMatch(/\nDeployment dep_\w+ started: report its result with `cairn gate report`\.\n$/);
    const which = ['--service', SERVICE, '--env', 'test', '--release', '2.0.0'];
    const busy = await expectSame(twins, ['release', 'promote', SERVICE, '2.0.0', '--env', 'test']);
    expect(busy.table!.code).toBe(1);
    const reported = await expectSame(
      twins,
      ['gate', 'report', '--result', 'failure', ...which, '--note', 'smoke test failed'],
      ['json'],
    );
    expect(JSON.parse(reported.json!.out)).toMatchObject({ state: 'failed', note: 'smoke test failed' });
    const none = await expectSame(twins, ['gate', 'report', '--result', 'success', ...which]);
    expect(none.table!.code).toBe(1);
    await expectSame(twins, ['gate', 'report', '--result', 'success']);
    await expectSame(twins, ['gate', 'report', '--result', 'maybe', ...which]);
    await expectSame(twins, [
      'gate',
      'report',
      '--result',
      'success',
      '--deployment',
      'dep_01M000000000000000000000000',
    ]);
    await expectSame(twins, ['gate', 'check', '--service', SERVICE, '--env', 'nowhere', '--release', '2.0.0']);
    await expectSame(twins, ['gate', 'check', '--service', SERVICE, '--env', 'test', '--release', '9.9.9']);
    await expectSame(twins, [
      'gate',
      'check',
      '--service',
      SERVICE,
      '--env',
      'test',
      '--release',
      '2.0.0',
      '--wait',
      '--timeout',
      'soon',
    ]);
  });
});
