import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSame, startTwins, type Twins } from '../helpers/parity.js';

const ENVIRONMENTS = `environments:
  - name: development
  - name: test
  - name: staging
    require: [{ group: change-managers, quorum: 1 }]
  - name: production
    description: what customers use
    controlled: true
    require: [{ group: cab, quorum: 2 }]
    freeze: [year-end]
    windows:
      - { name: friday-evening, start: 2026-12-04T18:00:00Z, duration: PT6H, rrule: FREQ=WEEKLY }
`;

const BAD = `environments:
  - name: production
    require: [{ group: qa, quorum: 1 }]
    freeze: summer
`;

describe('cairn env prints the same on a database and through a server', () => {
  let twins: Twins;
  let dir: string;
  beforeAll(async () => {
    twins = await startTwins('admin');
    dir = dirname(twins.demo.db);
    writeFileSync(join(dir, 'environments.yaml'), ENVIRONMENTS);
    writeFileSync(join(dir, 'bad-environments.yaml'), BAD);
  });
  afterAll(() => twins.close());

  it('env list: the built-in default, in promotion order', async () => {
    const { table } = await expectSame(twins, ['env', 'list']);
    expect(table!.out).toMatch(/^Built-in default environments/);
    expect(table!.out).toMatch(/4\s+production\s+-\s+yes/);
  });

  it('env apply --dry-run, apply, list and versions', async () => {
    const dry = await expectSame(twins, ['env', 'apply', '-f', join(dir, 'environments.yaml'), '--dry-run']);
    expect(dry.table!.out).toBe('Valid: applying it would make a new environments version.\n');
    const applied = await expectSame(twins, ['env', 'apply', '-f', join(dir, 'environments.yaml')]);
    expect(applied.table!.out).toBe('Environments version 1 applied: development → test → staging → production.\n');
    // The server's database now holds version 1: each twin starts from it.
    const again = await expectSame(twins, ['env', 'apply', '-f', join(dir, 'environments.yaml')]);
    expect(again.table!.out).toBe('No changes: environments version 1 is already in force.\n');
    const list = await expectSame(twins, ['env', 'list']);
    expect(list.table!.out).toMatch(/3\s+staging\s+1 of change-managers\s+no\s+-/);
    expect(list.table!.out).toMatch(/4\s+production\s+2 of cab\s+yes\s+year-end, friday-evening \(own\)/);
    const versions = await expectSame(twins, ['env', 'versions']);
    expect(versions.table!.out).toMatch(/VERSION\s+APPLIED\s+BY\s+HASH\n1\s+/);
  });

  it('env apply of a bad document names each field and exits 1', async () => {
    const bad = await expectSame(twins, ['env', 'apply', '-f', join(dir, 'bad-environments.yaml')]);
    expect(bad.table!.code).toBe(1);
    expect(bad.table!.err).toContain('environments[0].require[0].group names group "qa"');
    expect(bad.table!.err).toContain('environments[0].freeze names freeze window "summer"');
  });
});
