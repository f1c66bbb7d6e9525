import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSame, startTwins, type Twins } from '../helpers/parity.js';

const RELEASE = `notes: Faster checkout.
artifacts:
  - { name: image, digest: "sha256:9f86d081884c7d65", location: registry.example.com/shop:1.10.0 }
`;

describe('cairn release prints the same on a database and through a server', () => {
  let twins: Twins;
  let dir: string;
  beforeAll(async () => {
    twins = await startTwins('admin');
    dir = dirname(twins.demo.db);
    writeFileSync(join(dir, 'release.yaml'), RELEASE);
  });
  afterAll(() => twins.close());

  it('create, list newest first, show, and the refusals', async () => {
    const created = await expectSame(twins, [
      'release',
      'create',
      'application/webshop',
      '1.10.0',
      '-f',
      join(dir, 'release.yaml'),
    ]);
    expect(created.table!.err).toBe('');
    expect(created.table!.out).toBe(
      'Release application/webshop 1.10.0 proposed by token:cli: a release manager decides it.\n',
    );
    await expectSame(twins, ['release', 'create', 'application/webshop', '1.9.3']);
    // The demo has releases of the shop's services too: the webshop's are read on their own.
    const list = await expectSame(twins, ['release', 'list', '--service', 'application/webshop']);
    expect(list.table!.out.split('\n')[1]).toMatch(/^application\/webshop\s+1\.10\.0\s+proposed/);
    expect(list.table!.out.split('\n')[2]).toMatch(/^application\/webshop\s+1\.9\.3\s+proposed/);
    const shown = await expectSame(twins, ['release', 'show', 'application/webshop', '1.10.0']);
    expect(shown.table!.out).toContain('application/webshop {"version":"1.10.0"}');
    const bad = await expectSame(twins, ['release', 'create', 'application/webshop', 'v1']);
    expect(bad.table!.code).toBe(1);
    expect(bad.table!.err).toContain('version must be a semantic version');
    // The token's caller requested them: segregation of duties refuses its own approval.
    const own = await expectSame(twins, ['release', 'approve', 'application/webshop', '1.10.0']);
    expect(own.table!.code).toBe(1);
    expect(own.table!.err).toContain('may not approve it');
    await expectSame(twins, ['release', 'list', '--state', 'nope']);
  });
});
