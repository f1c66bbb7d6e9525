import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cairn, cairnBin } from '../helpers/cli.js';

/** `cairn report` on the demo estate, as docs/reports.md shows it: on screen, as CSV and as a page. */
describe('cairn report on a SQLite file', () => {
  let dir: string;
  const run = (...args: string[]) => cairn(['--db', join(dir, 'cairn.db'), ...args]);
  const ok = async (...args: string[]) => {
    const out = await run(...args);
    expect(out.stderr, args.join(' ')).toBe('');
    expect(out.code, args.join(' ')).toBe(0);
    return out.stdout;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cairn-report-'));
    expect((await run('demo')).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints status accounting as tables, with the headline figures first', async () => {
    const out = await ok('report', 'cis');
    expect(out.split('\n')[0]).toMatch(/^Configuration items by class, status and environment \(CMDB revision \d+\)$/);
    expect(out).toMatch(/CIs: 33 {3}Classes: 12 {3}Environments: 1/);
    expect(out).toMatch(/^linux_server\s+active\s+production\s+6$/m);
    const changes = await ok('report', 'changes', '-o', 'json');
    const doc = JSON.parse(changes) as { summary: { label: string; value: number }[] };
    expect(doc.summary).toEqual([{ label: 'Changes', value: 5 }]);
  });

  it("writes a change's full record as CSV to standard output, and nothing else there", async () => {
    const csv = await ok('report', 'change', 'CHG-1', '--csv', '-');
    const rows = parse(csv, { relax_column_count: true });
    expect(rows[0]).toEqual(['The request']);
    expect(rows).toContainEqual(['Approvals']);
    expect(rows.find((r) => r[1] === 'submit')).toEqual([
      expect.stringMatching(/^\d{4}-/),
      'submit',
      'draft',
      'submitted',
      'alice',
      '',
    ]);
    expect(csv).not.toContain('Wrote the report');
  });

  it('writes the printable page to a file and says so', async () => {
    const page = join(dir, 'baselines.html');
    const out = await ok('report', 'baselines', '--html', page);
    expect(out).toContain(`Wrote the report as a printable page to ${page}.`);
    expect(readFileSync(page, 'utf8')).toMatch(/<h1>Baselines<\/h1>[\s\S]*<td>go-live<\/td>/);
  });

  it('prints the change and DORA metrics of one service, with a series, and refuses an unknown interval', async () => {
    const out = await ok(
      'report',
      'metrics',
      '--service',
      'application/shop-frontend',
      '--from',
      '2026-11-01',
      '--to',
      '2026-12-01',
      '--interval',
      'month',
    );
    expect(out.split('\n')[0]).toBe(
      'Change metrics, 2026-11-01T00:00:00.000Z to 2026-12-01T00:00:00.000Z, service application/shop-frontend',
    );
    expect(out).toContain('Change failure rate: n/a');
    expect(out).toMatch(/^Over time\n/m);
    const json = JSON.parse(
      await ok('report', 'metrics', '--from', '2026-11-01', '--to', '2027-01-01', '--interval', 'month', '-o', 'json'),
    ) as { scope: { interval: string }; series: { from: string }[] };
    expect(json.scope.interval).toBe('month');
    expect(json.series.map((p) => p.from)).toEqual(['2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z']);
    const bad = await run('report', 'metrics', '--interval', 'year');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('interval: "year" is not one of day, week, month');
  });

  it('names what does not exist, with exit status 1', async () => {
    const out = await run('report', 'baseline', 'nope');
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('baseline nope does not exist');
  });
});

describe('the CLI in a pipe whose reader stops early', () => {
  it('stops quietly with status 0 when the reader closes the pipe (`cairn list ci -o json | head -c 100`)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cairn-pipe-'));
    try {
      const db = join(dir, 'cairn.db');
      // More than a pipe holds (64 KiB), so that the CLI is still writing when the reader goes.
      const estate = join(dir, 'estate.json');
      const cis = Array.from({ length: 3000 }, (_, i) => ({
        class: 'server',
        name: `srv-${i}`,
        attributes: { cpu: 2 },
      }));
      writeFileSync(estate, JSON.stringify({ cis, relations: [] }));
      expect((await cairn(['--db', db, 'init'])).code).toBe(0);
      expect((await cairn(['--db', db, 'apply', '-f', estate])).code).toBe(0);
      const child = spawn(cairnBin, ['--db', db, 'list', 'ci', '--all', '-o', 'json'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      // Read one chunk, then close our end, as `head` does.
      await once(child.stdout, 'data');
      child.stdout.destroy();
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(stderr).not.toContain('EPIPE');
      expect(code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
