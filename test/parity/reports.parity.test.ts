import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cairnInProcess } from '../helpers/cli.js';
import { expectSame, normalize, startTwins, type Twins } from '../helpers/parity.js';

/** Status accounting and audit records read the demo estate: its go-live baseline, CHG-1, its CIs. */
describe('cairn report prints the same on a database and through a server', () => {
  let twins: Twins;
  beforeAll(async () => {
    twins = await startTwins('auditor');
  });
  afterAll(() => twins.close());

  it('report cis, now and as of the go-live baseline', async () => {
    const now = await expectSame(twins, ['report', 'cis']);
    expect(now.table!.out).toMatch(/^Configuration items by class, status and environment \(CMDB revision \d+\)/);
    await expectSame(twins, ['report', 'cis', '--at', 'go-live']);
    await expectSame(twins, ['report', 'cis', '--at', 'no-such-baseline']);
  });

  it('report changes, metrics over a period, baselines', async () => {
    const changes = await expectSame(twins, ['report', 'changes']);
    expect(changes.table!.out).toMatch(/^Changes by state, type and risk\n/);
    await expectSame(twins, ['report', 'metrics']);
    await expectSame(twins, ['report', 'metrics', '--from', '2020-01-01T00:00:00Z', '--to', '2040-01-01T00:00:00Z']);
    await expectSame(twins, ['report', 'metrics', '--from', 'yesterday-ish']);
    await expectSame(twins, ['report', 'metrics', '--service', 'application/webshop', '--interval', 'week']);
    await expectSame(twins, ['report', 'metrics', '--interval', 'fortnight']);
    const baselines = await expectSame(twins, ['report', 'baselines']);
    expect(baselines.table!.out).toContain('go-live');
  });

  it('report baseline, ci and change: the full records, and what is not there', async () => {
    await expectSame(twins, ['report', 'baseline', 'go-live']);
    await expectSame(twins, ['report', 'baseline', 'nope']);
    const ci = await expectSame(twins, ['report', 'ci', 'application/webshop']);
    expect(ci.table!.out).toContain('application/webshop');
    await expectSame(twins, ['report', 'ci', 'application/nope']);
    await expectSame(twins, ['report', 'change', 'CHG-1']);
    await expectSame(twins, ['report', 'change', 'CHG-999']);
  });

  it('--csv and --html to standard output are the output, and as files say where they went', async () => {
    for (const word of ['changes', 'baselines']) {
      const csv = await expectSame(twins, ['report', word, '--csv', '-'], ['table']);
      expect(csv.table!.out.split('\n')[0]).toMatch(/,/);
      const html = await expectSame(twins, ['report', word, '--html', '-'], ['table']);
      expect(html.table!.out).toMatch(/^<!doctype html>/i);
    }
    // Each twin writes the same file in turn: the files are compared as well as the sentences.
    const file = join(dirname(twins.demo.db), 'changes.csv');
    const local = await cairnInProcess(['--db', twins.demo.db, 'report', 'changes', '--csv', file]);
    const fromLocal = readFileSync(file, 'utf8');
    const remote = await cairnInProcess(['--server', twins.demo.server.url, 'report', 'changes', '--csv', file]);
    expect(remote).toEqual(local);
    expect(remote.out).toContain(`Wrote the report as CSV to ${file}.`);
    expect(normalize(readFileSync(file, 'utf8'))).toBe(normalize(fromLocal));
  });
});
