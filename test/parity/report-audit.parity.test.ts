import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSame, startTwins, type Twins } from '../helpers/parity.js';

describe('cairn report audit and report releases print the same on a database and through a server', () => {
  let twins: Twins;
  beforeAll(async () => {
    twins = await startTwins('admin');
  });
  afterAll(() => twins.close());

  it('audits the demo go-live baseline, up to now and up to a point, and refuses a point before it', async () => {
    const now = await expectSame(twins, ['report', 'audit', 'go-live']);
    expect(now.table!.code).toBe(0);
    expect(now.table!.out).toMatch(/^Configuration audit of baseline go-live \(CMDB revision \d+\)/);
    const doc = JSON.parse(now.json!.out) as { summary: { label: string; value: number }[] };
    // The demo implements changes after go-live: some differences, each counted once.
    const figure = (label: string) => doc.summary.find((f) => f.label === label)!.value;
    expect(figure('Differences')).toBeGreaterThan(0);
    const baselineRev = figure('Baseline revision');
    const at = await expectSame(twins, ['report', 'audit', 'go-live', '--to', String(baselineRev)], ['json']);
    expect(JSON.parse(at.json!.out).summary).toContainEqual({ label: 'Differences', value: 0 });
    const before = await expectSame(twins, ['report', 'audit', 'go-live', '--to', '1'], ['table']);
    expect(before.table!.code).toBe(1);
    expect(before.table!.err).toContain('is before baseline go-live');
    await expectSame(twins, ['report', 'audit', 'nope'], ['table']);
  });

  it('lists the releases by environment', async () => {
    const out = await expectSame(twins, ['report', 'releases']);
    expect(out.table!.code).toBe(0);
    expect(out.table!.out).toMatch(/^Releases by environment\n/);
  });
});
